package io.mrk.cli;

import io.mrk.kms.CreateGrantRequest;
import io.mrk.kms.CreateGrantResult;
import io.mrk.kms.GrantListEntry;
import io.mrk.kms.GrantConstraints;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** create-grant, list-grants, revoke-grant, retire-grant. Grants are independent per Region. */
final class GrantCommands {

  private GrantCommands() {}

  @Command(name = "create-grant", description = "Creates a grant on the key in this Region.")
  static final class CreateGrant extends KmsCommand.Writing {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;
    @Option(names = "--grantee-principal", required = true, paramLabel = "ARN")
    String granteePrincipal;
    @Option(names = "--operations", required = true, arity = "1..*", paramLabel = "OPERATION")
    List<String> operations;
    @Option(names = "--retiring-principal", paramLabel = "ARN")
    String retiringPrincipal;
    @Option(names = "--constraints", paramLabel = "EncryptionContextSubset={k=v,...}",
        description = "EncryptionContextEquals={k=v,...} or EncryptionContextSubset={k=v,...}.")
    String constraints;
    @Option(names = "--name", paramLabel = "NAME")
    String name;
    @Option(names = "--grant-tokens", arity = "1..*", paramLabel = "TOKEN")
    List<String> grantTokens = new java.util.ArrayList<>();

    private GrantConstraints parsedConstraints;

    @Override
    String operation() {
      return "CreateGrant";
    }

    @Override
    void prepare() throws ParamError, KmsException {
      parsedConstraints = Shorthand.constraints("--constraints", constraints);
      RequestOptions tokens = new RequestOptions();
      tokens.grantTokens = grantTokens;
      tokens.check();
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      CreateGrantResult r = client.createGrant(new CreateGrantRequest(keyId, granteePrincipal, operations,
          retiringPrincipal, parsedConstraints, name));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("GrantToken", r.grantToken());
      out.put("GrantId", r.grantId());
      return out;
    }
  }

  @Command(name = "list-grants", description = "Lists the grants on the key in this Region.")
  static final class ListGrants extends KmsCommand.Reading {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;
    @Option(names = "--grant-id", paramLabel = "ID", description = "Only this grant.")
    String grantId;
    @Option(names = "--grantee-principal", paramLabel = "ARN", description = "Only the grants to this principal.")
    String granteePrincipal;
    @picocli.CommandLine.Mixin
    Paging.PageOptions page;

    @Override
    String operation() {
      return "ListGrants";
    }

    @Override
    Paging.Paginator paginator() {
      return new Paging.Paginator("Grants", 50, 100);
    }

    @Override
    Paging.PageOptions pageOptions() {
      return page;
    }

    @Override
    Object read(KmsClient client) throws KmsException {
      List<GrantListEntry> grants = new java.util.ArrayList<>();
      for (GrantListEntry g : client.listGrants(keyId)) {
        if ((grantId == null || grantId.equals(g.grantId()))
            && (granteePrincipal == null || granteePrincipal.equals(g.granteePrincipal()))) {
          grants.add(g);
        }
      }
      return KmsShapes.grants(grants);
    }
  }

  @Command(name = "revoke-grant", description = "Revokes a grant.")
  static final class RevokeGrant extends KmsCommand.Writing {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;
    @Option(names = "--grant-id", required = true, paramLabel = "ID")
    String grantId;

    @Override
    String operation() {
      return "RevokeGrant";
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      client.revokeGrant(keyId, grantId);
      return null;
    }
  }

  @Command(name = "retire-grant", description = "Retires a grant, by token or by key and grant id.")
  static final class RetireGrant extends KmsCommand.Writing {
    @Option(names = "--grant-token", paramLabel = "TOKEN")
    String grantToken;
    @Option(names = "--key-id", paramLabel = "KEY")
    String keyId;
    @Option(names = "--grant-id", paramLabel = "ID")
    String grantId;

    @Override
    String operation() {
      return "RetireGrant";
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      if (grantToken == null && (keyId == null || grantId == null)) {
        throw new KmsException(KmsError.VALIDATION, "Give --grant-token, or both --key-id and --grant-id.");
      }
      client.retireGrant(grantToken, keyId, grantId);
      return null;
    }
  }

  /**
   * list-retirable-grants, composed from the public API: the grants of every key of this Region whose
   * retiring principal is the one given. It is evaluated (and audited) as ListKeys and one ListGrants
   * per key, with the caller's permissions, until the provider offers ListRetirableGrants itself.
   */
  @Command(name = "list-retirable-grants",
      description = "Lists the grants of this Region's keys that the principal may retire.")
  static final class ListRetirableGrants extends KmsCommand.Reading {
    @Option(names = "--retiring-principal", required = true, paramLabel = "ARN")
    String retiringPrincipal;
    @picocli.CommandLine.Mixin
    Paging.PageOptions page;

    @Override
    String operation() {
      return "ListRetirableGrants";
    }

    @Override
    Paging.Paginator paginator() {
      return new Paging.Paginator("Grants", 50, 100);
    }

    @Override
    Paging.PageOptions pageOptions() {
      return page;
    }

    @Override
    Object read(KmsClient client) throws KmsException {
      List<GrantListEntry> grants = new java.util.ArrayList<>();
      for (io.mrk.kms.KeyListEntry key : client.listKeys()) {
        for (GrantListEntry g : client.listGrants(key.keyArn())) {
          if (retiringPrincipal.equals(g.retiringPrincipal())) {
            grants.add(g);
          }
        }
      }
      return KmsShapes.grants(grants);
    }
  }
}
