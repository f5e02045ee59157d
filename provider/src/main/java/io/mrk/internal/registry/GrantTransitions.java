package io.mrk.internal.registry;

import io.mrk.internal.registry.LocalKeyRegistry.Outcome;
import io.mrk.kms.CreateGrantRequest;
import io.mrk.kms.CreateGrantResult;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.KmsQuotas;
import io.mrk.kms.Region;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CreateGrant, RevokeGrant and RetireGrant as pure transitions: grants belong to a key in one
 * Region. The grant id and token are drawn from the {@link MaterialFactory} of the write.
 */
final class GrantTransitions {

  static final Set<String> OPERATIONS = Set.of("Decrypt", "Encrypt", "GenerateDataKey",
      "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom", "ReEncryptTo", "CreateGrant", "RetireGrant",
      "DescribeKey");
  private static final Pattern GRANT_ID = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern GRANT_NAME = Pattern.compile("[a-zA-Z0-9:/_-]{1,256}");
  private static final int TOKEN_BYTES = 48;
  private static final int MAX_PRINCIPAL = KmsQuotas.MAX_PRINCIPAL_CHARS;
  private static final int MAX_CONTEXT_CHARS = KmsQuotas.MAX_GRANT_CONSTRAINT_CHARS;

  private GrantTransitions() {}

  /** The checks on a CreateGrant request that need no state. */
  static void checkRequest(CreateGrantRequest request) throws KmsException {
    if (request == null) {
      throw new KmsException(KmsError.VALIDATION, "CreateGrant request is missing.");
    }
    checkPrincipal("GranteePrincipal", request.granteePrincipal());
    if (request.retiringPrincipal() != null) {
      checkPrincipal("RetiringPrincipal", request.retiringPrincipal());
    }
    if (request.operations().isEmpty()) {
      throw new KmsException(KmsError.VALIDATION, "Operations must name at least one operation.");
    }
    Set<String> seen = new HashSet<>();
    for (String op : request.operations()) {
      if (!OPERATIONS.contains(op) || !seen.add(op)) {
        throw new KmsException(KmsError.VALIDATION, "Operation '" + KeyResolver.printable(String.valueOf(op))
            + "' is repeated or cannot be granted on a symmetric encryption key.");
      }
    }
    checkContextSize(request.constraints().encryptionContextEquals());
    checkContextSize(request.constraints().encryptionContextSubset());
    if (request.name() != null && !GRANT_NAME.matcher(request.name()).matches()) {
      throw new KmsException(KmsError.VALIDATION,
          "Grant name must be 1 to 256 of letters, digits and ':/_-'.");
    }
  }

  /** @param request checked by {@link #checkRequest} */
  static Outcome<CreateGrantResult> create(Actor actor, Snapshot s, Instant now, MaterialFactory materials,
                                           CreateGrantRequest request) throws KmsException {
    ResolvedKey k = actor.authorize(s, request.keyId(), "kms:CreateGrant");
    StateRules.requireUsableForCrypto(k.local().state(), k.arn());
    QuotaRules.requireRoomForGrant(k.local(), k.arn());
    String grantId = materials.randomHex(32);
    byte[] tokenBytes = new byte[TOKEN_BYTES];
    materials.random().nextBytes(tokenBytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(tokenBytes);
    Grant grant = new Grant(grantId, token, request.name(), now, request.granteePrincipal(),
        request.retiringPrincipal(), request.operations(), request.constraints());
    List<Grant> grants = new ArrayList<>(k.local().grants());
    grants.add(grant);
    return new Outcome<>(s.with(k.local().withGrants(grants)), new CreateGrantResult(grantId, token));
  }

  /**
   * Removes grant {@code grantId} (checked by {@link #requireGrantId}) of {@code keyId}, authorised
   * by {@code action}: {@code kms:RevokeGrant}, or {@code kms:RetireGrant} when retiring by id.
   */
  static Outcome<ResolvedKey> remove(Actor actor, Snapshot s, String keyId, String grantId, String action)
      throws KmsException {
    return KeyChanges.local(actor, s, keyId, action, k -> {
      List<Grant> rest = new ArrayList<>(k.local().grants());
      if (!rest.removeIf(g -> g.grantId().equals(grantId))) {
        throw new KmsException(KmsError.NOT_FOUND, "Grant " + grantId + " does not exist on " + k.arn() + ".");
      }
      return k.local().withGrants(rest);
    });
  }

  /**
   * Retires the grant whose token is {@code grantToken}, searched among the Region's keys. The token
   * is the capability, so no policy is consulted; tokens are compared in constant time.
   */
  static Outcome<Void> retireByToken(Region region, Snapshot s, String grantToken) throws KmsException {
    byte[] wanted = grantToken.getBytes(StandardCharsets.UTF_8);
    for (RegionalKey k : s.regional().values()) {
      if (!k.region().equals(region)) {
        continue;
      }
      for (Grant g : k.grants()) {
        if (MessageDigest.isEqual(wanted, g.grantToken().getBytes(StandardCharsets.UTF_8))) {
          List<Grant> rest = new ArrayList<>(k.grants());
          rest.remove(g);
          return new Outcome<>(s.with(k.withGrants(rest)), null);
        }
      }
    }
    throw new KmsException(KmsError.INVALID_GRANT_TOKEN, "The grant token does not name a grant in "
        + region + ".");
  }

  /** RetireGrant needs a token, or a key and a grant id. */
  static void requireRetireTarget(String grantToken, String keyId, String grantId) throws KmsException {
    if (grantToken == null && (keyId == null || grantId == null)) {
      throw new KmsException(KmsError.VALIDATION, "RetireGrant needs a GrantToken, or a KeyId and a GrantId.");
    }
  }

  static void requireGrantId(String grantId) throws KmsException {
    if (grantId == null || !GRANT_ID.matcher(grantId).matches()) {
      throw new KmsException(KmsError.INVALID_GRANT_ID, "GrantId must be 64 lower-case hex digits.");
    }
  }

  private static void checkPrincipal(String field, String principal) throws KmsException {
    if (principal == null || principal.isEmpty() || principal.length() > MAX_PRINCIPAL) {
      throw new KmsException(KmsError.VALIDATION, field + " must be 1 to " + MAX_PRINCIPAL + " characters.");
    }
    if (!KmsQuotas.isStorable(principal)) {
      throw new KmsException(KmsError.VALIDATION, field + " contains an unpaired surrogate (not valid Unicode text).");
    }
  }

  private static void checkContextSize(Map<String, String> context) throws KmsException {
    long chars = 0;
    for (Map.Entry<String, String> e : context.entrySet()) {
      chars += e.getKey().length() + e.getValue().length();
      if (!KmsQuotas.isStorable(e.getKey()) || !KmsQuotas.isStorable(e.getValue())) {
        throw new KmsException(KmsError.VALIDATION,
            "A grant constraint's encryption context contains an unpaired surrogate (not valid Unicode text).");
      }
    }
    if (chars > MAX_CONTEXT_CHARS) {
      throw new KmsException(KmsError.VALIDATION, "Grant constraints are longer than " + MAX_CONTEXT_CHARS
          + " characters.");
    }
  }
}
