package io.mrk.internal.registry;

import io.mrk.kms.CreateGrantRequest;
import io.mrk.kms.CreateGrantResult;
import io.mrk.kms.GrantListEntry;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.KmsQuotas;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** CreateGrant, ListGrants, RevokeGrant and RetireGrant: grants belong to a key in one Region. */
final class GrantOperations {

  static final Set<String> OPERATIONS = Set.of("Decrypt", "Encrypt", "GenerateDataKey",
      "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom", "ReEncryptTo", "CreateGrant", "RetireGrant",
      "DescribeKey");
  private static final Pattern GRANT_ID = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern GRANT_NAME = Pattern.compile("[a-zA-Z0-9:/_-]{1,256}");
  private static final int TOKEN_BYTES = 48;
  private static final int MAX_PRINCIPAL = KmsQuotas.MAX_PRINCIPAL_CHARS;
  private static final int MAX_CONTEXT_CHARS = KmsQuotas.MAX_GRANT_CONSTRAINT_CHARS;

  private GrantOperations() {}

  static CreateGrantResult create(RegionClient client, CreateGrantRequest request) throws KmsException {
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
    LocalKeyRegistry registry = client.registry();
    return registry.mutate((s, now) -> {
      RegionClient.Resolved k = client.authorize(s, request.keyId(), "kms:CreateGrant");
      StateRules.requireUsableForCrypto(k.local().state(), k.arn());
      QuotaRules.requireRoomForGrant(k.local(), k.arn());
      String grantId = registry.materials().randomHex(32);
      byte[] tokenBytes = new byte[TOKEN_BYTES];
      registry.materials().random().nextBytes(tokenBytes);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(tokenBytes);
      Grant grant = new Grant(grantId, token, request.name(), now, request.granteePrincipal(),
          request.retiringPrincipal(), request.operations(), request.constraints());
      List<Grant> grants = new ArrayList<>(k.local().grants());
      grants.add(grant);
      return new LocalKeyRegistry.Outcome<>(s.with(k.local().withGrants(grants)),
          new CreateGrantResult(grantId, token));
    });
  }

  static List<GrantListEntry> list(RegionClient client, String keyId) throws KmsException {
    RegionClient.Resolved k = client.authorize(client.registry().current(), keyId, "kms:ListGrants");
    List<GrantListEntry> out = new ArrayList<>();
    for (Grant g : k.local().grants()) {
      out.add(new GrantListEntry(k.local().id(), g.grantId(), g.name(), g.creationDate(),
          g.granteePrincipal(), g.retiringPrincipal(), client.registry().account().value(),
          g.operations(), g.constraints()));
    }
    return List.copyOf(out);
  }

  static void revoke(RegionClient client, String keyId, String grantId) throws KmsException {
    remove(client, keyId, grantId, "kms:RevokeGrant");
  }

  private static void remove(RegionClient client, String keyId, String grantId, String action) throws KmsException {
    checkGrantId(grantId);
    client.changeLocal(keyId, action, k -> withoutGrant(k, grantId));
  }

  /**
   * Retires by token (searched among this Region's keys; the token is the capability, so no policy
   * is consulted), or by key and grant id ({@code kms:RetireGrant} on the key).
   */
  static void retire(RegionClient client, String grantToken, String keyId, String grantId)
      throws KmsException {
    if (grantToken == null) {
      if (keyId == null || grantId == null) {
        throw new KmsException(KmsError.VALIDATION, "RetireGrant needs a GrantToken, or a KeyId and a GrantId.");
      }
      remove(client, keyId, grantId, "kms:RetireGrant");
      return;
    }
    byte[] wanted = grantToken.getBytes(StandardCharsets.UTF_8);
    client.registry().mutate((s, now) -> {
      for (RegionalKey k : s.regional().values()) {
        if (!k.region().equals(client.region())) {
          continue;
        }
        for (Grant g : k.grants()) {
          if (MessageDigest.isEqual(wanted, g.grantToken().getBytes(StandardCharsets.UTF_8))) {
            List<Grant> rest = new ArrayList<>(k.grants());
            rest.remove(g);
            return new LocalKeyRegistry.Outcome<>(s.with(k.withGrants(rest)), null);
          }
        }
      }
      throw new KmsException(KmsError.INVALID_GRANT_TOKEN, "The grant token does not name a grant in "
          + client.region() + ".");
    });
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

  private static RegionalKey withoutGrant(RegionClient.Resolved k, String grantId) throws KmsException {
    List<Grant> rest = new ArrayList<>(k.local().grants());
    if (!rest.removeIf(g -> g.grantId().equals(grantId))) {
      throw new KmsException(KmsError.NOT_FOUND, "Grant " + grantId + " does not exist on " + k.arn() + ".");
    }
    return k.local().withGrants(rest);
  }

  private static void checkGrantId(String grantId) throws KmsException {
    if (grantId == null || !GRANT_ID.matcher(grantId).matches()) {
      throw new KmsException(KmsError.INVALID_GRANT_ID, "GrantId must be 64 lower-case hex digits.");
    }
  }
}
