package io.mrk.cli;

import io.mrk.KeystoreSession;
import io.mrk.MrkKeystore;
import io.mrk.kms.Principal;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.InvalidAlgorithmParameterException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code mrk}: the {@code aws kms} vocabulary against a local sealed keystore.
 *
 * <p>Exit statuses follow the aws CLI v2: 0 success, 252 a command line that could not be parsed,
 * 253 a configuration problem (keystore, password, Region), 254 a KMS error, 255 anything else.
 */
@Command(
    name = "mrk",
    version = "mrk 0.1.0",
    description = "Multi-Region keys with the aws kms vocabulary, against a local sealed keystore."
)
public final class Mrk implements Runnable {

  /**
   * The subcommands by name, in the order help lists them. Only the one a command line names is
   * built: picocli's model of all of them costs about 0.15 s of CPU per start (measured,
   * benchmarks/RESULTS.md); help, completion and mistyped names build them all. The names are here
   * as well as in each {@code @Command} so that finding the command a line names reads no
   * annotation (that took 30 ms of a start); {@code CommandTableTest} checks that they agree.
   */
  static final Map<String, Class<?>> COMMANDS = table(
      "create-key", KeyCommands.CreateKey.class,
      "describe-key", KeyCommands.DescribeKey.class,
      "list-keys", KeyCommands.ListKeys.class,
      "enable-key", KeyCommands.EnableKey.class,
      "disable-key", KeyCommands.DisableKey.class,
      "update-key-description", KeyCommands.UpdateKeyDescription.class,
      "generate-data-key", DataKeyCommands.GenerateDataKey.class,
      "generate-data-key-without-plaintext", DataKeyCommands.GenerateDataKeyWithoutPlaintext.class,
      "re-encrypt", DataKeyCommands.ReEncrypt.class,
      "generate-random", DataKeyCommands.GenerateRandom.class,
      "replicate-key", MultiRegionCommands.ReplicateKey.class,
      "update-primary-region", MultiRegionCommands.UpdatePrimaryRegion.class,
      "create-alias", AliasCommands.CreateAlias.class,
      "update-alias", AliasCommands.UpdateAlias.class,
      "delete-alias", AliasCommands.DeleteAlias.class,
      "list-aliases", AliasCommands.ListAliases.class,
      "enable-key-rotation", RotationCommands.EnableKeyRotation.class,
      "disable-key-rotation", RotationCommands.DisableKeyRotation.class,
      "get-key-rotation-status", RotationCommands.GetKeyRotationStatus.class,
      "rotate-key-on-demand", RotationCommands.RotateKeyOnDemand.class,
      "list-key-rotations", RotationCommands.ListKeyRotations.class,
      "schedule-key-deletion", DeletionCommands.ScheduleKeyDeletion.class,
      "cancel-key-deletion", DeletionCommands.CancelKeyDeletion.class,
      "tag-resource", TagCommands.TagResource.class,
      "untag-resource", TagCommands.UntagResource.class,
      "list-resource-tags", TagCommands.ListResourceTags.class,
      "put-key-policy", PolicyCommands.PutKeyPolicy.class,
      "get-key-policy", PolicyCommands.GetKeyPolicy.class,
      "create-grant", GrantCommands.CreateGrant.class,
      "list-grants", GrantCommands.ListGrants.class,
      "revoke-grant", GrantCommands.RevokeGrant.class,
      "retire-grant", GrantCommands.RetireGrant.class,
      "list-retirable-grants", GrantCommands.ListRetirableGrants.class,
      "encrypt", CryptoCommands.Encrypt.class,
      "decrypt", CryptoCommands.Decrypt.class,
      "encrypt-file", FileCommands.EncryptFile.class,
      "decrypt-file", FileCommands.DecryptFile.class,
      "export-region", ExportRegionCommand.class,
      "audit", AuditCommand.class,
      "demo", DemoCommand.class,
      "serve", ServeCommand.class,
      "completion", CompletionCommand.class,
      "help", CommandLine.HelpCommand.class);

  static final int USAGE = 252;
  static final int CONFIGURATION = 253;
  static final int SERVICE = 254;
  static final int OTHER = 255;

  /** The environment, injectable so tests run commands in-process with their own variables. */
  final Map<String, String> env;

  @Option(names = "--keystore", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "Keystore file (default: $MRK_KEYSTORE, else ./keystore.mrk).")
  Path keystore;

  @Option(names = "--region", scope = ScopeType.INHERIT, paramLabel = "REGION",
      description = "Region (default: $AWS_REGION, else $AWS_DEFAULT_REGION).")
  String region;

  @Option(names = "--principal", scope = ScopeType.INHERIT, paramLabel = "ARN",
      description = "Act as this principal (default: $MRK_PRINCIPAL, else the keystore holder,"
          + " audited as the account root and never refused by a key policy).")
  String principal;

  @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
  boolean version;

  @Mixin
  AwsGlobalOptions globals;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Environment variables that are set but could not be decoded exactly (name -> reason). */
  final Map<String, String> undecodable;

  /** The keystore opened while the command line was parsed, if it was guessed. */
  final EarlyOpen early;

  Mrk(Map<String, String> env, Map<String, String> undecodable, EarlyOpen early) {
    this.env = env;
    this.undecodable = undecodable;
    this.early = early;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "A command is required.");
  }

  public static void main(String[] args) {
    ProcessEnvironment environment = ProcessEnvironment.read();
    // The process exits next: an early open that no command took is not waited for.
    System.exit(run(args, environment.env(), environment.undecodable(), new PrintWriter(System.out, true),
        new PrintWriter(System.err, true), false));
  }

  /** Runs one command line and returns its exit status. */
  static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
    return run(args, env, Map.of(), out, err);
  }

  /**
   * Runs one command line in this JVM and returns its exit status once nothing it started is still
   * running (an early open no command took is closed first).
   */
  static int run(String[] args, Map<String, String> env, Map<String, String> undecodable, PrintWriter out,
      PrintWriter err) {
    return run(args, env, undecodable, out, err, true);
  }

  private static int run(String[] args, Map<String, String> env, Map<String, String> undecodable,
      PrintWriter out, PrintWriter err, boolean settle) {
    // First, before picocli loads: the password KDF then runs beside start-up (EarlyOpen).
    EarlyOpen early = EarlyOpen.start(args, env, undecodable, () -> keystores(env, err));
    try {
      return execute(args, env, undecodable, out, err, early);
    } finally {
      early.release(settle);
    }
  }

  private static int execute(String[] args, Map<String, String> env, Map<String, String> undecodable,
      PrintWriter out, PrintWriter err, EarlyOpen early) {
    CommandLine cli = commandLine(env, undecodable, named(args), early);
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((ex, a) -> UsageErrors.handle(ex, err));
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      err.println("mrk: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
      return OTHER;
    });
    List<String> line;
    try {
      line = rewrite(List.of(args), cli);
    } catch (ParamError e) {
      err.println(e.line());
      return USAGE;
    }
    return cli.execute(line.toArray(new String[0]));
  }

  /** The whole command tree, with -h/--help and the shared option descriptions on every command. */
  static CommandLine commandLine(Map<String, String> env, Map<String, String> undecodable) {
    return commandLine(env, undecodable, null, EarlyOpen.NONE);
  }

  /** The tree with only {@code only} as subcommand, or every subcommand when {@code only} is null. */
  private static CommandLine commandLine(Map<String, String> env, Map<String, String> undecodable, Class<?> only,
      EarlyOpen early) {
    EnvFactory factory = new EnvFactory(env, undecodable, early);
    CommandLine cli = new CommandLine(new Mrk(env, undecodable, early), factory);
    COMMANDS.forEach((name, command) -> {
      if (only == null || only == command) {
        cli.addSubcommand(name, new CommandLine(command, factory));
      }
    });
    OptionDocs.apply(cli);
    return cli;
  }

  /**
   * The subcommand the command line runs, when that is all it needs: null for help, completion, a
   * command line without a known command, and {@code CMD help}, which need every command.
   */
  static Class<?> named(String[] args) {
    for (int i = 0; i < args.length; i++) {
      Class<?> command = COMMANDS.get(args[i]);
      if (command != null) {
        boolean whole = command == CommandLine.HelpCommand.class || command == CompletionCommand.class
            || (i == args.length - 2 && args[i + 1].equals("help"));
        return whole ? null : command;
      }
    }
    return null;
  }

  /** The name-to-class pairs as an ordered, unmodifiable map. */
  private static Map<String, Class<?>> table(Object... pairs) {
    Map<String, Class<?>> table = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      table.put((String) pairs[i], (Class<?>) pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(table);
  }

  /**
   * The aws CLI's spellings that picocli does not know: {@code mrk CMD help} is {@code mrk help CMD},
   * and {@code --cli-input-json} becomes the options it names.
   */
  private static List<String> rewrite(List<String> args, CommandLine cli) throws ParamError {
    int at = 0;
    while (at < args.size() && !cli.getSubcommands().containsKey(args.get(at))) {
      at++;
    }
    if (at == args.size()) {
      return args;
    }
    CommandLine sub = cli.getSubcommands().get(args.get(at));
    List<String> rest = args.subList(at + 1, args.size());
    if (rest.equals(List.of("help"))) {
      List<String> out = new ArrayList<>(args.subList(0, at));
      out.add("help");
      out.add(args.get(at));
      return out;
    }
    Set<String> options = new HashSet<>();
    sub.getCommandSpec().options().forEach(o -> options.addAll(List.of(o.names())));
    List<String> out = new ArrayList<>(args.subList(0, at + 1));
    out.addAll(CliInput.expand(rest, options));
    return out;
  }

  /** Where {@link #keystorePath()} came from, for error messages. */
  String keystoreSource() {
    if (keystore != null) {
      return "--keystore";
    }
    String fromEnv = env.get("MRK_KEYSTORE");
    return fromEnv != null && !fromEnv.isEmpty() ? "$MRK_KEYSTORE" : "the default ./keystore.mrk";
  }

  /** The keystore file the command uses. */
  Path keystorePath() {
    return keystorePath(keystore, env);
  }

  /** The keystore file: {@code option} (--keystore) when given, else $MRK_KEYSTORE, else ./keystore.mrk. */
  static Path keystorePath(Path option, Map<String, String> env) {
    if (option != null) {
      return option;
    }
    String fromEnv = env.get("MRK_KEYSTORE");
    return Path.of(fromEnv != null && !fromEnv.isEmpty() ? fromEnv : "keystore.mrk");
  }

  /** The Region the command acts in. */
  Region regionOrFail() throws ConfigurationException {
    String code = region;
    if (code == null || code.isEmpty()) {
      code = env.get("AWS_REGION");
    }
    if (code == null || code.isEmpty()) {
      code = env.get("AWS_DEFAULT_REGION");
    }
    if (code == null || code.isEmpty()) {
      throw new ConfigurationException("You must specify a region. You can also set $AWS_REGION.");
    }
    try {
      return Region.of(code);
    } catch (KmsException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  /** The principal ARN the command acts as, or {@code null} for the keystore holder. */
  String principalOrNull() throws ConfigurationException {
    String arn = principal;
    if (arn == null || arn.isEmpty()) {
      arn = env.get("MRK_PRINCIPAL");
    }
    if (arn == null || arn.isEmpty()) {
      return null;
    }
    if (!Principal.isValid(arn)) {
      throw new ConfigurationException("Not a principal ARN: " + arn + " (expected e.g."
          + " arn:aws:iam::111122223333:role/app, :user/<name> or :root).");
    }
    return arn;
  }

  /** The keystore password: $MRK_KEYSTORE_PASSWORD, else a prompt without echo on a terminal; never an argument. */
  char[] password() throws ConfigurationException {
    String refused = undecodable.get("MRK_KEYSTORE_PASSWORD");
    if (refused != null) {
      throw new ConfigurationException("$MRK_KEYSTORE_PASSWORD " + refused);
    }
    String fromEnv = env.get("MRK_KEYSTORE_PASSWORD");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv.toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      throw new ConfigurationException(
          "No keystore password: set $MRK_KEYSTORE_PASSWORD or run on a terminal to be prompted.");
    }
    char[] typed = console.readPassword("Keystore password for %s: ", keystorePath());
    if (typed == null || typed.length == 0) {
      throw new ConfigurationException("No keystore password was entered.");
    }
    return typed;
  }

  /** The keystore files, with the password KDF given by $MRK_KDF for new files (tests use small ones). */
  MrkKeystore keystores() throws ConfigurationException {
    return keystores(env, spec.commandLine().getErr());
  }

  /**
   * The session on {@code file} with the command's password: the one {@link EarlyOpen} opened while
   * the command line was parsed when it is that file and password, else one opened now. The caller
   * closes it.
   */
  KeystoreSession openSession(Path file) throws ConfigurationException, IOException {
    MrkKeystore keystores = keystores();
    char[] password = password();
    try {
      KeystoreSession opened = early.take(file, password);
      return opened != null ? opened : keystores.open(file, password);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** How the command line opens keystores; audit warnings go to {@code err}. */
  static MrkKeystore keystores(Map<String, String> env, PrintWriter err) throws ConfigurationException {
    MrkKeystore keystores = MrkKeystore.withDefaults()
        .withAuditWarnings(problem -> err.println("mrk: warning: audit: " + problem));
    String kdf = env.get("MRK_KDF");
    if (kdf == null || kdf.isEmpty()) {
      return keystores;
    }
    try {
      return keystores.withKdf(kdf);
    } catch (InvalidAlgorithmParameterException e) {
      throw new ConfigurationException("$MRK_KDF: " + e.getMessage());
    }
  }

  /** A problem with the environment rather than the request: exit status 253. */
  static final class ConfigurationException extends Exception {
    private static final long serialVersionUID = 1L;

    ConfigurationException(String message) {
      super(message);
    }
  }

  /** Creates commands; gives the ones that need it the injected environment. */
  private record EnvFactory(Map<String, String> env, Map<String, String> undecodable, EarlyOpen early)
      implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == Mrk.class) {
        return cls.cast(new Mrk(env, undecodable, early));
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
