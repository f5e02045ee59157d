package io.mrk.internal.policy;

import io.mrk.json.Json;
import io.mrk.json.JsonException;
import io.mrk.json.JsonNumber;
import io.mrk.kms.Arn;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.KmsQuotas;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses a key policy document in the subset of the IAM JSON policy language that MRK evaluates
 * completely, refusing everything else with {@code MalformedPolicyDocumentException} whose message
 * names the offending element (e.g. {@code Statement[1].Condition: unsupported operator
 * NumericLessThan}).
 *
 * <p>Refusal rather than partial understanding is the invariant: a policy is either evaluated
 * exactly as written or not stored at all, so that no {@code Deny} is silently ignored.
 * {@code NotPrincipal}, {@code NotAction}, {@code NotResource}, non-{@code AWS} principals, policy
 * variables and operators other than the four string operators are refused as unsupported. The
 * subset is described in {@code spec/policy-and-audit.md}.
 *
 * <p>The size limit is checked before any parsing, and the JSON is read by {@link Json} under its
 * limits; numbers are kept as their source tokens ({@link JsonNumber}), so a condition value is the
 * text the policy wrote and no number is ever expanded. Code outside this package obtains policies
 * through {@link PolicyDocument}, which keeps the text beside the parsed form.
 */
public final class PolicyParser {

  /** KMS key policies are limited to 32 KiB (KMS developer guide, quotas: key policy document size). */
  public static final int MAX_POLICY_BYTES = KmsQuotas.MAX_POLICY_BYTES;

  private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
  private static final String DEFAULT_VERSION = "2008-10-17";
  private static final Set<String> NEGATED_ELEMENTS = Set.of("NotPrincipal", "NotAction", "NotResource");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  private static final Pattern ACTION = Pattern.compile("kms:[A-Za-z*?]+", Pattern.CASE_INSENSITIVE);

  private final Arn keyArn;

  private PolicyParser(Arn keyArn) {
    this.keyArn = keyArn;
  }

  /**
   * Parses {@code document}, the policy of the key {@code keyArn}; {@code Resource} must be
   * {@code "*"} or exactly that ARN.
   */
  public static KeyPolicy parse(String document, Arn keyArn) throws KmsException {
    if (keyArn == null || !keyArn.isKey()) {
      throw new IllegalArgumentException("a key policy belongs to a key ARN");
    }
    if (document == null || document.isBlank()) {
      throw malformed("the policy document is empty.");
    }
    if (utf8Length(document) > MAX_POLICY_BYTES) {
      throw malformed("the policy document exceeds " + MAX_POLICY_BYTES + " bytes.");
    }
    Object root;
    try {
      root = Json.parseKeepingNumberText(document);
    } catch (JsonException e) {
      throw malformed("the policy document is not valid JSON: " + e.getMessage());
    }
    return new PolicyParser(keyArn).policy(root);
  }

  private KeyPolicy policy(Object root) throws KmsException {
    Map<String, Object> top = object(root, "the policy document");
    for (String element : top.keySet()) {
      if (!Set.of("Version", "Id", "Statement").contains(element)) {
        throw malformed(PolicyText.printable(element) + ": unknown element.");
      }
    }
    String version = DEFAULT_VERSION;
    if (top.containsKey("Version")) {
      Object v = top.get("Version");
      if (!(v instanceof String s) || !VERSIONS.contains(s)) {
        throw malformed("Version: expected \"2012-10-17\" or \"2008-10-17\", found " + describe(v) + ".");
      }
      version = s;
    }
    String id = null;
    if (top.containsKey("Id")) {
      id = string(top.get("Id"), "Id");
    }
    if (!top.containsKey("Statement")) {
      throw malformed("Statement: missing.");
    }
    Object statementValue = top.get("Statement");
    List<PolicyStatement> statements = new ArrayList<>();
    Set<String> sids = new HashSet<>();
    if (statementValue instanceof List<?> list) {
      if (list.isEmpty()) {
        throw malformed("Statement: must not be empty.");
      }
      for (int i = 0; i < list.size(); i++) {
        statements.add(statement(list.get(i), "Statement[" + i + "]", sids));
      }
    } else {
      statements.add(statement(statementValue, "Statement", sids));
    }
    return new KeyPolicy(version, id, statements);
  }

  private PolicyStatement statement(Object value, String path, Set<String> sids) throws KmsException {
    Map<String, Object> s = object(value, path);
    for (String element : s.keySet()) {
      if (NEGATED_ELEMENTS.contains(element)) {
        throw malformed(path + "." + element + ": unsupported element (MRK refuses NotPrincipal, NotAction and NotResource).");
      }
      if (!Set.of("Sid", "Effect", "Principal", "Action", "Resource", "Condition").contains(element)) {
        throw malformed(path + "." + PolicyText.printable(element) + ": unknown element.");
      }
    }
    String sid = null;
    if (s.containsKey("Sid")) {
      sid = string(s.get("Sid"), path + ".Sid");
      if (!sids.add(sid)) {
        throw malformed(path + ".Sid: duplicate Sid \"" + PolicyText.printable(sid) + "\"; Sids must be unique.");
      }
    }
    Effect effect = effect(s.get("Effect"), path + ".Effect");
    List<String> principals = new ArrayList<>();
    boolean anyPrincipal = principal(require(s, "Principal", path), path + ".Principal", principals);
    List<String> actions = new ArrayList<>();
    for (String action : strings(require(s, "Action", path), path + ".Action")) {
      actions.add(action(action, path + ".Action"));
    }
    List<String> resources = new ArrayList<>();
    for (String resource : strings(require(s, "Resource", path), path + ".Resource")) {
      if (!resource.equals(PolicyStatement.ANY) && !resource.equals(keyArn.toString())) {
        throw malformed(path + ".Resource: \"" + PolicyText.printable(resource)
            + "\" is not supported; a key policy's Resource must be \"*\" or this key's ARN " + keyArn + ".");
      }
      resources.add(resource);
    }
    List<PolicyCondition> conditions = s.containsKey("Condition")
        ? conditions(s.get("Condition"), path + ".Condition")
        : List.of();
    return new PolicyStatement(sid, effect, anyPrincipal, principals, actions, resources, conditions);
  }

  private static Effect effect(Object value, String path) throws KmsException {
    for (Effect e : Effect.values()) {
      if (e.spelling().equals(value)) {
        return e;
      }
    }
    throw malformed(path + ": expected \"Allow\" or \"Deny\", found " + describe(value) + ".");
  }

  /** Fills {@code principals}; returns true for the anonymous/any principal {@code "*"}. */
  private boolean principal(Object value, String path, List<String> principals) throws KmsException {
    if (PolicyStatement.ANY.equals(value)) {
      return true;
    }
    Map<String, Object> map = object(value, path);
    if (map.isEmpty()) {
      throw malformed(path + ": must name at least one principal.");
    }
    for (String type : map.keySet()) {
      if (!type.equals("AWS")) {
        throw malformed(path + "." + PolicyText.printable(type)
            + ": unsupported principal type (MRK supports only \"AWS\" principals).");
      }
    }
    boolean any = false;
    for (String p : strings(map.get("AWS"), path + ".AWS")) {
      if (p.equals(PolicyStatement.ANY)) {
        any = true;
      } else if (ACCOUNT.matcher(p).matches()) {
        principals.add(DefaultKeyPolicy.rootPrincipal(keyArn.partition(), p));
      } else {
        principals.add(principalArn(p, path + ".AWS"));
      }
    }
    return any;
  }

  private static String principalArn(String p, String path) throws KmsException {
    String[] parts = p.split(":", -1);
    boolean wellFormed = parts.length == 6 && parts[0].equals("arn") && !parts[1].isEmpty()
        && (parts[2].equals("iam") || parts[2].equals("sts")) && parts[3].isEmpty()
        && ACCOUNT.matcher(parts[4]).matches() && !parts[5].isEmpty();
    if (!wellFormed) {
      throw malformed(path + ": invalid principal \"" + PolicyText.printable(p)
          + "\"; expected \"*\", a 12-digit account id or an IAM/STS ARN such as arn:aws:iam::111122223333:role/name.");
    }
    if (p.indexOf('*') >= 0 || p.indexOf('?') >= 0) {
      throw malformed(path + ": wildcards are not allowed in principal \"" + PolicyText.printable(p)
          + "\"; use \"*\" with an aws:PrincipalArn condition.");
    }
    return p;
  }

  private static String action(String action, String path) throws KmsException {
    if (action.equals(PolicyStatement.ANY)) {
      return action;
    }
    if (!ACTION.matcher(action).matches()) {
      throw malformed(path + ": unsupported action \"" + PolicyText.printable(action)
          + "\"; expected \"*\" or kms:<Action>, wildcards * and ? allowed.");
    }
    WildcardPattern pattern = new WildcardPattern(action, true);
    for (String known : KmsActions.POLICY_ACTIONS) {
      if (pattern.matches(KmsActions.PREFIX + known)) {
        return action;
      }
    }
    throw malformed(path + ": \"" + PolicyText.printable(action) + "\" matches no KMS action.");
  }

  private static List<PolicyCondition> conditions(Object value, String path) throws KmsException {
    Map<String, Object> block = object(value, path);
    List<PolicyCondition> conditions = new ArrayList<>();
    for (Map.Entry<String, Object> byOperator : block.entrySet()) {
      ConditionOperator operator = ConditionOperator.bySpelling(byOperator.getKey());
      if (operator == null) {
        throw malformed(path + ": unsupported operator " + PolicyText.printable(byOperator.getKey())
            + " (MRK supports StringEquals, StringNotEquals, StringLike and StringNotLike).");
      }
      String operatorPath = path + "." + operator.spelling();
      Map<String, Object> tests = object(byOperator.getValue(), operatorPath);
      if (tests.isEmpty()) {
        throw malformed(operatorPath + ": must test at least one condition key.");
      }
      for (Map.Entry<String, Object> test : tests.entrySet()) {
        ConditionKey key = ConditionKey.parse(test.getKey());
        String keyPath = operatorPath + "." + PolicyText.printable(test.getKey());
        if (key == null) {
          throw malformed(keyPath + ": unsupported condition key (MRK supports kms:EncryptionContext:<key>, "
              + "kms:CallerAccount and aws:PrincipalArn).");
        }
        List<String> values = conditionValues(test.getValue(), keyPath);
        conditions.add(new PolicyCondition(operator, key, values));
      }
    }
    return conditions;
  }

  /** A condition's values: a string, number or boolean, or a non-empty array of them (IAM accepts all three). */
  private static List<String> conditionValues(Object value, String path) throws KmsException {
    List<Object> raw = value instanceof List<?> list ? new ArrayList<>(list) : List.of(value == null ? "" : value);
    if (value == null || raw.isEmpty()) {
      throw malformed(path + ": expected a value or a non-empty array of values.");
    }
    List<String> values = new ArrayList<>();
    for (Object v : raw) {
      String s;
      if (v instanceof String str) {
        s = str;
      } else if (v instanceof JsonNumber number) {
        s = number.token();
      } else if (v instanceof Boolean b) {
        s = b.toString();
      } else {
        throw malformed(path + ": expected a string, number or boolean, found " + describe(v) + ".");
      }
      if (s.contains("${")) {
        throw malformed(path + ": policy variables such as ${aws:username} are not supported.");
      }
      values.add(s);
    }
    return values;
  }

  /**
   * The UTF-8 length of {@code s}, counted without encoding it and stopping past the limit (a
   * character is at least one byte, so a longer text is refused by its length alone); an unpaired
   * surrogate counts as the three bytes of its replacement, and the JSON reader then refuses it.
   */
  private static long utf8Length(String s) {
    if (s.length() > MAX_POLICY_BYTES) {
      return s.length();
    }
    long bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private static Object require(Map<String, Object> statement, String element, String path) throws KmsException {
    if (!statement.containsKey(element)) {
      throw malformed(path + "." + element + ": missing.");
    }
    return statement.get(element);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String path) throws KmsException {
    if (!(value instanceof Map<?, ?>)) {
      throw malformed(path + ": expected a JSON object, found " + describe(value) + ".");
    }
    return (Map<String, Object>) value;
  }

  private static String string(Object value, String path) throws KmsException {
    if (!(value instanceof String s)) {
      throw malformed(path + ": expected a string, found " + describe(value) + ".");
    }
    return s;
  }

  /** A string or a non-empty array of strings, as Action, Resource and principal lists may be. */
  private static List<String> strings(Object value, String path) throws KmsException {
    if (value instanceof String s) {
      return List.of(s);
    }
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw malformed(path + ": expected a string or a non-empty array of strings, found " + describe(value) + ".");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(string(list.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "\"" + PolicyText.printable(s) + "\"";
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    if (value instanceof List<?>) {
      return "an array";
    }
    return PolicyText.printable(value);
  }

  private static KmsException malformed(String message) {
    return new KmsException(KmsError.MALFORMED_POLICY_DOCUMENT, message);
  }
}
