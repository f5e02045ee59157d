package io.mrk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** {@link Mrk#COMMANDS} names every command as its {@code @Command} does. */
class CommandTableTest {

  @Test
  void everyNameIsTheCommandsOwn() {
    for (Map.Entry<String, Class<?>> e : Mrk.COMMANDS.entrySet()) {
      assertEquals(e.getValue().getAnnotation(Command.class).name(), e.getKey(), e.getValue().getName());
    }
  }

  @Test
  void theNamedCommandIsFoundWhereverItStands() {
    assertSame(KeyCommands.ListKeys.class, Mrk.named(new String[] {"--region", "eu-west-1", "list-keys"}));
    assertSame(CryptoCommands.Encrypt.class, Mrk.named(new String[] {"encrypt", "--key-id", "alias/a"}));
    assertNull(Mrk.named(new String[] {"help", "encrypt"}), "help builds every command");
    assertNull(Mrk.named(new String[] {"encrypt", "help"}), "CMD help builds every command");
    assertNull(Mrk.named(new String[] {"describe-kye"}));
  }
}
