package io.mrk.cli;

import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsException;
import io.mrk.kms.Tag;
import io.mrk.kms.Region;
import io.mrk.kms.ReplicateKeyRequest;
import io.mrk.kms.ReplicateKeyResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** replicate-key and update-primary-region. */
final class MultiRegionCommands {

  private MultiRegionCommands() {}

  @Command(name = "replicate-key", description = "Replicates a multi-Region primary key into another Region.")
  static final class ReplicateKey extends KmsCommand.Writing {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;
    @Option(names = "--replica-region", required = true, paramLabel = "REGION")
    String replicaRegion;
    @Option(names = "--description", paramLabel = "TEXT")
    String description;
    @Option(names = "--policy", paramLabel = "JSON")
    String policy;
    @Option(names = "--tags", arity = "1..*", paramLabel = "TagKey=K,TagValue=V")
    List<String> tags = new ArrayList<>();
    @Option(names = "--bypass-policy-lockout-safety-check")
    boolean bypassLockoutCheck;

    private String policyText;
    private List<Tag> tagList;

    @Override
    String operation() {
      return "ReplicateKey";
    }

    @Override
    void prepare() throws ParamError, KmsException {
      policyText = Shorthand.text("--policy", policy, Shorthand.MAX_POLICY_BYTES);
      tagList = Shorthand.tags("--tags", tags);
      PolicyCommands.refuseBypass(bypassLockoutCheck);
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      ReplicateKeyResult result = client.replicateKey(keyId, Region.of(replicaRegion),
          new ReplicateKeyRequest(description, policyText, tagList));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("ReplicaKeyMetadata", KmsShapes.keyMetadata(result.replicaKeyMetadata()));
      out.put("ReplicaPolicy", result.replicaPolicy());
      out.put("ReplicaTags", KmsShapes.tagList(result.replicaTags()));
      return out;
    }
  }

  @Command(name = "update-primary-region", description = "Makes the related key in another Region the primary.")
  static final class UpdatePrimaryRegion extends KmsCommand.Writing {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;
    @Option(names = "--primary-region", required = true, paramLabel = "REGION")
    String primaryRegion;

    @Override
    String operation() {
      return "UpdatePrimaryRegion";
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      client.updatePrimaryRegion(keyId, Region.of(primaryRegion));
      return null;
    }
  }
}
