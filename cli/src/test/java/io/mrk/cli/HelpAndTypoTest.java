package io.mrk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Help as aws users type it, and "maybe you meant" for mistyped commands and options. */
class HelpAndTypoTest {

  @TempDir
  Path dir;

  private CliRunner mrk() {
    return new CliRunner(dir.resolve("keystore.mrk"));
  }

  @Test
  void everyHelpSpellingPrintsTheCommandsOptionsAndExitsZero() {
    for (String[] args : List.of(new String[] {"help", "create-key"}, new String[] {"create-key", "help"},
        new String[] {"create-key", "--help"}, new String[] {"create-key", "-h"})) {
      CliRunner.Result r = mrk().run(args);
      assertEquals(0, r.status(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.out().contains("Usage: mrk create-key"), String.join(" ", args) + ": " + r.out());
      assertTrue(r.out().contains("--multi-region") && r.out().contains("Create a multi-Region primary key"), r.out());
      assertEquals("", r.err());
    }
    CliRunner.Result top = mrk().run("help");
    assertEquals(0, top.status());
    assertTrue(top.out().contains("describe-key") && top.out().contains("generate-data-key"), top.out());
    assertEquals(0, mrk().run("--help").status());
  }

  @Test
  void requiredOptionsDoNotStandInTheWayOfHelp() {
    CliRunner.Result r = mrk().run("describe-key", "-h");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("--key-id"), r.out());
    assertFalse(r.err().contains("Missing required"), r.err());
  }

  @Test
  void everyOptionOfEveryCommandHasADescription() {
    CommandLine cli = Mrk.commandLine(Map.of(), Map.of());
    List<String> undocumented = new ArrayList<>();
    collect(cli, undocumented);
    assertTrue(undocumented.isEmpty(), "options without a description: " + undocumented);
  }

  private static void collect(CommandLine cli, List<String> undocumented) {
    for (OptionSpec o : cli.getCommandSpec().options()) {
      if (o.description().length == 0 || o.description()[0].isBlank()) {
        undocumented.add(cli.getCommandSpec().qualifiedName() + " " + o.longestName());
      }
    }
    if (cli.getCommandSpec().usageMessage().description().length == 0) {
      undocumented.add(cli.getCommandSpec().qualifiedName() + " (the command itself)");
    }
    cli.getSubcommands().values().forEach(sub -> collect(sub, undocumented));
  }

  @Test
  void aMistypedCommandGetsTheClosestOne() {
    CliRunner.Result r = mrk().run("describe-kye");
    assertEquals(252, r.status());
    assertTrue(r.err().contains("Invalid choice: 'describe-kye', maybe you meant:\n\n  * describe-key"), r.err());
    assertTrue(r.err().length() < 600, "a short answer, not the whole usage: " + r.err());
    CliRunner.Result far = mrk().run("frobnicate");
    assertEquals(252, far.status());
    assertTrue(far.err().contains("Invalid choice 'frobnicate', valid choices are:"), far.err());
  }

  @Test
  void aMistypedOptionIsNamedWithTheClosestOne() {
    CliRunner.Result r = mrk().run("describe-key", "--key-id", "k", "--key-ud", "x");
    assertEquals(252, r.status());
    assertTrue(r.err().contains("Unknown options: --key-ud, x"), r.err());
    assertTrue(r.err().contains("maybe you meant: --key-id"), r.err());
    CliRunner.Result missing = mrk().run("describe-key");
    assertEquals(252, missing.status());
    assertTrue(missing.err().contains("the following arguments are required: --key-id"), missing.err());
  }

  @Test
  void suggestionsCountTranspositionsAsOneEdit() {
    assertEquals(1, Suggestions.distance("describe-kye", "describe-key"));
    assertEquals(List.of("--key-id"), Suggestions.closest("--kye-id", List.of("--key-id", "--grant-id", "--region")));
    assertEquals(List.of(), Suggestions.closest("zzzzzz", List.of("encrypt", "decrypt")));
  }
}
