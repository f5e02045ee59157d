package io.mrk.cli;

import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsException;
import io.mrk.kms.ScheduleKeyDeletionResult;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** schedule-key-deletion and cancel-key-deletion. */
final class DeletionCommands {

  private DeletionCommands() {}

  @Command(name = "schedule-key-deletion", description = "Schedules deletion after a 7..30 day waiting period.")
  static final class ScheduleKeyDeletion extends KmsCommand.Writing {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;
    @Option(names = "--pending-window-in-days", paramLabel = "DAYS", description = "7..30, default 30.")
    Integer pendingWindowInDays;

    @Override
    String operation() {
      return "ScheduleKeyDeletion";
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      ScheduleKeyDeletionResult r = client.scheduleKeyDeletion(keyId, pendingWindowInDays);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("KeyId", r.keyId());
      if (r.deletionDate() != null) {
        out.put("DeletionDate", r.deletionDate());
      }
      out.put("KeyState", r.keyState().kmsName());
      out.put("PendingWindowInDays", r.pendingWindowInDays());
      return out;
    }
  }

  @Command(name = "cancel-key-deletion", description = "Cancels a scheduled deletion; the key is then Disabled.")
  static final class CancelKeyDeletion extends KmsCommand.Writing {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;

    @Override
    String operation() {
      return "CancelKeyDeletion";
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      return Map.of("KeyId", client.cancelKeyDeletion(keyId));
    }
  }
}
