package io.mrk.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --encryption-context}, shared by the commands that encrypt or decrypt. */
final class EncryptionContextOption {

  @Option(names = "--encryption-context", arity = "1..*", paramLabel = "k=v,...|JSON")
  List<String> values = new ArrayList<>();

  /** The context, parsed and size-checked; call from {@code prepare}. */
  Map<String, String> parse() throws ParamError {
    return Shorthand.encryptionContext("--encryption-context", values);
  }
}
