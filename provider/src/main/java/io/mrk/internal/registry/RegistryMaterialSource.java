package io.mrk.internal.registry;

import io.mrk.internal.audit.AuditEvent;
import io.mrk.internal.audit.AuditIdentity;
import io.mrk.internal.key.KeyMaterial;
import io.mrk.internal.key.KeyMaterialSource;
import io.mrk.internal.key.SessionCaches;
import io.mrk.kms.Arn;
import io.mrk.kms.KeyId;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The material of one key in one Region, subject to that Region's key state and to that Region's
 * key policy and grants for the handle's principal.
 *
 * <p>The cipher calls {@link #encryptionMaterial()} or {@link #checkCanDecrypt()} on every init, so
 * both the state check and the policy decision are cached per snapshot: while the registry's
 * snapshot is the same object, the answer is the same, and a read of one volatile field plus a clock
 * read is all a call costs. Any change (a new policy, a revoked grant, a disabled key) makes a new
 * snapshot, so it takes effect at the very next init; a {@code Cipher} already initialised keeps
 * its binding until it is initialised again (decisions are made where keys are bound, not per
 * message).
 *
 * <p>Each binding is recorded as an {@code Encrypt} or {@code Decrypt} audit event, allowed or
 * refused: the first init of this handle for that action under a registry state. Later inits under
 * the same state reuse the binding and add no event, so a {@code Cipher} re-initialised per message
 * (the usual JCA pattern) writes one event, not one per message; any change to the registry (a
 * policy, a grant, a state) starts a new binding, which is recorded again.
 */
final class RegistryMaterialSource implements KeyMaterialSource {

  private static final String ENCRYPT = "kms:Encrypt";
  private static final String DECRYPT = "kms:Decrypt";

  /** The answer for one snapshot: the key's shared properties, or why it cannot be used, per action. */
  private record Resolution(Snapshot snapshot, LogicalKey key, KmsException encryptRefusal,
                            KmsException decryptRefusal, AtomicBoolean encryptRecorded,
                            AtomicBoolean decryptRecorded) {

    Resolution(Snapshot snapshot, LogicalKey key, KmsException encryptRefusal, KmsException decryptRefusal) {
      this(snapshot, key, encryptRefusal, decryptRefusal, new AtomicBoolean(), new AtomicBoolean());
    }

    /** True exactly once per resolution and action: whether this binding still has to be recorded. */
    boolean firstBinding(boolean encrypt) {
      return (encrypt ? encryptRecorded : decryptRecorded).compareAndSet(false, true);
    }
  }

  private final LocalKeyRegistry registry;
  private final Region region;
  private final KeyId id;
  private final Arn arn;
  private final String principal;
  private final Map<String, String> context;
  private final AuditIdentity identity;
  private final Map<String, Object> parameters;
  private volatile Resolution cached;

  /**
   * @param context the encryption context the handle's user will supply, or {@code null} when not
   *     known (then context-conditioned statements and constrained grants are evaluated
   *     conservatively, see {@link io.mrk.internal.policy.PolicyEvaluator#evaluateContextUnknown})
   */
  RegistryMaterialSource(LocalKeyRegistry registry, Region region, KeyId id, String principal,
                         String accessKeyId, Map<String, String> context) {
    this.registry = registry;
    this.region = region;
    this.id = id;
    this.arn = Arn.forKey(region, registry.account(), id);
    this.principal = principal;
    this.context = context == null ? null : Map.copyOf(context);
    this.identity = new RegistryAudit(registry, region,
        principal == null ? RegistryAccess.rootPrincipal(region, registry.account()) : principal,
        accessKeyId).identity();
    this.parameters = parameters();
  }

  @Override
  public SessionCaches caches() {
    return registry.caches();
  }

  @Override
  public Arn keyArn() {
    return arn;
  }

  @Override
  public KeyMaterial encryptionMaterial() throws KmsException {
    return audited("Encrypt", true).latest();
  }

  @Override
  public void checkCanDecrypt() throws KmsException {
    audited("Decrypt", false);
  }

  @Override
  public KeyMaterial decryptionMaterial(int version) throws KmsException {
    LogicalKey key = usable(false);
    if (version > key.versions().size()) {
      // Another process may have committed the rotation that made this version: check the file now.
      registry.missingVersion();
      key = usable(false);
    }
    if (version < 1 || version > key.versions().size()) {
      throw new KmsException(KmsError.INVALID_STATE, "The key " + arn + " in " + region
          + " has not received key material version " + version + " yet.");
    }
    return key.versions().get(version - 1);
  }

  private LogicalKey audited(String operation, boolean encrypt) throws KmsException {
    AuditSink sink = registry.audit();
    Resolution r = resolution();
    boolean record = sink != AuditSink.NONE && r.firstBinding(encrypt);
    try {
      LogicalKey key = usable(r, encrypt);
      if (record) {
        sink.record(AuditEvent.succeeded(operation, region, identity, true, parameters, null, List.of(arn)));
      }
      return key;
    } catch (KmsException e) {
      if (record) {
        sink.record(AuditEvent.failed(operation, region, identity, true, parameters, List.of(arn), e));
      }
      throw e;
    }
  }

  private Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("keyId", arn.toString());
    p.put("encryptionAlgorithm", "SYMMETRIC_DEFAULT");
    if (context != null) {
      p.put("encryptionContext", new LinkedHashMap<String, Object>(context));
    }
    return p;
  }

  private Resolution resolution() {
    Snapshot s = registry.current();
    Resolution r = cached;
    if (r == null || r.snapshot() != s) {
      r = resolve(s);
      cached = r;
    }
    return r;
  }

  private LogicalKey usable(boolean encrypt) throws KmsException {
    return usable(resolution(), encrypt);
  }

  private static LogicalKey usable(Resolution r, boolean encrypt) throws KmsException {
    KmsException refusal = encrypt ? r.encryptRefusal() : r.decryptRefusal();
    if (refusal != null) {
      throw new KmsException(refusal.error(), refusal.getMessage());
    }
    return r.key();
  }

  private Resolution resolve(Snapshot s) {
    RegionalKey local = s.regional(region, id);
    if (local == null) {
      KmsException gone = new KmsException(KmsError.NOT_FOUND, "Key " + arn + " does not exist.");
      return new Resolution(s, null, gone, gone);
    }
    try {
      StateRules.requireUsableForCrypto(local.state(), arn.toString());
    } catch (KmsException e) {
      return new Resolution(s, null, e, e);
    }
    return new Resolution(s, s.key(id), refusal(ENCRYPT, local), refusal(DECRYPT, local));
  }

  private KmsException refusal(String action, RegionalKey local) {
    if (principal == null) {
      return null;
    }
    try {
      KeyAccess.require(principal, action, arn, local, context);
      return null;
    } catch (KmsException e) {
      return e;
    }
  }

  @Override
  public String toString() {
    return "KeyMaterialSource[" + arn + (principal == null ? "" : ", " + principal) + "]";
  }
}
