package io.mrk.internal.registry;

import io.mrk.kms.AccountId;
import io.mrk.kms.KeyRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** The one {@link KeyRegistry.Builder}: checks each setting at once and accepts it once. */
public final class RegistryBuilder implements KeyRegistry.Builder {

  private AccountId account;
  private Clock clock;
  private SecureRandom random;
  private Duration replicationDelay;

  @Override
  public RegistryBuilder account(AccountId account) {
    requireUnset(this.account, "account");
    this.account = Objects.requireNonNull(account, "account");
    return this;
  }

  @Override
  public RegistryBuilder clock(Clock clock) {
    requireUnset(this.clock, "clock");
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  @Override
  public RegistryBuilder random(SecureRandom random) {
    requireUnset(this.random, "random");
    this.random = Objects.requireNonNull(random, "random");
    return this;
  }

  @Override
  public RegistryBuilder replicationDelay(Duration delay) {
    requireUnset(this.replicationDelay, "replicationDelay");
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("replicationDelay must not be negative: " + delay);
    }
    this.replicationDelay = delay;
    return this;
  }

  @Override
  public KeyRegistry build() {
    return buildWith(Snapshot.EMPTY, account(), null, LocalKeyRegistry.Mode.IN_MEMORY, Lineage.NEW);
  }

  /**
   * A registry holding {@code snapshot}; a {@code null} audit secret means a new, unstored one. An
   * in-memory registry is its own store; a persisted state is {@code WRITABLE} or {@code READ_ONLY}.
   */
  LocalKeyRegistry buildWith(Snapshot snapshot, AccountId owner, AuditSecret auditSecret,
                             LocalKeyRegistry.Mode mode, Lineage lineage) {
    return new LocalKeyRegistry(owner, clock == null ? Clock.systemUTC() : clock,
        random == null ? new SecureRandom() : random,
        replicationDelay == null ? Duration.ZERO : replicationDelay, snapshot, auditSecret, mode, lineage);
  }

  AccountId account() {
    return account == null ? AccountId.DEFAULT : account;
  }

  static RegistryBuilder of(KeyRegistry.Builder settings) {
    Objects.requireNonNull(settings, "settings");
    if (!(settings instanceof RegistryBuilder b)) {
      throw new IllegalArgumentException("settings must come from KeyRegistries.builder()");
    }
    return b;
  }

  private static void requireUnset(Object current, String name) {
    if (current != null) {
      throw new IllegalStateException(name + " was already set to " + current);
    }
  }
}
