package io.mrk.server;

import io.mrk.kms.KeyListEntry;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KeyRotationStatus;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.time.Instant;

/** When the next automatic rotation of a registry falls due, read from its keys' rotation status. */
final class RotationSchedule {

  private RotationSchedule() {}

  /** The earliest next rotation date of any key, or {@code null} when no key rotates automatically. */
  static Instant next(KeyRegistry registry) {
    Instant next = null;
    for (Region region : registry.regions()) {
      KmsClient client = registry.client(region);
      try {
        for (KeyListEntry k : client.listKeys()) {
          Instant due = nextOf(client, k);
          if (due != null && (next == null || due.isBefore(next))) {
            next = due;
          }
        }
      } catch (KmsException e) {
        // listKeys of the account root is never refused; nothing to schedule then.
      }
    }
    return next;
  }

  private static Instant nextOf(KmsClient client, KeyListEntry key) {
    try {
      KeyRotationStatus s = client.getKeyRotationStatus(key.keyArn());
      return s.keyRotationEnabled() ? s.nextRotationDate() : null;
    } catch (KmsException e) {
      return null;
    }
  }
}
