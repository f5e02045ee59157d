package io.mrk.cli;

import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** tag-resource, untag-resource, list-resource-tags. Tags are independent per Region. */
final class TagCommands {

  private TagCommands() {}

  @Command(name = "tag-resource", description = "Adds or replaces tags of the key in this Region.")
  static final class TagResource extends KmsCommand.Writing {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;
    @Option(names = "--tags", required = true, arity = "1..*", paramLabel = "TagKey=K,TagValue=V")
    List<String> tags;

    private List<io.mrk.kms.Tag> tagList;

    @Override
    String operation() {
      return "TagResource";
    }

    @Override
    void prepare() throws ParamError, KmsException {
      tagList = Shorthand.tags("--tags", tags);
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      client.tagResource(keyId, tagList);
      return null;
    }
  }

  @Command(name = "untag-resource", description = "Removes tags of the key in this Region.")
  static final class UntagResource extends KmsCommand.Writing {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;
    @Option(names = "--tag-keys", required = true, arity = "1..*", paramLabel = "KEY")
    List<String> tagKeys;

    @Override
    String operation() {
      return "UntagResource";
    }

    @Override
    Object change(KmsClient client) throws KmsException {
      client.untagResource(keyId, tagKeys);
      return null;
    }
  }

  @Command(name = "list-resource-tags", description = "Lists the key's tags in this Region.")
  static final class ListResourceTags extends KmsCommand.Reading {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;
    @picocli.CommandLine.Mixin
    Paging.PageOptions page;

    @Override
    String operation() {
      return "ListResourceTags";
    }

    @Override
    Paging.Paginator paginator() {
      return new Paging.Paginator("Tags", 50, 50);
    }

    @Override
    Paging.PageOptions pageOptions() {
      return page;
    }

    @Override
    Object read(KmsClient client) throws KmsException {
      return KmsShapes.tags(client.listResourceTags(keyId));
    }
  }
}
