package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.KeyRegistries;
import io.mrk.MrkKeystore;
import io.mrk.audit.AuditFilter;
import io.mrk.audit.AuditRecord;
import io.mrk.audit.AuditReport;
import io.mrk.audit.RegionReport;
import io.mrk.internal.audit.AuditLogFiles;
import io.mrk.internal.audit.AuditMerger;
import io.mrk.internal.audit.AuditVerifier;
import io.mrk.internal.store.KdfParameters;
import io.mrk.internal.store.KeystoreFile;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.Region;
import io.mrk.kms.ReplicateKeyRequest;
import io.mrk.kms.Tag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The outbox invariant, for any interleaving of committed writes, failed writes, crashes between
 * commit and append, and reads: after a final write, every Region's log holds exactly one success
 * record per committed change (none for a failed one), no event twice, and verifies against the
 * keystore's anchors with nothing pending.
 */
class AuditOutboxProperties {

  enum Step { WRITE, FAILED_WRITE, CRASH_AFTER_COMMIT, READ }

  private static final Region US = new Region("us-east-1");
  private static final Region EU = new Region("eu-west-1");
  private static final char[] PASSWORD = "pw".toCharArray();
  private static final String KDF = "argon2id:m=64,t=1,p=1";

  @Provide
  Arbitrary<List<Step>> steps() {
    return Arbitraries.of(Step.class).list().ofMinSize(1).ofMaxSize(8);
  }

  @Property(tries = 40)
  void everyCommittedChangeIsLoggedExactlyOnceAndNoFailedOneIs(@ForAll("steps") List<Step> steps) throws Exception {
    Path dir = Files.createTempDirectory("mrk-outbox");
    try {
      Path file = dir.resolve("keys.mrk");
      List<String> warnings = new ArrayList<>();
      MrkKeystore keystores = MrkKeystore.withDefaults().withKdf(KDF).withAuditWarnings(warnings::add);
      String keyId = keystores.update(file, PASSWORD, r -> {
        String id = r.client(US).createKey(CreateKeyRequest.multiRegionKey("")).keyId().value();
        r.client(US).replicateKey(id, EU, ReplicateKeyRequest.DEFAULTS);
        return id;
      });
      int committedTags = 0;
      int reads = 0;
      for (int i = 0; i < steps.size(); i++) {
        Tag tag = Tag.of("t" + i, "v");
        Region where = i % 2 == 0 ? US : EU;
        switch (steps.get(i)) {
          case WRITE -> {
            keystores.update(file, PASSWORD, r -> {
              r.client(where).tagResource(keyId, List.of(tag));
              return null;
            });
            committedTags++;
          }
          case FAILED_WRITE -> assertThrows(IllegalStateException.class, () -> keystores.update(file, PASSWORD, r -> {
            r.client(where).tagResource(keyId, List.of(tag));
            throw new IllegalStateException("the write fails after the change");
          }));
          case CRASH_AFTER_COMMIT -> {
            // MrkKeystore.update without its last step: the process died after the commit.
            KeystoreFile.update(file, PASSWORD, KdfParameters.parse(KDF), new SecureRandom(), current -> {
              KeyRegistry registry = RegistryCodec.decode(current, KeyRegistries.builder());
              AuditedWrite write = AuditedWrite.begin(registry, file, Clock.systemUTC());
              registry.client(where).tagResource(keyId, List.of(tag));
              return write.encode(RegistryAccess.lineage(registry));
            });
            committedTags++;
          }
          case READ -> {
            KeyRegistry reader = keystores.load(file, PASSWORD);
            reader.client(where).describeKey(keyId);
            assertTrue(MrkKeystore.flushAudit(reader).isEmpty());
            reads++;
          }
        }
      }
      keystores.update(file, PASSWORD, r -> null);

      List<AuditRecord> records = AuditMerger.merge(AuditLogFiles.directoryFor(file), AuditFilter.ALL);
      assertEquals(committedTags, records.stream().filter(r -> r.eventName().equals("TagResource")).count(), steps::toString);
      assertEquals(reads, records.stream().filter(r -> r.eventName().equals("DescribeKey")).count());
      Set<Object> ids = new HashSet<>();
      records.forEach(r -> assertTrue(ids.add(r.eventId()), "an event appears twice: " + r.line()));
      AuditReport report = KeystoreAudit.verify(file, PASSWORD).orElseThrow();
      assertTrue(report.intact(), report::toString);
      assertEquals(0, report.regions().stream().mapToLong(RegionReport::pending).sum());
      assertTrue(warnings.isEmpty(), warnings::toString);
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
