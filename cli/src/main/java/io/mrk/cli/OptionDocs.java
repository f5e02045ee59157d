package io.mrk.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The description of every option that shares its meaning across commands (the aws kms
 * parameter reference in one place), filled into options declared without one; and the
 * {@code -h/--help} every command accepts. Applied to the command tree before it parses.
 */
final class OptionDocs {

  private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
      Map.entry("--key-id", "The KMS key: key id, key ARN, alias name (alias/NAME) or alias ARN, resolved in the"
          + " command's Region."),
      Map.entry("--tags", "Tags: TagKey=K,TagValue=V (one per value), or JSON '[{\"TagKey\":\"K\",\"TagValue\":\"V\"}]',"
          + " or file://PATH."),
      Map.entry("--policy", "The key policy: JSON text, or file://PATH (UTF-8, at most 131,072 bytes)."),
      Map.entry("--description", "The key's description in this Region (0 to 8192 characters)."),
      Map.entry("--alias-name", "The alias, alias/NAME (not alias/aws/...)."),
      Map.entry("--target-key-id", "The key the alias points at: key id or key ARN, in this Region."),
      Map.entry("--policy-name", "The key policy's name; the only valid name is default."),
      Map.entry("--grant-id", "The grant's id, as create-grant or list-grants prints it."),
      Map.entry("--grant-token", "The grant token that create-grant printed."),
      Map.entry("--grant-tokens", "Grant tokens (up to 10). Accepted as KMS accepts them; MRK grants take"
          + " effect at once, so a token adds nothing."),
      Map.entry("--tag-keys", "The tag keys to remove."),
      Map.entry("--replica-region", "The Region to create the replica in (same partition)."),
      Map.entry("--primary-region", "The Region whose related key becomes the primary."),
      Map.entry("--multi-region", "Create a multi-Region primary key (its id starts with mrk-)."),
      Map.entry("--key-usage", "ENCRYPT_DECRYPT, the only usage of a symmetric key."),
      Map.entry("--key-spec", "create-key: SYMMETRIC_DEFAULT, the only spec MRK offers."),
      Map.entry("--origin", "AWS_KMS, the only origin MRK offers (material made in the keystore)."),
      Map.entry("--grantee-principal", "The principal ARN the grant gives permissions to."),
      Map.entry("--retiring-principal", "The principal ARN that may retire the grant."),
      Map.entry("--operations", "The operations the grant allows, e.g. Encrypt Decrypt GenerateDataKey."),
      Map.entry("--name", "A name for the grant; a second create-grant with the same name and grant returns it again."),
      Map.entry("--rotation-period-in-days", "Days between automatic rotations: 90 to 2560, default 365."),
      Map.entry("--pending-window-in-days", "Days before the key is deleted: 7 to 30, default 30."),
      Map.entry("--plaintext", "The data: fileb://PATH for raw bytes, else base64 text (up to 4096 bytes)."),
      Map.entry("--ciphertext-blob", "The ciphertext: fileb://PATH for raw bytes, else base64 text."),
      Map.entry("--encryption-context", "The encryption context: k=v,k2=v2, JSON '{\"k\":\"v\"}' or file://PATH;"
          + " decryption needs exactly the same pairs."),
      Map.entry("--in", "The input file."),
      Map.entry("--out", "The output file: a new path or an existing regular file, replaced atomically;"
          + " never a device, FIFO, directory or symbolic link."),
      Map.entry("--dry-run", "Check the request and the caller's permission without performing it: a request that"
          + " would succeed fails with DryRunOperationException."),
      Map.entry("--encryption-algorithm", "SYMMETRIC_DEFAULT, the only algorithm of a symmetric key."),
      Map.entry("--bypass-policy-lockout-safety-check", "Skip the check that the new policy lets the caller"
          + " manage the key; MRK has no such switch and refuses it (see the README)."),
      Map.entry("--number-of-bytes", "The length of the data key or random bytes, 1 to 1024."),
      Map.entry("--include-key-material", "ROTATIONS_ONLY (default) or ALL_KEY_MATERIAL (adds the first material)."));

  private OptionDocs() {}

  /** Adds {@code -h/--help} and the shared descriptions to every command of {@code cli}. */
  static void apply(CommandLine cli) {
    CommandSpec spec = cli.getCommandSpec();
    if (spec.findOption("--help") == null) {
      spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
          .description("Show this command's help and exit.").build());
    }
    for (OptionSpec o : spec.options().toArray(new OptionSpec[0])) {
      String text = DESCRIPTIONS.get(o.longestName());
      if ((o.description().length == 0 || o.description()[0].isEmpty()) && text != null) {
        spec.remove(o);
        spec.addOption(o.toBuilder().description(text).build());
      }
    }
    for (CommandLine sub : cli.getSubcommands().values()) {
      apply(sub);
    }
  }
}
