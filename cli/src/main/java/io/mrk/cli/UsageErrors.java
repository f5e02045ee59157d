package io.mrk.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Command lines that do not parse, answered as the aws CLI answers them: a short usage, then
 * {@code Invalid choice: 'describe-kye', maybe you meant: * describe-key}, {@code Unknown options:
 * --key-ud, x} (with the closest option), or {@code the following arguments are required: --key-id};
 * exit status 252. The full option list is one {@code --help} away instead of 50 lines of noise.
 */
final class UsageErrors {

  private UsageErrors() {}

  static int handle(CommandLine.ParameterException ex, PrintWriter err) {
    CommandLine cli = ex.getCommandLine();
    CommandSpec spec = cli.getCommandSpec();
    String name = spec.qualifiedName(" ");
    err.println("usage: mrk [options] <command> [parameters]");
    err.println("To see help text, you can run:");
    err.println();
    err.println("  mrk help");
    err.println("  mrk <command> help");
    err.println("  mrk <command> --help");
    err.println();
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      List<String> unmatched = u.getUnmatched();
      String first = unmatched.get(0);
      if (spec.parent() == null && !first.startsWith("-")) {
        List<String> close = Suggestions.closest(first, spec.subcommands().keySet());
        if (close.isEmpty()) {
          err.println("mrk: error: argument command: Invalid choice '" + first + "', valid choices are:");
          err.println();
          err.println(String.join(" | ", spec.subcommands().keySet()));
        } else {
          err.println("Invalid choice: '" + first + "', maybe you meant:");
          err.println();
          close.forEach(c -> err.println("  * " + c));
        }
        return Mrk.USAGE;
      }
      err.println(name + ": Unknown options: " + String.join(", ", unmatched));
      List<String> options = new ArrayList<>();
      for (OptionSpec o : spec.options()) {
        options.addAll(List.of(o.names()));
      }
      for (String arg : unmatched) {
        if (arg.startsWith("-")) {
          String typed = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
          List<String> close = Suggestions.closest(typed, options);
          if (!close.isEmpty()) {
            err.println("maybe you meant: " + String.join(", ", close) + " (for " + typed + ")");
          }
        }
      }
      return Mrk.USAGE;
    }
    if (ex instanceof CommandLine.MissingParameterException m) {
      String missing = m.getMissing().stream().map(UsageErrors::label).collect(Collectors.joining(", "));
      err.println(name + ": error: the following arguments are required: " + missing);
      return Mrk.USAGE;
    }
    err.println(name + ": error: " + ex.getMessage());
    return Mrk.USAGE;
  }

  private static String label(ArgSpec arg) {
    return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
  }
}
