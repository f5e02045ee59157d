package io.mrk.cli;

import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsException;
import io.mrk.kms.Tag;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** create-key, describe-key, list-keys, enable-key, disable-key, update-key-description. */
final class KeyCommands {

  private KeyCommands() {}

  @Command(name = "create-key", description = "Creates a KMS key in the Region (a multi-Region primary with --multi-region).")
  static final class CreateKey extends KmsCommand.Writing {
    @Option(names = "--multi-region", description = "Create a multi-Region primary key.")
    boolean multiRegion;
    @Option(names = "--description", paramLabel = "TEXT")
    String description;
    @Option(names = "--policy", paramLabel = "JSON", description = "Key policy JSON, or file://PATH.")
    String policy;
    @Option(names = "--tags", arity = "1..*", paramLabel = "TagKey=K,TagValue=V")
    List<String> tags = new ArrayList<>();
    @Option(names = "--key-usage", paramLabel = "USAGE", description = "Only ENCRYPT_DECRYPT.")
    String keyUsage;
    @Option(names = "--key-spec", paramLabel = "SPEC", description = "Only SYMMETRIC_DEFAULT.")
    String keySpec;
    @Option(names = "--origin", paramLabel = "ORIGIN", description = "Only AWS_KMS.")
    String origin;
    @Option(names = "--bypass-policy-lockout-safety-check")
    boolean bypassLockoutCheck;

    private String policyText;
    private List<Tag> tagList;

    @Override
    String operation() {
      return "CreateKey";
    }

    @Override
    void prepare() throws ParamError, KmsException {
      policyText = Shorthand.text("--policy", policy, Shorthand.MAX_POLICY_BYTES);
      tagList = Shorthand.tags("--tags", tags);
      PolicyCommands.refuseBypass(bypassLockoutCheck);
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      return KmsShapes.describeKey(client.createKey(new CreateKeyRequest(multiRegion, description, policyText,
          tagList, keyUsage, keySpec, origin)));
    }
  }

  @Command(name = "describe-key", description = "Shows a key's metadata, including MultiRegionConfiguration.")
  static final class DescribeKey extends KmsCommand.Reading {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;

    @Override
    String operation() {
      return "DescribeKey";
    }

    @Override
    Object read(KmsClient client) throws KmsException {
      return KmsShapes.describeKey(client.describeKey(keyId));
    }
  }

  @Command(name = "list-keys", description = "Lists the keys in the Region.")
  static final class ListKeys extends KmsCommand.Reading {
    @Mixin
    Paging.PageOptions page;

    @Override
    String operation() {
      return "ListKeys";
    }

    @Override
    Paging.Paginator paginator() {
      return new Paging.Paginator("Keys", 100, 1000);
    }

    @Override
    Paging.PageOptions pageOptions() {
      return page;
    }

    @Override
    Object read(KmsClient client) throws KmsException {
      return KmsShapes.keys(client.listKeys());
    }
  }

  @Command(name = "enable-key", description = "Enables the key in this Region only.")
  static final class EnableKey extends KmsCommand.Writing {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;

    @Override
    String operation() {
      return "EnableKey";
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      client.enableKey(keyId);
      return null;
    }
  }

  @Command(name = "disable-key", description = "Disables the key in this Region only; related keys elsewhere keep working.")
  static final class DisableKey extends KmsCommand.Writing {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;

    @Override
    String operation() {
      return "DisableKey";
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      client.disableKey(keyId);
      return null;
    }
  }

  @Command(name = "update-key-description", description = "Sets this Region's description of the key.")
  static final class UpdateKeyDescription extends KmsCommand.Writing {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;
    @Option(names = "--description", required = true, paramLabel = "TEXT")
    String description;

    @Override
    String operation() {
      return "UpdateKeyDescription";
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      client.updateKeyDescription(keyId, description);
      return null;
    }
  }
}
