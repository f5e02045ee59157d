package io.mrk.cli;

import io.mrk.KeystoreSession;
import io.mrk.MrkKeystore;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsException;
import io.mrk.kms.Principal;
import io.mrk.kms.Region;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * One {@code aws kms} operation run against the keystore, in four steps: parse every parameter
 * ({@link #prepare}, before the keystore is used, so a bad parameter is reported without waiting for
 * the password KDF, which {@link EarlyOpen} may have started beside the parsing), run,
 * page and query the result, print it in the {@code --output} style. Failures become the aws CLI's
 * lines and statuses: {@code Error parsing parameter ...} (252), {@code An error occurred
 * (<KmsErrorName>) when calling the <Operation> operation: <message>} (254), configuration (253).
 */
abstract class KmsCommand implements Callable<Integer> {

  @ParentCommand
  Mrk root;

  @Spec
  CommandSpec spec;

  @Mixin
  AwsGlobalOptions globals;

  /** --debug's phase lines; off until {@link #call} knows the options. */
  Debug debug = new Debug(false, null);

  /** The KMS operation's name, e.g. {@code CreateKey}, for the error line and the table title. */
  abstract String operation();

  /** Parses and checks the command's parameters; runs before the keystore is opened. */
  void prepare() throws ParamError, KmsException {}

  /** Runs the command with the keystore's registry; returns what to print, or null. */
  abstract Object runWith(Mrk root, Region region, Path file) throws Exception;

  /** The paginator of a list operation, else null. */
  Paging.Paginator paginator() {
    return null;
  }

  /** The operation's {@code --limit}/{@code --marker}, for a list operation. */
  Paging.PageOptions pageOptions() {
    return new Paging.PageOptions();
  }

  @Override
  public final Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AwsGlobalOptions options = AwsGlobalOptions.merge(root.globals, globals);
    debug = new Debug(options.debug, err);
    debug.started();
    try {
      if (options.generateCliSkeleton != null) {
        out.print(CliInput.skeleton(spec, options.generateCliSkeleton));
        out.flush();
        return 0;
      }
      OutputFormat format = OutputFormat.parse(options.output, root.env);
      Query query = options.query == null ? null : Query.compile(options.query);
      checkKeyIds();
      prepare();
      debug.phase("parameters parsed");
      Object result = runWith(root, root.regionOrFail(), root.keystorePath());
      debug.phase(operation() + " done");
      if (result == null) {
        return 0;
      }
      if (paginator() != null) {
        @SuppressWarnings("unchecked")
        Map<String, Object> page = (Map<String, Object>) result;
        result = Paging.apply(page, paginator(), pageOptions(), options);
      }
      Object shown = AwsJson.normalize(result);
      if (query != null) {
        shown = query.search(shown);
        debug.phase("query applied");
      }
      out.print(format.render(operation(), shown, root.env));
      out.flush();
      return 0;
    } catch (ParamError e) {
      debug.cause(e);
      err.println(e.line());
      return Mrk.USAGE;
    } catch (KmsException e) {
      debug.cause(e);
      err.println("An error occurred (" + e.errorName() + ") when calling the " + operation()
          + " operation: " + e.getMessage());
      return Mrk.SERVICE;
    } catch (RequestOptions.DryRunSucceeded e) {
      err.println("An error occurred (DryRunOperationException) when calling the " + operation()
          + " operation: " + e.getMessage());
      return Mrk.SERVICE;
    } catch (Mrk.ConfigurationException e) {
      debug.cause(e);
      err.println("mrk: " + e.getMessage());
      return Mrk.CONFIGURATION;
    } catch (IOException e) {
      debug.cause(e);
      String where = e instanceof java.nio.file.FileSystemException f && f.getFile() != null ? ""
          : "keystore " + root.keystorePath() + ": ";
      err.println("mrk: " + where + IoErrors.describe(e));
      return Mrk.CONFIGURATION;
    } catch (Exception e) {
      debug.cause(e);
      err.println("mrk: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return Mrk.OTHER;
    }
  }

  /** The options that name a key, checked for the forms KMS accepts before anything runs. */
  private static final java.util.Set<String> KEY_OPTIONS =
      java.util.Set.of("--key-id", "--target-key-id", "--source-key-id", "--destination-key-id");
  private static final java.util.regex.Pattern KEY_ID =
      java.util.regex.Pattern.compile("(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

  /**
   * A key parameter that is none of key id, key ARN, alias name or alias ARN is refused as KMS
   * refuses it: {@code NotFoundException: Invalid keyId <value>} (not a ValidationException).
   */
  private void checkKeyIds() throws KmsException {
    for (picocli.CommandLine.Model.OptionSpec o : spec.options()) {
      if (KEY_OPTIONS.contains(o.longestName()) && o.getValue() instanceof String v
          && !(v.startsWith("alias/") || v.startsWith("arn:") || KEY_ID.matcher(v).matches())) {
        throw new KmsException(io.mrk.kms.KmsError.NOT_FOUND, "Invalid keyId " + v);
      }
    }
  }

  /** {@code region}'s client as {@code principal} (a checked ARN), or as the keystore holder when it is {@code null}. */
  static KmsClient client(KeyRegistry registry, Region region, String principal) {
    return principal == null ? registry.client(region) : registry.client(region, new Principal(principal));
  }

  /** A command that changes the keystore: runs under the file lock and writes the result back atomically. */
  abstract static class Writing extends KmsCommand {

    abstract Object change(KmsClient client) throws KmsException;

    /**
     * Applies {@link #change} through a session: one password KDF (often run while the command line
     * was parsed, see {@link EarlyOpen}); the write re-reads the file under its lock and reseals it
     * under the key already derived.
     */
    @Override
    final Object runWith(Mrk root, Region region, Path file) throws Exception {
      String principal = root.principalOrNull();
      boolean exists = Files.exists(file);
      try (KeystoreSession session = root.openSession(file)) {
        debug.phase(exists ? "keystore opened (one password KDF run)" : "no keystore yet: this write creates it");
        Object result = session.update(registry -> change(client(registry, region, principal)));
        debug.phase("keystore changed and resealed under the derived key");
        return result;
      }
    }
  }

  /** A command that only reads the keystore; a keystore file that does not exist is an error that says so. */
  abstract static class Reading extends KmsCommand {

    abstract Object read(KmsClient client) throws Exception;

    /**
     * Reads with the keystore's registry as the command's principal, then waits until the audit
     * events of the command (its call and any key binding) are written.
     */
    @Override
    final Object runWith(Mrk root, Region region, Path file) throws Exception {
      if (!Files.exists(file)) {
        throw new Mrk.ConfigurationException("There is no keystore at " + file + " (from "
            + root.keystoreSource() + "). A command that writes, such as create-key, creates it.");
      }
      String principal = root.principalOrNull();
      try (KeystoreSession session = root.openSession(file)) {
        KeyRegistry registry = session.registry();
        KmsClient client = client(registry, region, principal);
        debug.phase("keystore opened (one password KDF run)");
        try {
          return read(client);
        } finally {
          debug.phase("operation run");
          // Never silent: events that could not be written are reported; a read still succeeds.
          for (String problem : MrkKeystore.flushAudit(registry)) {
            spec.commandLine().getErr().println("mrk: warning: audit: " + problem);
          }
          debug.phase("audit events written");
        }
      }
    }
  }
}
