package io.mrk.cli;

import io.mrk.kms.CreateGrantRequest;
import io.mrk.kms.CreateGrantResult;
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

    @Override
    String operation() {
      return "CreateGrant";
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      CreateGrantResult r = client.createGrant(new CreateGrantRequest(keyId, granteePrincipal, operations,
          retiringPrincipal, parseConstraints(constraints), name));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("GrantToken", r.grantToken());
      out.put("GrantId", r.grantId());
      return out;
    }

    /** The aws CLI shorthand {@code EncryptionContextSubset={k=v,k2=v2}}. */
    static GrantConstraints parseConstraints(String text) throws KmsException {
      if (text == null || text.isEmpty()) {
        return GrantConstraints.NONE;
      }
      int eq = text.indexOf('=');
      if (eq < 0 || !text.endsWith("}") || text.charAt(eq + 1) != '{') {
        throw new KmsException(KmsError.VALIDATION,
            "Constraints are written EncryptionContextEquals={k=v,...} or EncryptionContextSubset={k=v,...}.");
      }
      String kind = text.substring(0, eq);
      Map<String, String> context = Shorthand.map(text.substring(eq + 2, text.length() - 1));
      return switch (kind) {
        case "EncryptionContextEquals" -> new GrantConstraints(context, Map.of());
        case "EncryptionContextSubset" -> new GrantConstraints(Map.of(), context);
        default -> throw new KmsException(KmsError.VALIDATION, "Unknown constraint '" + kind
            + "': expected EncryptionContextEquals or EncryptionContextSubset.");
      };
    }
  }

  @Command(name = "list-grants", description = "Lists the grants on the key in this Region.")
  static final class ListGrants extends KmsCommand.Reading {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;

    @Override
    String operation() {
      return "ListGrants";
    }

    @Override
    Object read(KmsClient client) throws KmsException {
      return KmsShapes.grants(client.listGrants(keyId));
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
}
