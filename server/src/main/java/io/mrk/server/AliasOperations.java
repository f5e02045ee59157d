package io.mrk.server;

import java.util.Map;

/** CreateAlias, UpdateAlias, DeleteAlias and ListAliases: aliases belong to one Region. */
final class AliasOperations {

  private AliasOperations() {}

  static void register(Map<String, Operation> table) {
    table.put("CreateAlias", c -> KeyOperations.none(c.write(k -> {
      k.createAlias(c.input().string("AliasName"), c.input().string("TargetKeyId"));
      return null;
    })));
    table.put("UpdateAlias", c -> KeyOperations.none(c.write(k -> {
      k.updateAlias(c.input().string("AliasName"), c.input().string("TargetKeyId"));
      return null;
    })));
    table.put("DeleteAlias", c -> KeyOperations.none(c.write(k -> {
      k.deleteAlias(c.input().string("AliasName"));
      return null;
    })));
    table.put("ListAliases", c -> Pagination.page(c.reader().listAliases(c.input().string("KeyId")),
        a -> a.aliasName(), c.input(), "Aliases", 50, 100, Shapes::alias));
  }
}
