package io.mrk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The class-data-sharing training run: the {@code mrk} launcher runs this once after each build
 * under {@code -XX:ArchiveClassesAtExit}, so the JDK archives the classes an ordinary command loads
 * (command line parsing, the keystore, the cipher, every output style, --query) and later starts
 * map them instead of loading and verifying them again. It runs real commands in a temporary
 * directory with a small password KDF (the archive holds classes, never data) and prints nothing.
 */
final class CdsTraining {

  private CdsTraining() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("mrk-cds-");
    try {
      Map<String, String> env = Map.of("MRK_KEYSTORE", dir.resolve("training.mrk").toString(),
          "MRK_KEYSTORE_PASSWORD", "training-only", "MRK_KDF", "argon2id:m=64,t=1,p=1", "AWS_REGION", "us-east-1");
      PrintWriter sink = new PrintWriter(Writer.nullWriter());
      Path plain = dir.resolve("plain.txt");
      Files.writeString(plain, "training");
      Mrk.run(new String[] {"create-key", "--multi-region", "--tags", "TagKey=a,TagValue=b"}, env, sink, sink);
      StringWriterSink id = new StringWriterSink();
      Mrk.run(new String[] {"list-keys", "--query", "Keys[0].KeyId", "--output", "text"}, env, id.writer(), sink);
      String key = id.text().strip();
      for (List<String> command : List.of(
          List.of("replicate-key", "--key-id", key, "--replica-region", "eu-west-1"),
          List.of("describe-key", "--key-id", key),
          List.of("describe-key", "--key-id", key, "--output", "text"),
          List.of("describe-key", "--key-id", key, "--output", "table"),
          List.of("describe-key", "--key-id", key, "--output", "yaml"),
          List.of("create-alias", "--alias-name", "alias/training", "--target-key-id", key),
          List.of("list-aliases"),
          List.of("encrypt", "--key-id", key, "--plaintext", "fileb://" + plain, "--encryption-context", "a=b"),
          List.of("generate-data-key", "--key-id", key, "--key-spec", "AES_256"),
          List.of("describe-kye"),
          List.of("help"))) {
        Mrk.run(command.toArray(new String[0]), env, sink, sink);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Collects what a command prints. */
  private static final class StringWriterSink {
    private final java.io.StringWriter text = new java.io.StringWriter();

    PrintWriter writer() {
      return new PrintWriter(text);
    }

    String text() {
      return text.toString();
    }
  }
}
