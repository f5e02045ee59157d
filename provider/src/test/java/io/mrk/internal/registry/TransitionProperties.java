package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.mrk.internal.policy.DefaultKeyPolicy;
import io.mrk.internal.registry.LocalKeyRegistry.Outcome;
import io.mrk.kms.AccountId;
import io.mrk.kms.CreateGrantRequest;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import io.mrk.kms.ReplicateKeyRequest;
import io.mrk.kms.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The operations as pure transitions, called directly on snapshots without a registry, a lock or an
 * audit: every transition is a function of (actor, snapshot, now, request, random seed) alone; a
 * refused one throws and leaves its input snapshot exactly as it was; an accepted one yields a
 * snapshot the decoder's rules ({@link SnapshotRules}) accept.
 */
class TransitionProperties {

  private static final AccountId ACCOUNT = AccountId.DEFAULT;
  private static final List<Region> REGIONS = List.of(new Region("us-east-1"), new Region("eu-west-1"),
      new Region("cn-north-1"));
  /** The keystore holder, the account root (allowed by the default policy) and a stranger (denied). */
  private static final List<String> PRINCIPALS = java.util.Arrays.asList(null,
      "arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:user/mallory");
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final AuditSecret SECRET = AuditSecret.generate(Fixture.seeded(99));

  enum Op {
    CREATE_MRK, CREATE_SINGLE, REPLICATE, UPDATE_PRIMARY, ENABLE, DISABLE, SCHEDULE_DELETION,
    CANCEL_DELETION, ENABLE_ROTATION, DISABLE_ROTATION, ROTATE_ON_DEMAND, TAG, UNTAG, DESCRIBE, PUT_POLICY,
    CREATE_ALIAS, UPDATE_ALIAS, DELETE_ALIAS, CREATE_GRANT, REVOKE_GRANT, RETIRE_BY_TOKEN
  }

  record Step(Op op, int region, int principal, int key, int param, int daysLater) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Op.class), Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 5),
            Arbitraries.integers().between(0, 400), Arbitraries.integers().between(0, 40))
        .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(40);
  }

  @Property(tries = 150)
  void transitionsArePureAndRefusalsTouchNothing(@ForAll("steps") List<Step> steps) {
    Snapshot s = Snapshot.EMPTY;
    Instant now = START;
    List<String> keys = new ArrayList<>();
    long seed = 1;
    for (Step step : steps) {
      now = now.plus(Duration.ofDays(step.daysLater()));
      Snapshot before = s;
      byte[] encodedBefore = encode(before, now);
      Result first = run(step, before, now, keys, seed);
      Result second = run(step, before, now, keys, seed);
      assertArrayEquals(encodedBefore, encode(before, now), step + " changed its input snapshot");
      assertEquals(first.describe(now), second.describe(now), step + " is not a function of its inputs");
      Statistics.collect(first.outcome() != null ? "accepted" : "refused");
      if (first.outcome() != null) {
        Snapshot next = first.outcome().next();
        assertNull(SnapshotRules.problem(next), step + " produced a snapshot the decoder refuses");
        s = next;
        if (first.outcome().value() instanceof io.mrk.kms.KeyMetadata created) {
          keys.add(created.keyId().value());
        }
      }
      seed++;
    }
    // Both paths must be exercised, or the property proves nothing about one of them.
    Statistics.coverage(c -> {
      c.check("accepted").percentage(p -> p > 10);
      c.check("refused").percentage(p -> p > 10);
    });
  }

  /** The outcome or the refusal of one transition. */
  record Result(Outcome<?> outcome, KmsException refusal) {
    String describe(Instant now) {
      return outcome != null
          ? "ok " + java.util.HexFormat.of().formatHex(encode(outcome.next(), now)) + " " + outcome.value()
          : "refused " + refusal.error() + " " + refusal.getMessage();
    }
  }

  private static Result run(Step step, Snapshot s, Instant now, List<String> keys, long seed) {
    Region region = REGIONS.get(step.region());
    Actor actor = new Actor(region, ACCOUNT, PRINCIPALS.get(step.principal()));
    MaterialFactory materials = new MaterialFactory(Fixture.seeded(seed));
    String key = step.key() < keys.size() ? keys.get(step.key())
        : step.key() == 5 ? "mrk-00000000000000000000000000000000" : "not-a-key";
    Region other = REGIONS.get((step.region() + 1 + step.param() % 2) % REGIONS.size());
    Duration delay = step.param() % 3 == 0 ? Duration.ZERO : Duration.ofMinutes(step.param());
    try {
      return new Result(switch (step.op()) {
        case CREATE_MRK, CREATE_SINGLE -> KeyTransitions.create(actor, s, now, materials,
            step.op() == Op.CREATE_MRK ? CreateKeyRequest.multiRegionKey("d") : CreateKeyRequest.singleRegionKey("d"),
            "d", Map.of());
        case REPLICATE -> ReplicaTransitions.replicate(actor, s, now, delay, key, other,
            ReplicateKeyRequest.DEFAULTS, "", Map.of());
        case UPDATE_PRIMARY -> ReplicaTransitions.updatePrimary(actor, s, now, delay, key, other);
        case ENABLE -> KeyTransitions.enable(actor, s, now, key);
        case DISABLE -> KeyTransitions.disable(actor, s, key);
        case SCHEDULE_DELETION -> KeyTransitions.scheduleDeletion(actor, s, now, key, 7 + step.param() % 24);
        case CANCEL_DELETION -> KeyTransitions.cancelDeletion(actor, s, key);
        case ENABLE_ROTATION -> RotationTransitions.enable(actor, s, now, key, 90 + step.param());
        case DISABLE_ROTATION -> RotationTransitions.disable(actor, s, now, key);
        case ROTATE_ON_DEMAND -> RotationTransitions.rotateOnDemand(actor, s, now, materials, key);
        case TAG -> PropertyTransitions.tag(actor, s, key, List.of(Tag.of("k" + step.param() % 3, "v")));
        case UNTAG -> PropertyTransitions.untag(actor, s, key, List.of("k" + step.param() % 3));
        case DESCRIBE -> PropertyTransitions.describe(actor, s, key, "description " + step.param());
        case PUT_POLICY -> PropertyTransitions.putPolicy(actor, s, key, step.param() % 2 == 0
            ? "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\",\"Principal\":\"*\","
                + "\"Action\":\"kms:*\",\"Resource\":\"*\"}]}"
            : DefaultKeyPolicy.document(region.partition(), ACCOUNT));
        case CREATE_ALIAS -> AliasTransitions.create(actor, s, now,
            AliasTransitions.customerAlias(region, "alias/a" + step.param() % 3), key);
        case UPDATE_ALIAS -> AliasTransitions.update(actor, s, now,
            AliasTransitions.customerAlias(region, "alias/a" + step.param() % 3), key);
        case DELETE_ALIAS -> AliasTransitions.delete(actor, s,
            AliasTransitions.customerAlias(region, "alias/a" + step.param() % 3));
        case CREATE_GRANT -> GrantTransitions.create(actor, s, now, materials, new CreateGrantRequest(key,
            "arn:aws:iam::111122223333:role/app", List.of("Encrypt", "Decrypt"), null, null, null));
        case REVOKE_GRANT -> GrantTransitions.remove(actor, s, key, firstGrantId(s, key, region), "kms:RevokeGrant");
        case RETIRE_BY_TOKEN -> GrantTransitions.retireByToken(region, s, firstGrantToken(s, region));
      }, null);
    } catch (KmsException e) {
      return new Result(null, e);
    }
  }

  private static String firstGrantId(Snapshot s, String key, Region region) {
    for (RegionalKey k : s.regional().values()) {
      if (k.region().equals(region) && k.id().value().equals(key) && !k.grants().isEmpty()) {
        return k.grants().get(0).grantId();
      }
    }
    return "0".repeat(64);
  }

  private static String firstGrantToken(Snapshot s, Region region) {
    for (RegionalKey k : s.regional().values()) {
      if (k.region().equals(region) && !k.grants().isEmpty()) {
        return k.grants().get(0).grantToken();
      }
    }
    return "no-such-token";
  }

  /** The snapshot's full encoding, as the keystore would store it (fixed account, secret and lineage). */
  static byte[] encode(Snapshot s, Instant now) {
    LocalKeyRegistry r = new LocalKeyRegistry(ACCOUNT, Clock.fixed(now, ZoneOffset.UTC), Fixture.seeded(0),
        Duration.ZERO, s, SECRET, LocalKeyRegistry.Mode.WRITABLE, Lineage.NEW);
    return RegistryCodec.encode(r);
  }
}
