package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mrk.KeyRegistries;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyMetadata;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsException;
import io.mrk.kms.MultiRegionKeyType;
import io.mrk.kms.Region;
import io.mrk.kms.Tag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Random sequences of KMS operations over a few Regions in two partitions, checking after every
 * step the invariants of multi-Region keys and of the registry's atomicity and encoding.
 */
class RegistryProperties {

  static final List<Region> REGIONS = List.of(new Region("us-east-1"), new Region("eu-west-1"),
      new Region("ap-southeast-2"), new Region("cn-north-1"), new Region("cn-northwest-1"));
  static final List<Duration> CLOCK_STEPS = List.of(Duration.ofSeconds(30), Duration.ofMinutes(2),
      Duration.ofDays(8), Duration.ofDays(40), Duration.ofDays(100));

  enum Kind {
    CREATE_MRK, CREATE_SINGLE, REPLICATE, UPDATE_PRIMARY, ROTATE_ON_DEMAND, ENABLE_ROTATION,
    DISABLE_ROTATION, ENABLE, DISABLE, CREATE_ALIAS, UPDATE_ALIAS, DELETE_ALIAS, TAG, UNTAG,
    SCHEDULE_DELETION, CANCEL_DELETION, ADVANCE_CLOCK, ROUND_TRIP;

    /** Operations that may change another Region's independent properties. */
    boolean crossesRegions() {
      return this == REPLICATE || this == UPDATE_PRIMARY || this == ADVANCE_CLOCK;
    }
  }

  /** Every kind once, and the cross-Region ones more often, since they are where MRKs differ. */
  static final List<Kind> WEIGHTED_KINDS = weightedKinds();

  private static List<Kind> weightedKinds() {
    List<Kind> kinds = new ArrayList<>(List.of(Kind.values()));
    kinds.addAll(List.of(Kind.REPLICATE, Kind.REPLICATE, Kind.REPLICATE, Kind.UPDATE_PRIMARY,
        Kind.UPDATE_PRIMARY, Kind.UPDATE_PRIMARY, Kind.CREATE_MRK, Kind.SCHEDULE_DELETION,
        Kind.SCHEDULE_DELETION, Kind.ADVANCE_CLOCK, Kind.ADVANCE_CLOCK));
    return List.copyOf(kinds);
  }

  record Step(Kind kind, int region, int key, int param) {}

  /** The system under test: a registry, its clock, and every key id it has handed out. */
  static final class World {
    final MutableClock clock = new MutableClock();
    final List<String> keyIds = new ArrayList<>();
    final Duration replicationDelay;
    KeyRegistry registry;
    int decodes;

    World(Duration replicationDelay) {
      this.replicationDelay = replicationDelay;
      registry = KeyRegistries.builder().clock(clock).random(Fixture.seeded(1))
          .replicationDelay(replicationDelay).build();
    }

    void apply(Step step) {
      byte[] before = RegistryCodec.encode(registry);
      Map<Region, String> views = independentViews();
      Region region = actingRegion(step);
      try {
        run(step, registry.client(region));
      } catch (KmsException refused) {
        assertArrayEquals(before, RegistryCodec.encode(registry), "refused " + step + " changed the registry: "
            + refused.describe());
        return;
      }
      if (!step.kind().crossesRegions()) {
        Map<Region, String> after = independentViews();
        for (Region other : REGIONS) {
          if (!other.equals(region)) {
            assertEquals(views.get(other), after.get(other), step + " changed " + other);
          }
        }
      }
    }

    /**
     * Mostly a Region that holds the step's key (its primary's Region for the operations only a
     * primary accepts), so that most steps act on a real key.
     */
    private Region actingRegion(Step s) {
      if (s.region() >= REGIONS.size() && !keyIds.isEmpty()) {
        List<Region> holders = new ArrayList<>();
        for (Region r : REGIONS) {
          try {
            KeyMetadata m = registry.client(r).describeKey(key(s));
            boolean primaryOnly = s.kind() == Kind.REPLICATE || s.kind() == Kind.UPDATE_PRIMARY;
            if (primaryOnly && m.multiRegionConfiguration() != null) {
              return m.multiRegionConfiguration().primaryKey().region();
            }
            holders.add(r);
          } catch (KmsException notHere) {
            continue;
          }
        }
        if (!holders.isEmpty()) {
          return holders.get(s.region() % holders.size());
        }
      }
      return REGIONS.get(s.region() % REGIONS.size());
    }

    /** A Region other than {@code acting} that holds the step's key, or {@code acting} if none. */
    private Region holderOtherThan(Region acting, Step s) {
      List<Region> others = new ArrayList<>();
      for (Region r : REGIONS) {
        try {
          registry.client(r).describeKey(key(s));
          if (!r.equals(acting)) {
            others.add(r);
          }
        } catch (KmsException notHere) {
          continue;
        }
      }
      return others.isEmpty() ? acting : others.get(s.param() % others.size());
    }

    private String key(Step s) {
      if (keyIds.isEmpty()) {
        return "mrk-00000000000000000000000000000000";
      }
      return s.key() < 50 ? keyIds.get(keyIds.size() - 1) : keyIds.get(s.key() % keyIds.size());
    }

    private void run(Step s, KmsClient c) throws KmsException {
      String key = key(s);
      Region other = REGIONS.get(s.param() % REGIONS.size());
      String alias = "alias/a" + (s.param() % 3);
      switch (s.kind()) {
        case CREATE_MRK -> keyIds.add(c.createKey(CreateKeyRequest.multiRegionKey("k")).keyId().value());
        case CREATE_SINGLE -> keyIds.add(c.createKey(CreateKeyRequest.singleRegionKey("s")).keyId().value());
        case REPLICATE -> c.replicateKey(key, other, null);
        case UPDATE_PRIMARY -> c.updatePrimaryRegion(key, holderOtherThan(c.region(), s));
        case ROTATE_ON_DEMAND -> c.rotateKeyOnDemand(key);
        case ENABLE_ROTATION -> c.enableKeyRotation(key, 85 + s.param());
        case DISABLE_ROTATION -> c.disableKeyRotation(key);
        case ENABLE -> c.enableKey(key);
        case DISABLE -> c.disableKey(key);
        case CREATE_ALIAS -> c.createAlias(alias, key);
        case UPDATE_ALIAS -> c.updateAlias(alias, key);
        case DELETE_ALIAS -> c.deleteAlias(alias);
        case TAG -> c.tagResource(key, List.of(new Tag("t" + (s.param() % 4), "v" + s.param())));
        case UNTAG -> c.untagResource(key, List.of("t" + (s.param() % 4)));
        case SCHEDULE_DELETION -> c.scheduleKeyDeletion(key, 7 + s.param() % 24);
        case CANCEL_DELETION -> c.cancelKeyDeletion(key);
        case ADVANCE_CLOCK -> clock.advance(CLOCK_STEPS.get(s.param() % CLOCK_STEPS.size()));
        case ROUND_TRIP -> registry = decode(RegistryCodec.encode(registry));
      }
    }

    KeyRegistry decode(byte[] payload) {
      try {
        return RegistryCodec.decode(payload, KeyRegistries.builder().clock(clock)
            .random(Fixture.seeded(100 + decodes++)).replicationDelay(replicationDelay));
      } catch (InvalidRegistryException e) {
        throw new AssertionError(e);
      }
    }

    /** Per Region, everything KMS keeps independently: aliases and each key's own properties. */
    Map<Region, String> independentViews() {
      Map<Region, String> views = new TreeMap<>();
      for (Region r : REGIONS) {
        KmsClient c = registry.client(r);
        StringBuilder b = new StringBuilder();
        try {
          b.append(c.listAliases(null));
          for (var k : c.listKeys()) {
            String id = k.keyId().value();
            KeyMetadata m = c.describeKey(id);
            b.append(List.of(id, m.creationDate(), m.description(), m.keyState(), String.valueOf(m.deletionDate()),
                String.valueOf(m.pendingDeletionWindowInDays()), c.listResourceTags(id),
                c.getKeyPolicy(id, "default"), c.listGrants(id)));
          }
        } catch (KmsException e) {
          throw new AssertionError(e);
        }
        views.put(r, b.toString());
      }
      return views;
    }

    /** One primary per multi-Region key; shared properties read the same in every Region. */
    void checkSharedProperties() {
      Map<String, Set<Region>> holders = new TreeMap<>();
      for (Region r : REGIONS) {
        try {
          for (var k : registry.client(r).listKeys()) {
            holders.computeIfAbsent(k.keyId().value(), x -> new TreeSet<>()).add(r);
          }
        } catch (KmsException e) {
          throw new AssertionError(e);
        }
      }
      holders.forEach(this::checkKey);
    }

    private void checkKey(String id, Set<Region> regions) {
      List<Object> reference = null;
      List<Object> rotationReference = null;
      int primaries = 0;
      for (Region r : regions) {
        KmsClient c = registry.client(r);
        try {
          KeyMetadata m = c.describeKey(id);
          var config = m.multiRegionConfiguration();
          if (config == null) {
            assertEquals(1, regions.size(), "single-Region key " + id + " in several Regions");
            continue;
          }
          if (config.multiRegionKeyType() == MultiRegionKeyType.PRIMARY) {
            primaries++;
            assertEquals(r, config.primaryKey().region());
          }
          Set<Region> members = new TreeSet<>();
          members.add(config.primaryKey().region());
          config.replicaKeys().forEach(k -> members.add(k.region()));
          assertEquals(members, regions, "membership of " + id);
          List<Object> shared = List.of(m.keyId(), m.keySpec(), m.keyUsage(), m.origin(),
              m.currentKeyMaterialId(), config.primaryKey().arn(), config.replicaKeys());
          reference = sameAs(reference, shared, "shared properties of " + id);
          if (!m.keyState().toString().startsWith("Pending")) {
            var status = c.getKeyRotationStatus(id);
            List<Object> rotation = List.of(status.keyRotationEnabled(),
                String.valueOf(status.rotationPeriodInDays()), String.valueOf(status.nextRotationDate()),
                c.listKeyRotations(id));
            rotationReference = sameAs(rotationReference, rotation, "rotation of " + id);
          }
        } catch (KmsException e) {
          throw new AssertionError(e);
        }
      }
      if (id.startsWith("mrk-")) {
        assertEquals(1, primaries, "primaries of " + id);
      }
    }

    private static List<Object> sameAs(List<Object> reference, List<Object> actual, String what) {
      if (reference != null) {
        assertEquals(reference, actual, what);
      }
      return actual;
    }

    void checkRoundTrip() {
      byte[] encoded = RegistryCodec.encode(registry);
      assertArrayEquals(encoded, RegistryCodec.encode(decode(encoded)));
    }

    @Override
    public String toString() {
      return "World[" + keyIds.size() + " keys]";
    }
  }

  /** Replicas synchronise at once, so UpdatePrimaryRegion and crypto-state changes happen often. */
  @Property(tries = 100)
  void multiRegionKeysKeepTheirInvariants(@ForAll("immediate") ActionChain<World> chain) {
    check(chain);
  }

  /** Replicas stay Creating and swapped keys Updating for 30 s, as in KMS. */
  @Property(tries = 100)
  void multiRegionKeysKeepTheirInvariantsWhileSynchronising(@ForAll("delayed") ActionChain<World> chain) {
    check(chain);
  }

  private static void check(ActionChain<World> chain) {
    chain.withInvariant("shared properties", World::checkSharedProperties)
        .withInvariant("encoding round trip", World::checkRoundTrip)
        .run();
  }

  @Provide
  Arbitrary<ActionChain<World>> immediate() {
    return chains(Duration.ZERO);
  }

  @Provide
  Arbitrary<ActionChain<World>> delayed() {
    return chains(Duration.ofSeconds(30));
  }

  private static Arbitrary<ActionChain<World>> chains(Duration replicationDelay) {
    Action.Independent<World> step = () -> Combinators.combine(
            Arbitraries.of(WEIGHTED_KINDS), Arbitraries.integers().between(0, 4 * REGIONS.size() - 1),
            Arbitraries.integers().between(0, 99), Arbitraries.integers().between(0, 99))
        .as(Step::new)
        .map(s -> Transformer.mutate(s.toString(), w -> w.apply(s)));
    return ActionChain.<World>startWith(() -> new World(replicationDelay)).withAction(step)
        .withMaxTransformations(30);
  }
}
