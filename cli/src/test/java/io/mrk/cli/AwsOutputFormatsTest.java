package io.mrk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.json.Json;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --output text|table|yaml} against the aws CLI's own formatters: every command's JSON
 * output is rendered by awscli's TextFormatter, TableFormatter and YAMLFormatter (the aws CLI v2
 * package, {@code /usr/bin/python3}) and must equal what mrk prints, byte for byte. The cases cover
 * nested structures, lists of structures with differing keys, empty lists, long and multi-line
 * strings (YAML folding and quoting), strings YAML would misread, and --query results.
 */
class AwsOutputFormatsTest {

  private static final String PYTHON = "/usr/bin/python3";

  @TempDir
  Path dir;

  @Test
  void textTableAndYamlMatchTheAwsCliFormatters() throws Exception {
    Assumptions.assumeTrue(awscliFormattersAvailable(),
        "SKIPPED: the aws CLI v2's formatters (python3 -c 'import awscli.formatter') are not installed");
    CliRunner mrk = new CliRunner(dir.resolve("keystore.mrk"));
    String key = (String) mrk.run("create-key", "--multi-region", "--description", "orders",
        "--tags", "TagKey=team,TagValue=payments", "TagKey=cost,TagValue=42").object("KeyMetadata").get("KeyId");
    mrk.run("replicate-key", "--key-id", key, "--replica-region", "eu-west-1", "--description",
        "a long description with spaces that goes well beyond the eighty column limit, 'quoted': yes # no").json();
    mrk.run("create-alias", "--alias-name", "alias/orders", "--target-key-id", key).ok();
    mrk.run("create-grant", "--key-id", key, "--grantee-principal", "arn:aws:iam::111122223333:role/app",
        "--operations", "Encrypt", "Decrypt", "--constraints", "EncryptionContextSubset={tenant=7}").json();
    mrk.run("create-grant", "--key-id", key, "--grantee-principal", "arn:aws:iam::111122223333:role/ops",
        "--operations", "Decrypt", "--name", "ops").json();
    mrk.run("rotate-key-on-demand", "--key-id", key).json();
    mrk.run("rotate-key-on-demand", "--key-id", key).json();
    String single = (String) mrk.run("create-key", "--description", "line one\nline two\n\n  indented\ttab")
        .object("KeyMetadata").get("KeyId");
    mrk.run("create-key", "--description", "").json();
    mrk.run("schedule-key-deletion", "--key-id", single, "--pending-window-in-days", "7").json();

    List<List<String>> commands = List.of(
        List.of("DescribeKey", "describe-key", "--key-id", key),
        List.of("DescribeKey", "--region", "eu-west-1", "describe-key", "--key-id", key),
        List.of("DescribeKey", "describe-key", "--key-id", single),
        List.of("ListKeys", "list-keys"),
        List.of("ListKeys", "list-keys", "--no-paginate", "--limit", "1"),
        List.of("ListAliases", "list-aliases"),
        List.of("ListGrants", "list-grants", "--key-id", key),
        List.of("ListKeyRotations", "list-key-rotations", "--key-id", key),
        List.of("ListResourceTags", "list-resource-tags", "--key-id", key),
        List.of("GetKeyPolicy", "get-key-policy", "--key-id", key),
        List.of("GetKeyRotationStatus", "get-key-rotation-status", "--key-id", key),
        List.of("ListKeys", "list-keys", "--query", "Keys[].KeyId"),
        List.of("DescribeKey", "describe-key", "--key-id", key, "--query", "KeyMetadata.[KeyId,Enabled,MultiRegion]"),
        List.of("DescribeKey", "describe-key", "--key-id", key, "--query",
            "KeyMetadata.MultiRegionConfiguration.ReplicaKeys"));
    List<Object> cases = new ArrayList<>();
    List<String> expectedLabels = new ArrayList<>();
    List<String> actual = new ArrayList<>();
    for (List<String> command : commands) {
      String[] args = command.subList(1, command.size()).toArray(new String[0]);
      CliRunner.Result json = mrk.run(args);
      assertEquals(0, json.status(), json.err());
      Object data = Json.parse(json.out());
      for (String format : List.of("text", "table", "yaml")) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("title", command.get(0));
        c.put("format", format);
        c.put("data", data);
        cases.add(c);
        expectedLabels.add(format + " " + String.join(" ", command.subList(1, command.size())));
        List<String> withFormat = new ArrayList<>(command.subList(1, command.size()));
        withFormat.add("--output");
        withFormat.add(format);
        CliRunner.Result r = mrk.run(withFormat.toArray(new String[0]));
        assertEquals(0, r.status(), r.err());
        actual.add(r.out());
      }
    }
    List<?> expected = render(cases);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        failures.add(expectedLabels.get(i) + "\n--- aws CLI:\n" + expected.get(i) + "--- mrk:\n" + actual.get(i));
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " of " + expected.size() + " differ:\n" + String.join("\n", failures));
  }

  private static boolean awscliFormattersAvailable() {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      return false;
    }
    try {
      Process p = new ProcessBuilder(PYTHON, "-c", "import awscli.formatter; awscli.formatter.YAMLFormatter")
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private List<?> render(List<Object> cases) throws Exception {
    Path script = dir.resolve("aws_formatters.py");
    try (InputStream in = getClass().getResourceAsStream("aws_formatters.py")) {
      Files.write(script, in.readAllBytes());
    }
    Process p = new ProcessBuilder(PYTHON, script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    p.getOutputStream().write(Json.write(cases).getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the formatter script finished");
    assertEquals(0, p.exitValue(), "the formatter script succeeded");
    return (List<?>) Json.parse(out);
  }
}
