package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.kms.CreateGrantRequest;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.GrantConstraints;
import io.mrk.kms.KmsError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KmsClientGrantTest {

  private static final String ROLE = "arn:aws:iam::111122223333:role/app";

  private final Fixture f = new Fixture();
  private String mrk;

  @BeforeEach
  void createReplicatedKey() throws Exception {
    mrk = f.us.createKey(CreateKeyRequest.multiRegionKey("")).keyId().value();
    f.us.replicateKey(mrk, Fixture.EU_WEST_1, null);
  }

  private CreateGrantRequest request(List<String> ops) {
    return new CreateGrantRequest(mrk, ROLE, ops, ROLE,
        new GrantConstraints(Map.of("tenant", "a"), null), "app-grant");
  }

  @Test
  void grantsArePerRegionAndListed() throws Exception {
    var g = f.us.createGrant(request(List.of("Encrypt", "Decrypt")));
    assertTrue(g.grantId().matches("[0-9a-f]{64}"));
    assertNotEquals(g.grantId(), g.grantToken());
    var list = f.us.listGrants(mrk);
    assertEquals(1, list.size());
    assertEquals(g.grantId(), list.get(0).grantId());
    assertEquals(Map.of("tenant", "a"), list.get(0).constraints().encryptionContextEquals());
    assertEquals(List.of("Encrypt", "Decrypt"), list.get(0).operations());
    assertEquals(List.of(), f.eu.listGrants(mrk));
  }

  @Test
  void revokeAndRetire() throws Exception {
    var a = f.us.createGrant(request(List.of("Decrypt")));
    var b = f.us.createGrant(request(List.of("Encrypt")));
    var c = f.us.createGrant(request(List.of("Encrypt")));
    f.us.revokeGrant(mrk, a.grantId());
    f.us.retireGrant(b.grantToken(), null, null);
    f.us.retireGrant(null, mrk, c.grantId());
    assertEquals(List.of(), f.us.listGrants(mrk));
    f.refused(KmsError.NOT_FOUND, () -> f.us.revokeGrant(mrk, a.grantId()));
    f.refused(KmsError.INVALID_GRANT_ID, () -> f.us.revokeGrant(mrk, "nope"));
    f.refused(KmsError.INVALID_GRANT_TOKEN, () -> f.us.retireGrant(b.grantToken(), null, null));
    f.refused(KmsError.VALIDATION, () -> f.us.retireGrant(null, mrk, null));
  }

  @Test
  void tokenRetiresOnlyInItsRegion() throws Exception {
    var g = f.us.createGrant(request(List.of("Decrypt")));
    f.refused(KmsError.INVALID_GRANT_TOKEN, () -> f.eu.retireGrant(g.grantToken(), null, null));
  }

  @Test
  void refusals() throws Exception {
    f.refused(KmsError.VALIDATION, () -> f.us.createGrant(request(List.of())));
    f.refused(KmsError.VALIDATION, () -> f.us.createGrant(request(List.of("Sign"))));
    f.refused(KmsError.VALIDATION, () -> f.us.createGrant(
        new CreateGrantRequest(mrk, "", List.of("Decrypt"), null, null, null)));
    f.refused(KmsError.VALIDATION, () -> f.us.createGrant(
        new CreateGrantRequest(mrk, ROLE, List.of("Decrypt"), null, null, "bad name")));
    f.refused(KmsError.VALIDATION, () -> f.us.createGrant(request(List.of("Decrypt", "Decrypt"))));
    f.refused(KmsError.VALIDATION, () -> f.us.createGrant(
        new CreateGrantRequest(mrk, "p".repeat(257), List.of("Decrypt"), null, null, null)));
    f.refused(KmsError.VALIDATION, () -> f.us.createGrant(new CreateGrantRequest(mrk, ROLE, List.of("Decrypt"), null,
        new GrantConstraints(Map.of("k", "v".repeat(8192)), null), null)));
    f.us.disableKey(mrk);
    f.refused(KmsError.DISABLED, () -> f.us.createGrant(request(List.of("Decrypt"))));
  }
}
