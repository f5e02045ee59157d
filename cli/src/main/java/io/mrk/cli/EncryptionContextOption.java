package io.mrk.cli;

import io.mrk.kms.KmsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --encryption-context k=v,...}, shared by the commands that encrypt or decrypt. */
final class EncryptionContextOption {

  @Option(names = "--encryption-context", arity = "1..*", paramLabel = "k=v,...",
      description = "Encryption context, bound to the ciphertext; decryption needs the same pairs.")
  List<String> pairs = new ArrayList<>();

  Map<String, String> map() throws KmsException {
    return Shorthand.maps(pairs);
  }
}
