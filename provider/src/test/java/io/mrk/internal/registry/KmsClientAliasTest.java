package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KmsError;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KmsClientAliasTest {

  private final Fixture f = new Fixture();

  @Test
  void sameNameMayPointToDifferentKeysPerRegion() throws Exception {
    String mrk = f.us.createKey(CreateKeyRequest.multiRegionKey("")).keyId().value();
    f.us.replicateKey(mrk, Fixture.EU_WEST_1, null);
    String other = f.eu.createKey(CreateKeyRequest.singleRegionKey("")).keyId().value();
    f.us.createAlias("alias/orders", mrk);
    f.eu.createAlias("alias/orders", other);
    assertEquals(mrk, f.us.describeKey("alias/orders").keyId().value());
    assertEquals(other, f.eu.describeKey("alias/orders").keyId().value());
    f.eu.updateAlias("alias/orders", mrk);
    assertEquals(mrk, f.eu.describeKey("alias/orders").keyId().value());
    f.refused(KmsError.NOT_FOUND, () -> f.ap.describeKey("alias/orders"));
  }

  @Test
  void listsAndDatesAliases() throws Exception {
    String a = f.us.createKey(CreateKeyRequest.singleRegionKey("")).keyId().value();
    String b = f.us.createKey(CreateKeyRequest.singleRegionKey("")).keyId().value();
    f.us.createAlias("alias/z", a);
    f.us.createAlias("alias/y", b);
    var created = f.clock.instant();
    f.clock.advance(Duration.ofHours(1));
    f.us.updateAlias("alias/z", b);
    var all = f.us.listAliases(null);
    assertEquals(List.of("alias/y", "alias/z"), all.stream().map(e -> e.aliasName()).toList());
    assertEquals("arn:aws:kms:us-east-1:111122223333:alias/z", all.get(1).aliasArn());
    assertEquals(created, all.get(1).creationDate());
    assertEquals(created.plus(Duration.ofHours(1)), all.get(1).lastUpdatedDate());
    assertEquals(List.of(), f.us.listAliases(a));
    assertEquals(2, f.us.listAliases(b).size());
    f.us.deleteAlias("alias/y");
    assertEquals(1, f.us.listAliases(null).size());
  }

  @Test
  void refusals() throws Exception {
    String a = f.us.createKey(CreateKeyRequest.singleRegionKey("")).keyId().value();
    f.us.createAlias("alias/x", a);
    f.refused(KmsError.ALREADY_EXISTS, () -> f.us.createAlias("alias/x", a));
    f.refused(KmsError.INVALID_ALIAS_NAME, () -> f.us.createAlias("alias/aws/x", a));
    f.refused(KmsError.INVALID_ALIAS_NAME, () -> f.us.deleteAlias("alias/aws/x"));
    f.refused(KmsError.VALIDATION, () -> f.us.createAlias("orders", a));
    f.refused(KmsError.VALIDATION, () -> f.us.createAlias("alias/y", "alias/x"));
    f.refused(KmsError.VALIDATION, () -> f.us.createAlias("alias/y",
        "arn:aws:kms:us-east-1:111122223333:alias/x"));
    f.refused(KmsError.NOT_FOUND, () -> f.eu.createAlias("alias/y", a));
    f.refused(KmsError.NOT_FOUND, () -> f.us.updateAlias("alias/none", a));
    f.refused(KmsError.NOT_FOUND, () -> f.us.deleteAlias("alias/none"));
  }
}
