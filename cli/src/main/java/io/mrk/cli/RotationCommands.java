package io.mrk.cli;

import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsException;
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

    @Override
    String operation() {
      return "ListKeyRotations";
    }

    @Override
    Object read(KmsClient client) throws KmsException {
      return KmsShapes.rotations(client.listKeyRotations(keyId));
    }
  }
}
