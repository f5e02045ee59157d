package io.mrk.cli;

import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** put-key-policy and get-key-policy. Policies are independent per Region. */
final class PolicyCommands {

  private PolicyCommands() {}

  /**
   * {@code --bypass-policy-lockout-safety-check}: the provider applies the KMS lockout safety check
   * to every policy and offers no way around it, so the flag is refused rather than silently ignored.
   */
  static void refuseBypass(boolean bypass) throws ParamError {
    if (bypass) {
      throw new ParamError("--bypass-policy-lockout-safety-check", "MRK always applies the policy lockout safety"
          + " check; write a policy that lets the caller manage the key (see spec/policy-and-audit.md)");
    }
  }

  @Command(name = "put-key-policy", description = "Sets the key policy of the key in this Region.")
  static final class PutKeyPolicy extends KmsCommand.Writing {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;
    @Option(names = "--policy-name", defaultValue = "default", paramLabel = "NAME")
    String policyName;
    @Option(names = "--policy", required = true, paramLabel = "JSON", description = "JSON text or file://PATH.")
    String policy;
    @Option(names = "--bypass-policy-lockout-safety-check")
    boolean bypassLockoutCheck;

    private String policyText;

    @Override
    String operation() {
      return "PutKeyPolicy";
    }

    @Override
    void prepare() throws ParamError {
      policyText = Shorthand.text("--policy", policy, Shorthand.MAX_POLICY_BYTES);
      refuseBypass(bypassLockoutCheck);
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      client.putKeyPolicy(keyId, policyName, policyText);
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
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("Policy", client.getKeyPolicy(keyId, policyName));
      out.put("PolicyName", policyName);
      return out;
    }
  }
}
