package io.mrk.cli;

import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import java.io.IOException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** put-key-policy and get-key-policy. Policies are independent per Region. */
final class PolicyCommands {

  private PolicyCommands() {}

  @Command(name = "put-key-policy", description = "Sets the key policy of the key in this Region.")
  static final class PutKeyPolicy extends KmsCommand.Writing {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;
    @Option(names = "--policy-name", defaultValue = "default", paramLabel = "NAME")
    String policyName;
    @Option(names = "--policy", required = true, paramLabel = "JSON", description = "JSON text or file://PATH.")
    String policy;

    @Override
    String operation() {
      return "PutKeyPolicy";
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      try {
        client.putKeyPolicy(keyId, policyName, Shorthand.text(policy));
      } catch (IOException e) {
        throw new KmsException(KmsError.VALIDATION, "Cannot read the policy: " + e.getMessage());
      }
      return null;
    }
  }

  @Command(name = "get-key-policy", description = "Shows the key policy of the key in this Region.")
  static final class GetKeyPolicy extends KmsCommand.Reading {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;
    @Option(names = "--policy-name", defaultValue = "default", paramLabel = "NAME")
    String policyName;

    @Override
    String operation() {
      return "GetKeyPolicy";
    }

    @Override
    Object read(KmsClient client) throws KmsException {
      return Map.of("Policy", client.getKeyPolicy(keyId, policyName));
    }
  }
}
