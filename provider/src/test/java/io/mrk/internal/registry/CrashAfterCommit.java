package io.mrk.internal.registry;

import io.mrk.KeyRegistries;
import io.mrk.internal.store.KdfParameters;
import io.mrk.internal.store.KeystoreFile;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.Region;
import io.mrk.kms.Tag;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * A child JVM that dies between a write's commit and its audit append: it runs the write as
 * {@code MrkKeystore.update} does, then halts (no shutdown hooks, no cleanup) instead of appending.
 * Arguments: keystore file, password, KDF, key id, Region, tag key.
 */
public final class CrashAfterCommit {

  private CrashAfterCommit() {
  }

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    KeystoreFile.update(file, args[1].toCharArray(), KdfParameters.parse(args[2]), new SecureRandom(), current -> {
      KeyRegistry registry = RegistryCodec.decode(current, KeyRegistries.builder());
      AuditedWrite write = AuditedWrite.begin(registry, file, Clock.systemUTC());
      registry.client(new Region(args[4])).tagResource(args[3], List.of(Tag.of(args[5], "v")));
      return write.encode(RegistryAccess.lineage(registry));
    });
    Runtime.getRuntime().halt(0);
  }
}
