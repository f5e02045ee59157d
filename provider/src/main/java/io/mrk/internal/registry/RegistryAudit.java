package io.mrk.internal.registry;

import io.mrk.internal.audit.AuditEvent;
import io.mrk.internal.audit.AuditIdentity;
import io.mrk.kms.Arn;
import io.mrk.kms.CreateGrantRequest;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyMetadata;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one Region client's operations into CloudTrail-shaped audit events: every call, refused or
 * not, is recorded in the Region where it ran, as the caller's principal. Request parameters hold
 * key ids, names and encryption contexts only, never material, plaintext or grant tokens.
 */
final class RegistryAudit {

  /** One KMS operation. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws KmsException;
  }

  private final LocalKeyRegistry registry;
  private final Region region;
  private final String principal;
  private final String accessKeyId;

  RegistryAudit(LocalKeyRegistry registry, Region region, String principal) {
    this(registry, region, principal, null);
  }

  RegistryAudit(LocalKeyRegistry registry, Region region, String principal, String accessKeyId) {
    this.registry = registry;
    this.region = region;
    this.principal = principal;
    this.accessKeyId = accessKeyId;
  }

  <T> T call(String operation, String keyId, boolean readOnly, Map<String, Object> parameters, Call<T> call)
      throws KmsException {
    AuditSink sink = registry.audit();
    if (sink == AuditSink.NONE) {
      return call.run();
    }
    Map<String, Object> request = new LinkedHashMap<>();
    if (keyId != null) {
      request.put("keyId", keyId);
    }
    if (parameters != null) {
      request.putAll(parameters);
    }
    try {
      T result = call.run();
      List<Arn> resources = keyId == null && result instanceof KeyMetadata created
          ? List.of(Arn.forKey(region, registry.account(), created.keyId()))
          : resources(keyId);
      sink.record(AuditEvent.succeeded(operation, region, identity(), readOnly, request, null, resources));
      return result;
    } catch (KmsException e) {
      sink.record(AuditEvent.failed(operation, region, identity(), readOnly, request, resources(keyId), e));
      throw e;
    }
  }

  /** CreateKey's loggable request parameters (the policy text is not repeated in every event). */
  static Map<String, Object> createKeyParameters(CreateKeyRequest request) {
    if (request == null) {
      return null;
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("multiRegion", request.multiRegion());
    p.put("keySpec", request.keySpec());
    p.put("keyUsage", request.keyUsage());
    p.put("origin", request.origin());
    return p;
  }

  /** CreateGrant's loggable request parameters: grantee, operations and constraints. */
  static Map<String, Object> createGrantParameters(CreateGrantRequest request) {
    if (request == null) {
      return null;
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("granteePrincipal", request.granteePrincipal());
    p.put("operations", request.operations());
    if (request.retiringPrincipal() != null) {
      p.put("retiringPrincipal", request.retiringPrincipal());
    }
    Map<String, Object> constraints = new LinkedHashMap<>();
    if (!request.constraints().encryptionContextEquals().isEmpty()) {
      constraints.put("encryptionContextEquals", Map.copyOf(request.constraints().encryptionContextEquals()));
    }
    if (!request.constraints().encryptionContextSubset().isEmpty()) {
      constraints.put("encryptionContextSubset", Map.copyOf(request.constraints().encryptionContextSubset()));
    }
    if (!constraints.isEmpty()) {
      p.put("constraints", constraints);
    }
    return p;
  }

  /** Records a successful operation in {@code where} (e.g. CreateKey in a replica's Region). */
  void succeeded(String operation, Region where, Arn key, Map<String, Object> parameters) {
    registry.audit().record(AuditEvent.succeeded(operation, where, identity(), false, parameters, null,
        List.of(key)));
  }

  AuditIdentity identity() {
    return AuditIdentity.ofPrincipal(principal, KeyAccess.accountOf(principal).value(), accessKeyId);
  }

  /** The key {@code keyId} names in this Region now, if it resolves. */
  private List<Arn> resources(String keyId) {
    if (keyId == null) {
      return List.of();
    }
    try {
      return List.of(Arn.forKey(region, registry.account(),
          KeyResolver.resolve(registry.current(), region, registry.account(), keyId).id()));
    } catch (KmsException e) {
      return List.of();
    }
  }
}
