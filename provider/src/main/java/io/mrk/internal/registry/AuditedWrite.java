package io.mrk.internal.registry;

import io.mrk.internal.audit.AuditEvent;
import io.mrk.internal.audit.AuditSection;
import io.mrk.internal.audit.AuditTrail;
import io.mrk.internal.audit.PendingEvent;
import io.mrk.internal.audit.WriterLineage;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.Region;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit side of one write to a keystore file: the outbox (spec/policy-and-audit.md, "Outbox").
 *
 * <ol>
 *   <li>{@link #begin}, under the keystore's write lock: appends what the previous write left in its
 *       outbox (a crash between its commit and its append), reads every Region's head as this
 *       write's anchors, and collects the events of the change instead of appending them.</li>
 *   <li>{@link #encode}: the payload with the audit section: anchors, write count, and the outbox =
 *       the events still undelivered plus this change's events, all stamped now.</li>
 *   <li>{@link #committed}, after the file was replaced: appends the outbox (idempotent by event id,
 *       so a concurrent recovery never doubles an event). Events of a write are thus in a log only
 *       if the write committed, and never lost once it did.</li>
 *   <li>{@link #aborted}, when the change or the file write failed: nothing of it was stored, so its
 *       successful changes did not happen and are not logged; refusals and read-only calls did
 *       happen and are appended directly.</li>
 * </ol>
 */
public final class AuditedWrite {

  private final KeyRegistry registry;
  private final AuditTrail trail;
  private final boolean secretStored;
  private final List<AuditEvent> collected = Collections.synchronizedList(new ArrayList<>());
  private final List<String> problems = new ArrayList<>();
  private AuditSection previous;
  private AuditTrail.Delivery recovered;
  private AuditSection sealed;

  private AuditedWrite(KeyRegistry registry, AuditTrail trail, boolean secretStored) {
    this.registry = registry;
    this.trail = trail;
    this.secretStored = secretStored;
  }

  /** Starts the audit of a write of {@code registry} (just decoded under the lock) to {@code keystoreFile}. */
  public static AuditedWrite begin(KeyRegistry registry, Path keystoreFile, Clock clock) {
    AuditSecret secret = RegistryAccess.local(registry).auditSecret();
    AuditTrail trail = AuditTrail.forKeystore(keystoreFile, secret.chainKeys(), clock, AuditTrail.DEFAULT_LOCK_WAIT);
    AuditedWrite write = new AuditedWrite(registry, trail, secret.stored());
    write.previous = secret.committed();
    if (write.previous.legacy()) {
      write.problems.addAll(trail.archiveLegacyLogs(RegistryAccess.local(registry).regions()));
    }
    write.recovered = trail.deliver(write.previous.anchors(), write.previous.outbox());
    write.problems.addAll(write.recovered.problems());
    RegistryAccess.audit(registry, write.collected::add);
    return write;
  }

  /**
   * The payload of {@code registry} now, sealing this write's audit section. Its events name
   * {@code committing}, the lineage this write commits, so that the logs tell a later reader that
   * the file reached that generation ({@link io.mrk.internal.audit.RecordedGeneration}).
   */
  public byte[] encode(Lineage committing) {
    RegistryAccess.audit(registry, AuditSink.NONE);
    WriterLineage stamp = committing.keystoreId().isEmpty() || committing.generation() == 0 ? null
        : new WriterLineage(committing.keystoreId(), committing.generation());
    List<PendingEvent> outbox = new ArrayList<>(recovered.undelivered());
    synchronized (collected) {
      for (AuditEvent e : collected) {
        outbox.add(PendingEvent.of(e, trail.clock().instant(), stamp));
      }
    }
    sealed = new AuditSection(previous.writes() + 1, recovered.anchors(), bounded(outbox, stamp), false);
    return RegistryCodec.encode(registry, sealed);
  }

  /**
   * Keeps at most {@link AuditSection#MAX_OUTBOX_EVENTS} events (only when logs stayed unwritable
   * for thousands of events): the oldest collapse into one {@value AuditTrail#DROPPED_EVENT} per Region.
   */
  private List<PendingEvent> bounded(List<PendingEvent> outbox, WriterLineage stamp) {
    int excess = outbox.size() - AuditSection.MAX_OUTBOX_EVENTS;
    if (excess <= 0) {
      return outbox;
    }
    Map<Region, Long> dropped = new LinkedHashMap<>();
    // Room for one drop notice per Region: cut as many more events as there are Regions.
    long regions = outbox.stream().map(PendingEvent::region).distinct().count();
    int cut = (int) Math.min(outbox.size(), excess + regions);
    for (PendingEvent p : outbox.subList(0, cut)) {
      dropped.merge(p.region(), 1L, Long::sum);
    }
    List<PendingEvent> kept = new ArrayList<>();
    dropped.forEach((region, n) -> kept.add(PendingEvent.of(AuditEvent.serviceEvent(AuditTrail.DROPPED_EVENT,
        region, Map.of("droppedEvents", BigDecimal.valueOf(n)), List.of()), trail.clock().instant(), stamp)));
    problems.add(cut + " committed audit events were dropped from the outbox: the logs stayed unwritable");
    kept.addAll(outbox.subList(cut, outbox.size()));
    return kept;
  }

  /** The audit section {@link #encode} sealed into the payload (null before). */
  AuditSection sealed() {
    return sealed;
  }

  /** After the commit: appends the outbox. Returns the problems met (empty when everything was written). */
  public List<String> committed() {
    try {
      problems.addAll(trail.deliver(sealed.anchors(), sealed.outbox()).problems());
      return List.copyOf(problems);
    } finally {
      trail.close();
    }
  }

  /** After a failed change or write: appends what happened anyway. Returns the problems met. */
  public List<String> aborted() {
    RegistryAccess.audit(registry, AuditSink.NONE);
    try {
      List<AuditEvent> happened = new ArrayList<>();
      synchronized (collected) {
        for (AuditEvent e : collected) {
          if (e.errorCode() != null || e.readOnly()) {
            happened.add(e);
          }
        }
      }
      if (!happened.isEmpty() && !secretStored) {
        problems.add(happened.size() + " audit events not recorded: the keystore was not created, so no"
            + " stored secret could verify them");
        return List.copyOf(problems);
      }
      happened.forEach(trail::record);
      AuditTrail.Health health = trail.flush();
      problems.addAll(health.problems());
      return List.copyOf(problems);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add("interrupted while writing the audit trail");
      return List.copyOf(problems);
    } finally {
      trail.close();
    }
  }
}
