package io.mrk.cli;

import java.util.Locale;
import java.util.Map;

/** The {@code --output} styles and how each prints a result (already normalised: no Instants). */
enum OutputFormat {
  JSON, TEXT, TABLE, YAML;

  static OutputFormat parse(String value, Map<String, String> env) throws ParamError {
    String name = value;
    String parameter = "--output";
    if (name == null) {
      name = env.get("AWS_DEFAULT_OUTPUT");
      parameter = "$AWS_DEFAULT_OUTPUT";
    }
    if (name == null || name.isEmpty()) {
      return JSON;
    }
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParamError(parameter, "Invalid choice '" + name + "', valid choices are: json | text | table | yaml");
    }
  }

  /** The result as this style prints it; {@code title} is the operation name tables put on top. */
  String render(String title, Object result, Map<String, String> env) {
    return switch (this) {
      case JSON -> AwsJson.render(result);
      case TEXT -> TextOutput.render(result);
      case TABLE -> TableOutput.render(title, result, terminalWidth(env));
      case YAML -> YamlOutput.render(result);
    };
  }

  /** The aws CLI sizes tables to the terminal, and to 80 columns when the output is not one. */
  private static int terminalWidth(Map<String, String> env) {
    if (System.console() == null) {
      return 80;
    }
    try {
      return Integer.parseInt(env.getOrDefault("COLUMNS", "80"));
    } catch (NumberFormatException e) {
      return 80;
    }
  }
}
