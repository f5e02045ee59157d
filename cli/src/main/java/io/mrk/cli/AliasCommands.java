package io.mrk.cli;

import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** create-alias, update-alias, delete-alias, list-aliases. Aliases belong to one Region. */
final class AliasCommands {

  private AliasCommands() {}

  @Command(name = "create-alias", description = "Creates an alias in this Region.")
  static final class CreateAlias extends KmsCommand.Writing {
    @Option(names = "--alias-name", required = true, paramLabel = "alias/NAME")
    String aliasName;
    @Option(names = "--target-key-id", required = true, paramLabel = "KEY")
    String targetKeyId;

    @Override
    String operation() {
      return "CreateAlias";
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      client.createAlias(aliasName, targetKeyId);
      return null;
    }
  }

  @Command(name = "update-alias", description = "Points an alias of this Region at another key.")
  static final class UpdateAlias extends KmsCommand.Writing {
    @Option(names = "--alias-name", required = true, paramLabel = "alias/NAME")
    String aliasName;
    @Option(names = "--target-key-id", required = true, paramLabel = "KEY")
    String targetKeyId;

    @Override
    String operation() {
      return "UpdateAlias";
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      client.updateAlias(aliasName, targetKeyId);
      return null;
    }
  }

  @Command(name = "delete-alias", description = "Deletes an alias of this Region.")
  static final class DeleteAlias extends KmsCommand.Writing {
    @Option(names = "--alias-name", required = true, paramLabel = "alias/NAME")
    String aliasName;

    @Override
    String operation() {
      return "DeleteAlias";
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      client.deleteAlias(aliasName);
      return null;
    }
  }

  @Command(name = "list-aliases", description = "Lists this Region's aliases, or one key's.")
  static final class ListAliases extends KmsCommand.Reading {
    @Option(names = "--key-id", paramLabel = "KEY")
    String keyId;
    @picocli.CommandLine.Mixin
    Paging.PageOptions page;

    @Override
    String operation() {
      return "ListAliases";
    }

    @Override
    Paging.Paginator paginator() {
      return new Paging.Paginator("Aliases", 50, 100);
    }

    @Override
    Paging.PageOptions pageOptions() {
      return page;
    }

    @Override
    Object read(KmsClient client) throws KmsException {
      return KmsShapes.aliases(client.listAliases(keyId));
    }
  }
}
