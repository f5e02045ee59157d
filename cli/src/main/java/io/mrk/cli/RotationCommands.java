package io.mrk.cli;

import io.mrk.kms.KmsClient;
import io.mrk.kms.KeyMetadata;
import io.mrk.kms.KeyRotation;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Rotation: a shared property, changed only through the primary. */
final class RotationCommands {

  private RotationCommands() {}

  @Command(name = "enable-key-rotation", description = "Enables automatic rotation (on the primary).")
  static final class EnableKeyRotation extends KmsCommand.Writing {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;
    @Option(names = "--rotation-period-in-days", paramLabel = "DAYS", description = "90..2560, default 365.")
    Integer rotationPeriodInDays;

    @Override
    String operation() {
      return "EnableKeyRotation";
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      client.enableKeyRotation(keyId, rotationPeriodInDays);
      return null;
    }
  }

  @Command(name = "disable-key-rotation", description = "Disables automatic rotation (on the primary).")
  static final class DisableKeyRotation extends KmsCommand.Writing {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;

    @Override
    String operation() {
      return "DisableKeyRotation";
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      client.disableKeyRotation(keyId);
      return null;
    }
  }

  @Command(name = "get-key-rotation-status", description = "Shows the (shared) rotation setting.")
  static final class GetKeyRotationStatus extends KmsCommand.Reading {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;

    @Override
    String operation() {
      return "GetKeyRotationStatus";
    }

    @Override
    Object read(KmsClient client) throws KmsException {
      return KmsShapes.rotationStatus(client.getKeyRotationStatus(keyId));
    }
  }

  @Command(name = "rotate-key-on-demand", description = "Rotates the key material now (on the primary).")
  static final class RotateKeyOnDemand extends KmsCommand.Writing {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;

    @Override
    String operation() {
      return "RotateKeyOnDemand";
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      return Map.of("KeyId", client.rotateKeyOnDemand(keyId));
    }
  }

  @Command(name = "list-key-rotations", description = "Lists the material versions made by rotation.")
  static final class ListKeyRotations extends KmsCommand.Reading {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;
    @Option(names = "--include-key-material", paramLabel = "ALL_KEY_MATERIAL|ROTATIONS_ONLY")
    String includeKeyMaterial;
    @picocli.CommandLine.Mixin
    Paging.PageOptions page;

    @Override
    String operation() {
      return "ListKeyRotations";
    }

    @Override
    void prepare() throws KmsException {
      if (includeKeyMaterial != null && !includeKeyMaterial.equals("ALL_KEY_MATERIAL")
          && !includeKeyMaterial.equals("ROTATIONS_ONLY")) {
        throw new KmsException(KmsError.VALIDATION, "1 validation error detected: Value '" + includeKeyMaterial
            + "' at 'includeKeyMaterial' failed to satisfy constraint: Member must satisfy enum value set:"
            + " [ALL_KEY_MATERIAL, ROTATIONS_ONLY]");
      }
    }

    @Override
    Paging.Paginator paginator() {
      return new Paging.Paginator("Rotations", 100, 1000);
    }

    @Override
    Paging.PageOptions pageOptions() {
      return page;
    }

    /**
     * With ALL_KEY_MATERIAL the first material is listed too. The public API names it only while it
     * is current (DescribeKey's CurrentKeyMaterialId), so for a rotated key that row is refused
     * rather than invented.
     */
    @Override
    Object read(KmsClient client) throws KmsException {
      List<KeyRotation> rotations = client.listKeyRotations(keyId);
      if (!"ALL_KEY_MATERIAL".equals(includeKeyMaterial)) {
        return KmsShapes.rotations(null, null, rotations);
      }
      if (!rotations.isEmpty()) {
        throw new KmsException(KmsError.UNSUPPORTED_OPERATION, "ALL_KEY_MATERIAL for a rotated key needs the"
            + " first material's id, which MRK's public API does not expose yet; use ROTATIONS_ONLY.");
      }
      KeyMetadata key = client.describeKey(keyId);
      return KmsShapes.rotations(key.keyId().value(), key.currentKeyMaterialId(), rotations);
    }
  }
}
