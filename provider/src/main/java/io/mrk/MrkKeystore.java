package io.mrk;

import io.mrk.internal.audit.AuditEvent;
import io.mrk.internal.registry.KeystoreAudit;
import io.mrk.internal.registry.RegistryAccess;
import io.mrk.internal.registry.RegistryCodec;
import io.mrk.internal.store.KdfParameters;
import io.mrk.internal.store.KeystoreFile;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidAlgorithmParameterException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Sealed keystore files as key registries: load one, change one under the file lock, export one
 * Region. This is what the {@code mrk} command line and applications that manage keys use; the
 * {@code MRK} {@link java.security.KeyStore} reads the same files.
 *
 * <p>{@link #update} is the safe way to change a keystore that other processes may change too: it
 * holds an exclusive lock on {@code <file>.lock} while it loads, applies the change and replaces the
 * file atomically, so concurrent writers never lose each other's updates and a crash leaves either
 * the old or the new file, never a damaged one.
 */
public final class MrkKeystore {

  /** A change to a registry that produces a result. */
  @FunctionalInterface
  public interface Change<T> {
    T apply(KeyRegistry registry) throws KmsException;
  }

  private final Clock clock;
  private final KdfParameters kdf;
  private final SecureRandom random;

  private MrkKeystore(Clock clock, KdfParameters kdf, SecureRandom random) {
    this.clock = clock;
    this.kdf = kdf;
    this.random = random;
  }

  /** Keystores with the system clock and the strong default password KDF for new files. */
  public static MrkKeystore withDefaults() {
    return new MrkKeystore(Clock.systemUTC(), KdfParameters.DEFAULT, new SecureRandom());
  }

  /** The same, with another clock (rotation schedules and deletion windows are evaluated against it). */
  public MrkKeystore withClock(Clock clock) {
    return new MrkKeystore(Objects.requireNonNull(clock, "clock"), kdf, random);
  }

  /**
   * The same, with other password-KDF parameters for files it creates, in the form
   * {@code argon2id:m=<KiB>,t=<iterations>,p=<lanes>}. Existing files keep the parameters they have.
   * Weak parameters are for tests only.
   */
  public MrkKeystore withKdf(String kdfParameters) throws InvalidAlgorithmParameterException {
    return new MrkKeystore(clock, KdfParameters.parse(kdfParameters), random);
  }

  /**
   * The registry in {@code file}. Its operations and key bindings are audited in the logs next to
   * the file ({@code <file>.audit/}) until the JVM exits; {@link #flushAudit} waits for them.
   */
  public KeyRegistry load(Path file, char[] password) throws IOException {
    byte[] payload = KeystoreFile.load(file, password);
    KeyRegistry registry;
    try {
      registry = RegistryCodec.decodeReadOnly(payload, settings());
    } finally {
      Arrays.fill(payload, (byte) 0);
    }
    KeystoreAudit.attach(registry, file, clock);
    return registry;
  }

  /** Waits until every audit event recorded so far for {@code file}'s registries is written. */
  public static void flushAudit(Path file) throws IOException {
    KeystoreAudit.flush(file);
  }

  /**
   * Applies {@code change} to the registry in {@code file} (an empty registry if the file does not
   * exist yet) under the file lock, and writes the result back atomically. If {@code change} throws,
   * nothing is written and the file is untouched. The operations {@code change} made, refused ones
   * included, are in the audit logs next to the file when this returns.
   */
  public <T> T update(Path file, char[] password, Change<T> change) throws IOException, KmsException {
    List<T> result = new ArrayList<>(1);
    try {
      KeystoreFile.<KmsException>update(file, password, kdf, random, current -> {
        KeyRegistry registry = decodeOrNew(current);
        RegistryAccess.applyDueRotations(registry);
        List<AuditEvent> events = Collections.synchronizedList(new ArrayList<>());
        RegistryAccess.audit(registry, events::add);
        boolean changed = false;
        try {
          result.add(change.apply(registry));
          changed = true;
        } finally {
          recordAudit(registry, file, events, changed);
        }
        RegistryAccess.advanceLineage(registry, random);
        return RegistryCodec.encode(registry);
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return result.get(0);
  }

  /**
   * Writes to {@code target} a keystore holding only {@code region}'s keys (its primaries and
   * replicas with their material, and its aliases), sealed with {@code targetPassword}: what that
   * Region's servers need, without the other Regions' keys.
   */
  public void exportRegion(Path source, char[] password, Region region, Path target, char[] targetPassword)
      throws IOException {
    if (Files.exists(target) && Files.isSameFile(source, target)) {
      throw new IOException("The export target must not be the source keystore itself");
    }
    KeyRegistry scoped = RegistryCodec.regionScoped(load(source, password), region, settings());
    RegistryAccess.newLineage(scoped, random);
    byte[] payload = RegistryCodec.encode(scoped);
    try {
      KeystoreFile.write(target, payload, targetPassword, kdf, random);
    } finally {
      Arrays.fill(payload, (byte) 0);
    }
  }

  /**
   * The registry in {@code payload} (wiped afterwards), or a new one when there is no file yet.
   * A payload that does not decode travels as UncheckedIOException because PayloadUpdate declares
   * one checked type; {@link #update} unwraps it.
   */
  private KeyRegistry decodeOrNew(byte[] payload) {
    if (payload == null) {
      return settings().build();
    }
    try {
      return RegistryCodec.decode(payload, settings());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      Arrays.fill(payload, (byte) 0);
    }
  }

  private void recordAudit(KeyRegistry registry, Path file, List<AuditEvent> events, boolean willBeStored) {
    try {
      KeystoreAudit.record(registry, file, clock, events, willBeStored);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private KeyRegistry.Builder settings() {
    return KeyRegistry.builder().clock(clock).random(random);
  }
}
