package io.mrk.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a real client (aws CLI, python) as a child process with a time bound, capturing its output. */
final class ExternalTool {

  record Result(int exitCode, String out, String err) {}

  static final int TIMEOUT_SECONDS = 60;

  private ExternalTool() {}

  /** Skips the calling test LOUDLY unless {@code command --version} (or {@code -c ...}) runs. */
  static void assumeRuns(String why, String... command) {
    boolean ok;
    try {
      ok = run(Map.of(), null, command).exitCode() == 0;
    } catch (IOException e) {
      ok = false;
    }
    assumeTrue(ok, "SKIPPED: " + why + " (" + String.join(" ", command) + " does not run on this machine)");
  }

  /** Runs {@code command} with {@code env} added to this process's environment (a null value removes a variable). */
  static Result run(Map<String, String> env, Path dir, String... command) throws IOException {
    return run(env, dir, List.of(command));
  }

  static Result run(Map<String, String> env, Path dir, List<String> command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
    env.forEach((k, v) -> {
      if (v == null) {
        pb.environment().remove(k);
      } else {
        pb.environment().put(k, v);
      }
    });
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    Path out = Files.createTempFile("tool", ".out");
    Path err = Files.createTempFile("tool", ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
        new java.io.File("/dev/null")));
    Process p = pb.start();
    try {
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        String tail = Files.readString(err, StandardCharsets.UTF_8);
        throw new IOException("timed out after " + TIMEOUT_SECONDS + " s: " + command + "\n"
            + tail.substring(Math.max(0, tail.length() - 4000)));
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
