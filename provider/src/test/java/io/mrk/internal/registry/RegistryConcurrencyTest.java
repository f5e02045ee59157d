package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.internal.key.KeyHandles;
import io.mrk.internal.key.KeyMaterialSource;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Readers on the material path while another thread changes the key: every answer is consistent. */
class RegistryConcurrencyTest {

  @Test
  void readersSeeWholeStatesWhileTheKeyChanges() throws Exception {
    Fixture f = new Fixture();
    String mrk = f.us.createKey(CreateKeyRequest.multiRegionKey("")).keyId().value();
    f.us.replicateKey(mrk, Fixture.EU_WEST_1, null);
    KeyMaterialSource eu = KeyHandles.source(f.eu.keyHandle(mrk), io.mrk.internal.key.TestSecrets.access());
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<Throwable> problems = new ConcurrentLinkedQueue<>();
    CountDownLatch started = new CountDownLatch(3);
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      Thread reader = new Thread(() -> {
        started.countDown();
        int lastVersion = 0;
        while (!stop.get()) {
          try {
            int v = eu.encryptionMaterial().version();
            if (v < lastVersion) {
              problems.add(new AssertionError("version went back from " + lastVersion + " to " + v));
            }
            lastVersion = v;
            eu.decryptionMaterial(1);
          } catch (KmsException e) {
            if (e.error() != KmsError.DISABLED) {
              problems.add(e);
            }
          } catch (RuntimeException e) {
            problems.add(e);
          }
        }
      });
      readers.add(reader);
      reader.start();
    }
    started.await();
    for (int i = 0; i < 20; i++) {
      f.eu.disableKey(mrk);
      f.us.rotateKeyOnDemand(mrk);
      f.eu.enableKey(mrk);
      f.eu.tagResource(mrk, List.of(new io.mrk.kms.Tag("i", Integer.toString(i))));
    }
    stop.set(true);
    for (Thread r : readers) {
      r.join();
    }
    assertTrue(problems.isEmpty(), () -> problems.toString());
    assertEquals(21, eu.encryptionMaterial().version());
  }
}
