package io.mrk.cli;

import io.mrk.MrkKeystore;
import io.mrk.internal.registry.RegistryAccess;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * One {@code aws kms} operation run against the keystore: resolves the keystore, password and
 * Region, runs, prints the JSON result, and turns failures into the aws CLI's error line and exit
 * status ({@code An error occurred (<KmsErrorName>) when calling the <Operation> operation: <message>}).
 */
abstract class KmsCommand implements Callable<Integer> {

  @ParentCommand
  Mrk root;

  @Spec
  CommandSpec spec;

  /** The KMS operation's name, e.g. {@code CreateKey}, for the error line. */
  abstract String operation();

  /** Runs the command with the keystore's registry; returns what to print, or null. */
  abstract Object runWith(Mrk root, Region region, Path file) throws Exception;

  @Override
  public final Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Object result = runWith(root, root.regionOrFail(), root.keystorePath());
      if (result != null) {
        out.print(AwsJson.render(result));
        out.flush();
      }
      return 0;
    } catch (KmsException e) {
      err.println("An error occurred (" + e.errorName() + ") when calling the " + operation()
          + " operation: " + e.getMessage());
      return Mrk.SERVICE;
    } catch (Mrk.ConfigurationException e) {
      err.println("mrk: " + e.getMessage());
      return Mrk.CONFIGURATION;
    } catch (IOException e) {
      err.println("mrk: " + e.getMessage());
      return Mrk.CONFIGURATION;
    } catch (Exception e) {
      err.println("mrk: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return Mrk.OTHER;
    }
  }

  /** A command that changes the keystore: runs under the file lock and writes the result back atomically. */
  abstract static class Writing extends KmsCommand {

    abstract Object change(KmsClient client) throws KmsException;

    @Override
    final Object runWith(Mrk root, Region region, Path file) throws Exception {
      MrkKeystore keystores = root.keystores();
      char[] password = root.password();
      String principal = root.principalOrNull();
      try {
        return keystores.update(file, password,
            registry -> change(RegistryAccess.client(registry, region, principal)));
      } finally {
        Arrays.fill(password, '\0');
      }
    }
  }

  /** A command that only reads the keystore; a keystore that does not exist yet reads as empty. */
  abstract static class Reading extends KmsCommand {

    abstract Object read(KmsClient client) throws Exception;

    /**
     * Reads with the keystore's registry as the command's principal, then waits until the audit
     * events of the command (its call and any key binding) are written.
     */
    @Override
    final Object runWith(Mrk root, Region region, Path file) throws Exception {
      KeyRegistry registry = load(root, file);
      KmsClient client = RegistryAccess.client(registry, region, root.principalOrNull());
      try {
        return read(client);
      } finally {
        // Never silent: events that could not be written are reported; a read still succeeds.
        for (String problem : MrkKeystore.flushAudit(registry)) {
          spec.commandLine().getErr().println("mrk: warning: audit: " + problem);
        }
      }
    }

    static KeyRegistry load(Mrk root, Path file) throws Exception {
      if (!Files.exists(file)) {
        return KeyRegistry.builder().build();
      }
      char[] password = root.password();
      try {
        return root.keystores().load(file, password);
      } finally {
        Arrays.fill(password, '\0');
      }
    }
  }
}
