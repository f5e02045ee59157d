package io.mrk.cli;

import io.mrk.MrkKeystore;
import io.mrk.MrkProvider;
import io.mrk.kms.Principal;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.InvalidAlgorithmParameterException;
import java.security.Security;
import java.util.ArrayList;
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
   * The subcommands, one line each. Only the one a command line names is built: picocli's model of
   * all of them costs about 0.15 s of CPU per start (measured, benchmarks/RESULTS.md); help,
   * completion and mistyped names build them all.
   */
  static final List<Class<?>> COMMANDS = List.of(
      KeyCommands.CreateKey.class,
      KeyCommands.DescribeKey.class,
      KeyCommands.ListKeys.class,
      KeyCommands.EnableKey.class,
      KeyCommands.DisableKey.class,
      KeyCommands.UpdateKeyDescription.class,
      DataKeyCommands.GenerateDataKey.class,
      DataKeyCommands.GenerateDataKeyWithoutPlaintext.class,
      DataKeyCommands.ReEncrypt.class,
      DataKeyCommands.GenerateRandom.class,
      MultiRegionCommands.ReplicateKey.class,
      MultiRegionCommands.UpdatePrimaryRegion.class,
      AliasCommands.CreateAlias.class,
      AliasCommands.UpdateAlias.class,
      AliasCommands.DeleteAlias.class,
      AliasCommands.ListAliases.class,
      RotationCommands.EnableKeyRotation.class,
      RotationCommands.DisableKeyRotation.class,
      RotationCommands.GetKeyRotationStatus.class,
      RotationCommands.RotateKeyOnDemand.class,
      RotationCommands.ListKeyRotations.class,
      DeletionCommands.ScheduleKeyDeletion.class,
      DeletionCommands.CancelKeyDeletion.class,
      TagCommands.TagResource.class,
      TagCommands.UntagResource.class,
      TagCommands.ListResourceTags.class,
      PolicyCommands.PutKeyPolicy.class,
      PolicyCommands.GetKeyPolicy.class,
      GrantCommands.CreateGrant.class,
      GrantCommands.ListGrants.class,
      GrantCommands.RevokeGrant.class,
      GrantCommands.RetireGrant.class,
      GrantCommands.ListRetirableGrants.class,
      CryptoCommands.Encrypt.class,
      CryptoCommands.Decrypt.class,
      FileCommands.EncryptFile.class,
      FileCommands.DecryptFile.class,
      ExportRegionCommand.class,
      AuditCommand.class,
      DemoCommand.class,
      ServeCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class);

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

  Mrk(Map<String, String> env) {
    this(env, Map.of());
  }

  Mrk(Map<String, String> env, Map<String, String> undecodable) {
    this.env = env;
    this.undecodable = undecodable;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "A command is required.");
  }

  public static void main(String[] args) {
    ProcessEnvironment environment = ProcessEnvironment.read();
    System.exit(run(args, environment.env(), environment.undecodable(), new PrintWriter(System.out, true),
        new PrintWriter(System.err, true)));
  }

  /** Runs one command line and returns its exit status. */
  static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
    return run(args, env, Map.of(), out, err);
  }

  static int run(String[] args, Map<String, String> env, Map<String, String> undecodable, PrintWriter out,
      PrintWriter err) {
    if (Security.getProvider("MRK") == null) {
      Security.addProvider(new MrkProvider());
    }
    CommandLine cli = commandLine(env, undecodable, named(args));
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
    return commandLine(env, undecodable, null);
  }

  /** The tree with only {@code only} as subcommand, or every subcommand when {@code only} is null. */
  static CommandLine commandLine(Map<String, String> env, Map<String, String> undecodable, Class<?> only) {
    EnvFactory factory = new EnvFactory(env, undecodable);
    CommandLine cli = new CommandLine(new Mrk(env, undecodable), factory);
    for (Class<?> command : COMMANDS) {
      if (only == null || only == command) {
        cli.addSubcommand(command.getAnnotation(Command.class).name(), new CommandLine(command, factory));
      }
    }
    OptionDocs.apply(cli);
    return cli;
  }

  /**
   * The subcommand the command line runs, when that is all it needs: null for help, completion, a
   * command line without a known command, and {@code CMD help}, which need every command.
   */
  private static Class<?> named(String[] args) {
    for (int i = 0; i < args.length; i++) {
      for (Class<?> command : COMMANDS) {
        if (command.getAnnotation(Command.class).name().equals(args[i])) {
          boolean whole = command == CommandLine.HelpCommand.class || command == CompletionCommand.class
              || (i == args.length - 2 && args[i + 1].equals("help"));
          return whole ? null : command;
        }
      }
    }
    return null;
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
    if (keystore != null) {
      return keystore;
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
    MrkKeystore keystores = MrkKeystore.withDefaults()
        .withAuditWarnings(problem -> spec.commandLine().getErr().println("mrk: warning: audit: " + problem));
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
  private record EnvFactory(Map<String, String> env, Map<String, String> undecodable)
      implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == Mrk.class) {
        return cls.cast(new Mrk(env, undecodable));
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
