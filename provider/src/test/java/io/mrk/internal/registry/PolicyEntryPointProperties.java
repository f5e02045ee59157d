package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.KeyRegistries;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.ReplicateKeyRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * One policy, one verdict: for generated policies that PutKeyPolicy refuses, CreateKey, ReplicateKey
 * and the registry decoder (a payload carrying the policy) refuse them too; and for the valid
 * policies they are made from, all four accept, so the property can fail in either direction.
 */
class PolicyEntryPointProperties {

  static final String PLACEHOLDER_SID = "entry-point-placeholder";

  /** Valid statements the invalid policies are made from (each ends with its closing brace). */
  @Provide
  Arbitrary<String> validStatements() {
    Arbitrary<String> principal = Arbitraries.of("\"*\"", "{\"AWS\":\"111122223333\"}",
        "{\"AWS\":[\"arn:aws:iam::111122223333:role/app\",\"111122223333\"]}");
    Arbitrary<String> action = Arbitraries.of("\"kms:*\"", "[\"kms:Encrypt\",\"kms:Decrypt\"]", "\"kms:GenerateDataKey*\"");
    Arbitrary<String> condition = Arbitraries.of("",
        ",\"Condition\":{\"StringEquals\":{\"kms:EncryptionContext:n\":[1.0,true,\"x\"]}}",
        ",\"Condition\":{\"StringLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/*\"}}");
    return Combinators.combine(Arbitraries.of("Allow", "Deny"), principal, action, condition).as((e, p, a, c) ->
        "{\"Effect\":\"" + e + "\",\"Principal\":" + p + ",\"Action\":" + a + ",\"Resource\":\"*\"" + c + "}");
  }

  /** Ways to break a valid policy, each of which PutKeyPolicy refuses. */
  static final List<UnaryOperator<String>> BREAKAGES = List.of(
      p -> p.replace("\"Effect\":\"Allow\"", "\"Effect\":\"Maybe\"").replace("\"Effect\":\"Deny\"", "\"Effect\":\"Maybe\""),
      p -> p.replace("\"Action\":", "\"NotAction\":"),
      p -> p.replace("\"Resource\":\"*\"", "\"Resource\":\"*\",\"Condition\":{\"NumericLessThan\":{\"kms:CallerAccount\":\"1\"}}"),
      p -> p.replace("\"Resource\":\"*\"", "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"kms:CallerAccount\":1e999999999}}"),
      p -> p.replace("\"Resource\":\"*\"", "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"kms:CallerAccount\":"
          + "9".repeat(2_000) + "}}"),
      p -> p.replace("\"Resource\":\"*\"", "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"kms:CallerAccount\":"
          + "[".repeat(80) + "\"1\"" + "]".repeat(80) + "}}"),
      p -> p.replace("\"Resource\":\"*\"", "\"Resource\":\"arn:aws:kms:us-east-1:111122223333:key/other\""),
      p -> p.replace("\"Resource\":\"*\"", "\"Resource\":\"*\",\"Sid\":\"a\\ud800\""),
      p -> p.replace("\"Resource\":\"*\"", "\"Resource\":\"*\",\"Sid\":\"a\ud800\""),
      p -> p.replace("\"Resource\":\"*\"", "\"Resource\":\"*\",\"Sid\":\"\\u\u0660\u0660\u0664\u0661\""),
      p -> p.replace("\"Resource\":\"*\"", "\"Resource\":\"*\",\"Resource\":\"*\""),
      p -> p.replace("\"Resource\":\"*\"", "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"kms:CallerAccount\":"
          + "\"${aws:username}\"}}"),
      p -> p.replace("\"Version\":\"2012-10-17\"", "\"Version\":\"2099-01-01\""),
      p -> p.replace("\"Version\":\"2012-10-17\"", "\"Version\":\"2012-10-17\",\"Extra\":1"),
      p -> p + " x",
      p -> p.substring(0, p.length() - 1),
      p -> p.replace("\"Version\":\"2012-10-17\"", "\"Version\":\"2012-10-17\",\"Id\":\"" + "i".repeat(33_000) + "\""),
      p -> "{\"Version\":\"2012-10-17\",\"Statement\":[]}");

  @Provide
  Arbitrary<Integer> breakages() {
    return Arbitraries.integers().between(0, BREAKAGES.size() - 1);
  }

  static String policy(List<String> statements) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
  }

  @Property(tries = 60)
  void everyEntryPointRefusesWhatPutKeyPolicyRefuses(
      @ForAll("validStatements") String first, @ForAll("validStatements") String second,
      @ForAll("breakages") int breakage) throws Exception {
    String invalid = BREAKAGES.get(breakage).apply(policy(List.of(first, second)));
    Fixture f = new Fixture();
    String key = f.us.createKey(CreateKeyRequest.multiRegionKey("k")).keyId().value();

    assertMalformed(() -> f.us.putKeyPolicy(key, "default", invalid), invalid);
    assertMalformed(() -> f.us.createKey(request(invalid)), invalid);
    assertMalformed(() -> f.us.replicateKey(key, Fixture.EU_WEST_1, new ReplicateKeyRequest(null, invalid, null)),
        invalid);
    byte[] payload = payloadWithPolicy(f, key, invalid);
    InvalidRegistryException e = assertThrows(InvalidRegistryException.class, () -> decode(payload), invalid);
    assertTrue(e.getMessage().contains("the key policy of arn:aws:kms:us-east-1:"), e.getMessage());
  }

  @Property(tries = 30)
  void everyEntryPointAcceptsTheValidPolicies(
      @ForAll("validStatements") String first, @ForAll("validStatements") String second) throws Exception {
    String valid = policy(List.of(first, second));
    Fixture f = new Fixture();
    String key = f.us.createKey(CreateKeyRequest.multiRegionKey("k")).keyId().value();

    f.us.putKeyPolicy(key, "default", valid);
    assertEquals(valid, f.us.getKeyPolicy(key, "default"));
    String created = f.us.createKey(request(valid)).keyId().value();
    assertEquals(valid, f.us.getKeyPolicy(created, "default"));
    f.us.replicateKey(key, Fixture.EU_WEST_1, new ReplicateKeyRequest(null, valid, null));
    assertEquals(valid, f.eu.getKeyPolicy(key, "default"));
    KmsClient copy = decode(payloadWithPolicy(f, key, valid)).client(Fixture.US_EAST_1);
    assertEquals(valid, copy.getKeyPolicy(key, "default"));
  }

  @Example
  void createKeyAndReplicateKeyApplyTheLockoutCheckAsPutKeyPolicyDoes() throws Exception {
    Fixture f = new Fixture();
    String app = "arn:aws:iam::111122223333:role/app";
    KmsClient asApp = RegistryAccess.client(f.registry, Fixture.US_EAST_1, app);
    String lockout = policy(List.of("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:role/other\"},"
        + "\"Action\":\"kms:*\",\"Resource\":\"*\"}"));
    String open = policy(List.of("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + app + "\"},"
        + "\"Action\":\"kms:*\",\"Resource\":\"*\"}"));
    assertMalformed(() -> asApp.createKey(request(lockout)), lockout);
    String key = asApp.createKey(request(open)).keyId().value();
    assertMalformed(() -> asApp.putKeyPolicy(key, "default", lockout), lockout);
    assertMalformed(() -> asApp.replicateKey(key, Fixture.EU_WEST_1, new ReplicateKeyRequest(null, lockout, null)),
        lockout);
  }

  private static CreateKeyRequest request(String policy) {
    return new CreateKeyRequest(true, "k", policy, List.of(), null, null, null);
  }

  private static void assertMalformed(org.junit.jupiter.api.function.Executable call, String policy) {
    KmsException e = assertThrows(KmsException.class, call, policy);
    assertEquals(KmsError.MALFORMED_POLICY_DOCUMENT, e.error(), e.getMessage());
  }

  private static KeyRegistry decode(byte[] payload) throws InvalidRegistryException {
    return RegistryCodec.decode(payload, KeyRegistries.builder());
  }

  /**
   * The registry's payload with the policy of {@code key} in us-east-1 replaced by {@code policy},
   * spliced into the u16-length-prefixed string where a valid placeholder policy was encoded.
   */
  static byte[] payloadWithPolicy(Fixture f, String key, String policy) throws KmsException {
    String placeholder = policy(List.of("{\"Sid\":\"" + PLACEHOLDER_SID + "\",\"Effect\":\"Allow\","
        + "\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"}"));
    f.us.putKeyPolicy(key, "default", placeholder);
    byte[] payload = RegistryCodec.encode(f.registry);
    byte[] old = placeholder.getBytes(StandardCharsets.UTF_8);
    byte[] replacement = policy.getBytes(StandardCharsets.UTF_8);
    assertTrue(replacement.length <= 0xFFFF, "the test's policy fits the u16 length");
    int at = indexOf(payload, old);
    assertTrue(at >= 2 && indexOf(payload, old, at + 1) < 0, "the placeholder is encoded once");
    byte[] out = new byte[payload.length - old.length + replacement.length];
    System.arraycopy(payload, 0, out, 0, at - 2);
    out[at - 2] = (byte) (replacement.length >>> 8);
    out[at - 1] = (byte) replacement.length;
    System.arraycopy(replacement, 0, out, at, replacement.length);
    System.arraycopy(payload, at + old.length, out, at + replacement.length, payload.length - at - old.length);
    return out;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    return indexOf(haystack, needle, 0);
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
