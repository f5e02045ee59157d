package io.mrk;

import io.mrk.internal.registry.AuditedWrite;
import io.mrk.internal.registry.KeystoreAudit;
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
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

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

  private static final System.Logger LOG = System.getLogger(MrkKeystore.class.getName());

  private final Clock clock;
  private final KdfParameters kdf;
  private final SecureRandom random;
  private final Consumer<String> auditWarnings;

  private MrkKeystore(Clock clock, KdfParameters kdf, SecureRandom random, Consumer<String> auditWarnings) {
    this.clock = clock;
    this.kdf = kdf;
    this.random = random;
    this.auditWarnings = auditWarnings;
  }

  /** Keystores with the system clock and the strong default password KDF for new files. */
  public static MrkKeystore withDefaults() {
    return new MrkKeystore(Clock.systemUTC(), KdfParameters.DEFAULT, new SecureRandom(),
        warning -> LOG.log(System.Logger.Level.WARNING, warning));
  }

  /** The same, with another clock (rotation schedules and deletion windows are evaluated against it). */
  public MrkKeystore withClock(Clock clock) {
    return new MrkKeystore(Objects.requireNonNull(clock, "clock"), kdf, random, auditWarnings);
  }

  /**
   * The same, reporting audit problems of {@link #update} to {@code warnings} (one sentence each)
   * instead of the {@code System.Logger} of this class: a committed write whose events could not be
   * appended yet (they stay sealed in the keystore's outbox until a later write appends them), or
   * refusals that could not be logged. A write never fails because of its audit trail.
   */
  public MrkKeystore withAuditWarnings(Consumer<String> warnings) {
    return new MrkKeystore(clock, kdf, random, Objects.requireNonNull(warnings, "warnings"));
  }

  /**
   * The same, with other password-KDF parameters for files it creates, in the form
   * {@code argon2id:m=<KiB>,t=<iterations>,p=<lanes>}. Existing files keep the parameters they have.
   * Weak parameters are for tests only.
   */
  public MrkKeystore withKdf(String kdfParameters) throws InvalidAlgorithmParameterException {
    return new MrkKeystore(clock, KdfParameters.parse(kdfParameters), random, auditWarnings);
  }

  /**
   * The registry in {@code file}. Its operations and key bindings are audited in the logs next to
   * the file ({@code <file>.audit/}) by an audit trail the registry owns; {@link #flushAudit} waits
   * for them and reports what could not be written.
   */
  public KeyRegistry load(Path file, char[] password) throws IOException {
    byte[] payload = KeystoreFile.load(file, password);
    KeyRegistry registry;
    try {
      registry = RegistryCodec.decode(payload, settings());
    } finally {
      Arrays.fill(payload, (byte) 0);
    }
    KeystoreAudit.attach(registry, file, clock);
    return registry;
  }

  /**
   * Waits until every audit event {@code registry} (from {@link #load}) recorded so far is written.
   *
   * @return what could not be written (e.g. a full disk or a read-only location), one sentence per
   *     problem; empty when everything was written
   */
  public static List<String> flushAudit(KeyRegistry registry) throws IOException {
    return KeystoreAudit.flush(registry);
  }

  /**
   * Applies {@code change} to the registry in {@code file} (an empty registry if the file does not
   * exist yet) under the file lock, and writes the result back atomically. If {@code change} throws,
   * nothing is written and the file is untouched. The operations {@code change} made are sealed
   * into the file with the change (the audit outbox) and appended to the audit logs next to it
   * before this returns; if they cannot be appended now, a later write appends them. When nothing
   * is written, only what happened anyway (refusals, reads) is logged.
   */
  public <T> T update(Path file, char[] password, Change<T> change) throws IOException, KmsException {
    List<T> result = new ArrayList<>(1);
    // The audit outbox (spec/policy-and-audit.md): begun under the lock, sealed by encode, appended after the commit.
    List<AuditedWrite> audit = new ArrayList<>(1);
    try {
      KeystoreFile.<KmsException>update(file, password, kdf, random, current -> {
        KeyRegistry registry = decodeOrNew(current);
        audit.add(AuditedWrite.begin(registry, file, clock));
        result.add(change.apply(registry));
        return audit.get(0).encode();
      });
    } catch (UncheckedIOException e) {
      audit.forEach(a -> a.aborted().forEach(auditWarnings));
      throw e.getCause();
    } catch (IOException | KmsException | RuntimeException | Error e) {
      audit.forEach(a -> a.aborted().forEach(auditWarnings));
      throw e;
    }
    audit.get(0).committed().forEach(auditWarnings);
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

  private KeyRegistry.Builder settings() {
    return KeyRegistry.builder().clock(clock).random(random);
  }
}
