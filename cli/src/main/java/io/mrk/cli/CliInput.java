package io.mrk.cli;

import io.mrk.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --cli-input-json} and {@code --generate-cli-skeleton}: the request as JSON in the KMS API's
 * member names ({@code KeyId}, {@code EncryptionContext}), mapped to and from the command's options
 * ({@code --key-id}, {@code --encryption-context}) by the aws CLI's naming rule. Options given on the
 * command line take precedence over members of the document.
 */
final class CliInput {

  /** The options every command has that are not request members. */
  private static final Set<String> NOT_MEMBERS = Set.of("--output", "--query", "--no-paginate", "--max-items",
      "--page-size", "--starting-token", "--cli-input-json", "--generate-cli-skeleton", "--debug",
      "--no-cli-pager", "--help", "--keystore", "--region", "--principal");

  private CliInput() {}

  /**
   * The command line with the members of its {@code --cli-input-json} document added as options,
   * after those given explicitly; {@code options} are the command's option names.
   */
  static List<String> expand(List<String> args, Set<String> options) throws ParamError {
    int at = args.indexOf("--cli-input-json");
    if (at < 0) {
      return args;
    }
    if (at + 1 >= args.size()) {
      throw new ParamError("--cli-input-json", "expected one argument");
    }
    Map<String, Object> doc = Shorthand.structure("--cli-input-json", args.get(at + 1));
    List<String> out = new ArrayList<>(args.subList(0, at));
    out.addAll(args.subList(at + 2, args.size()));
    for (Map.Entry<String, Object> e : doc.entrySet()) {
      String option = optionName(e.getKey());
      if (!options.contains(option)) {
        throw new ParamError("--cli-input-json", "Unknown parameter in input: \"" + e.getKey()
            + "\", must be one of: " + String.join(", ", members(options)));
      }
      if (out.contains(option) || out.contains("--no-" + option.substring(2))) {
        continue;
      }
      Object v = e.getValue();
      if (v instanceof Boolean b) {
        if (b) {
          out.add(option);
        }
      } else if (v instanceof List<?> list && list.stream().allMatch(x -> x instanceof String)) {
        out.add(option);
        list.forEach(x -> out.add((String) x));
      } else if (v instanceof Map || v instanceof List) {
        out.add(option);
        out.add(Json.write(v));
      } else if (v != null) {
        out.add(option);
        out.add(String.valueOf(v));
      }
    }
    return out;
  }

  /** {@code KeyId} -> {@code --key-id}. */
  static String optionName(String member) {
    StringBuilder b = new StringBuilder("--");
    for (int i = 0; i < member.length(); i++) {
      char c = member.charAt(i);
      if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(member.charAt(i - 1))) {
        b.append('-');
      }
      b.append(Character.toLowerCase(c));
    }
    return b.toString();
  }

  /** {@code --key-id} -> {@code KeyId}. */
  static String memberName(String option) {
    StringBuilder b = new StringBuilder();
    for (String part : option.substring(2).split("-")) {
      if (!part.isEmpty()) {
        b.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
      }
    }
    return b.toString();
  }

  private static List<String> members(Set<String> options) {
    List<String> names = new ArrayList<>();
    for (String o : options) {
      if (!NOT_MEMBERS.contains(o) && o.startsWith("--")) {
        names.add(memberName(o));
      }
    }
    names.sort(null);
    return names;
  }

  /** The request skeleton: every request option of the command, with a placeholder of its type. */
  static String skeleton(CommandSpec spec, String which) throws ParamError {
    if (!"input".equals(which)) {
      throw new ParamError("--generate-cli-skeleton", "Invalid choice '" + which + "': mrk generates the input"
          + " skeleton only (valid choices: input)");
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    for (OptionSpec o : spec.options()) {
      String name = o.longestName();
      if (NOT_MEMBERS.contains(name) || !name.startsWith("--")) {
        continue;
      }
      doc.put(memberName(name), placeholder(o, name));
    }
    return Json.writePretty(doc) + "\n";
  }

  private static Object placeholder(OptionSpec o, String name) {
    Class<?> type = o.type();
    if (type == boolean.class || type == Boolean.class) {
      return true;
    }
    if (type == Integer.class || type == int.class) {
      return 0;
    }
    if (name.equals("--encryption-context") || name.endsWith("-encryption-context")) {
      return Map.of("KeyName", "");
    }
    if (name.equals("--tags")) {
      return List.of(Map.of("TagKey", "", "TagValue", ""));
    }
    if (name.equals("--constraints")) {
      return Map.of("EncryptionContextSubset", Map.of("KeyName", ""), "EncryptionContextEquals", Map.of("KeyName", ""));
    }
    if (o.isMultiValue()) {
      return List.of("");
    }
    return "";
  }
}
