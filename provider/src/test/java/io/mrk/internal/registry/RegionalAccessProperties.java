package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mrk.internal.policy.Decision;
import io.mrk.kms.Arn;
import io.mrk.kms.CreateGrantRequest;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyId;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Policies and grants are per Region: whatever one Region's key holds, another Region decides alone. */
class RegionalAccessProperties {

  private static final List<String> PRINCIPALS = List.of("arn:aws:iam::111122223333:role/app",
      "arn:aws:iam::111122223333:user/ops", "arn:aws:iam::444455556666:root");
  private static final List<String> ACTIONS = List.of("kms:Encrypt", "kms:Decrypt", "kms:DescribeKey",
      "kms:DisableKey", "kms:PutKeyPolicy", "kms:CreateGrant");

  @Provide
  Arbitrary<String> policies() {
    Arbitrary<String> statement = Combinators.combine(
        Arbitraries.of("Allow", "Deny"), Arbitraries.of(PRINCIPALS.get(0), PRINCIPALS.get(1), PRINCIPALS.get(2), "*")
            .map(p -> "\"" + p + "\""),
        Arbitraries.of("kms:*", "kms:Encrypt", "kms:Decrypt", "kms:Describe*", "kms:*Grant*"),
        Arbitraries.of("", ",\"Condition\":{\"StringEquals\":{\"kms:EncryptionContext:tenant\":\"a\"}}",
            ",\"Condition\":{\"StringNotEquals\":{\"kms:CallerAccount\":\"111122223333\"}}"))
        .as((effect, principal, action, condition) -> "{\"Effect\":\"" + effect + "\",\"Principal\":{\"AWS\":"
            + principal + "},\"Action\":\"" + action + "\",\"Resource\":\"*\"" + condition + "}");
    return statement.list().ofMinSize(1).ofMaxSize(4)
        .map(list -> "{\"Statement\":[" + String.join(",", list) + "]}");
  }

  @Property(tries = 60)
  void anotherRegionsPolicyAndGrantsNeverChangeThisRegionsDecisions(
      @ForAll("policies") String eastPolicy, @ForAll("policies") String westPolicy, @ForAll boolean westGrant)
      throws KmsException {
    Fixture f = new Fixture();
    String id = f.us.createKey(CreateKeyRequest.multiRegionKey("")).keyId().value();
    f.us.replicateKey(id, Fixture.EU_WEST_1, null);
    f.us.putKeyPolicy(id, "default", eastPolicy);
    List<String> before = decisions(f, Fixture.US_EAST_1, id);
    f.eu.putKeyPolicy(id, "default", westPolicy);
    if (westGrant) {
      f.eu.createGrant(new CreateGrantRequest(id, PRINCIPALS.get(0), List.of("Encrypt", "Decrypt"), null, null, null));
    }
    assertEquals(before, decisions(f, Fixture.US_EAST_1, id));
  }

  private static List<String> decisions(Fixture f, Region region, String id) throws KmsException {
    LocalKeyRegistry registry = (LocalKeyRegistry) f.registry;
    RegionalKey local = registry.current().regional(region, new KeyId(id));
    Arn arn = Arn.forKey(region, registry.account(), local.id());
    List<String> out = new ArrayList<>();
    for (String principal : PRINCIPALS) {
      for (String action : ACTIONS) {
        for (Map<String, String> context : Arrays.asList(null, Map.of("tenant", "a"))) {
          Decision d = KeyAccess.decide(principal, action, arn, local, context);
          out.add(principal + " " + action + " " + context + " " + d.basis());
        }
      }
    }
    return out;
  }

}
