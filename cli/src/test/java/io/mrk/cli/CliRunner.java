package io.mrk.cli;

import io.mrk.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs {@code mrk} command lines in-process against one temporary keystore, with small KDF parameters. */
final class CliRunner {

  static final String TEST_KDF = "argon2id:m=64,t=1,p=1";

  private final Map<String, String> env = new HashMap<>();

  CliRunner(Path keystore) {
    env.put("MRK_KEYSTORE", keystore.toString());
    env.put("MRK_KEYSTORE_PASSWORD", "cli-test-password");
    env.put("MRK_KDF", TEST_KDF);
    env.put("AWS_REGION", "us-east-1");
  }

  CliRunner without(String variable) {
    env.remove(variable);
    return this;
  }

  CliRunner with(String variable, String value) {
    env.put(variable, value);
    return this;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Mrk.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(status, out.toString(), err.toString());
  }

  /** A finished command: exit status, standard output and standard error. */
  record Result(int status, String out, String err) {

    /** Asserts success for commands that, like their aws kms counterparts, print nothing. */
    void ok() {
      if (status != 0 || !out.isEmpty()) {
        throw new AssertionError("expected silent success, got " + status + ":\n" + out + err);
      }
    }

    /** The output parsed as JSON; the command must have succeeded. */
    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      if (status != 0) {
        throw new AssertionError("command failed with " + status + ":\n" + err);
      }
      try {
        return (Map<String, Object>) Json.parse(out);
      } catch (Exception e) {
        throw new AssertionError("output is not JSON: " + out, e);
      }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String field) {
      return (Map<String, Object>) json().get(field);
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String field) {
      return (List<Object>) json().get(field);
    }
  }
}
