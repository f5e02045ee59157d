package io.mrk.cli;

import io.mrk.KeystoreAuditTrail;
import io.mrk.MrkKeystore;
import io.mrk.audit.AuditFilter;
import io.mrk.audit.AuditLogException;
import io.mrk.audit.AuditRecord;
import io.mrk.audit.AuditReport;
import io.mrk.audit.RegionReport;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mrk audit}: the Regions' audit logs next to the keystore merged into one chronological
 * stream (JSON Lines, or a table on a terminal), and {@code mrk audit verify}, which checks every
 * Region's chain and names the first broken or missing link.
 */
@Command(name = "audit", subcommands = AuditCommand.Verify.class,
    description = "Shows the audit trail of every Region (or one, with --region) in time order.")
final class AuditCommand implements Callable<Integer> {

  /** Exit status of {@code audit verify} when a chain is broken. */
  static final int BROKEN = 1;

  @ParentCommand
  Mrk root;

  @Spec
  CommandSpec spec;

  @Option(names = "--all-regions", description = "Every Region (the default unless --region is given).")
  boolean allRegions;

  @Option(names = "--since", paramLabel = "TIME", description = "Only events at or after this ISO-8601 instant.")
  String since;

  @Option(names = "--key-id", paramLabel = "KEY", description = "Only events of this key (id or ARN), in every Region.")
  String keyId;

  @Option(names = "--event-name", arity = "1..*", paramLabel = "NAME", description = "Only these events, e.g. Decrypt.")
  List<String> eventNames = new ArrayList<>();

  @Option(names = "--output", paramLabel = "jsonl|table",
      description = "JSON Lines (default) or a readable table (default on a terminal).")
  String output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Set<Region> regions = new HashSet<>();
      if (!allRegions && root.region != null && !root.region.isEmpty()) {
        regions.add(Region.of(root.region));
      }
      Instant from = since == null ? null : Instant.parse(since);
      List<AuditRecord> records = trail(root).read(new AuditFilter(regions, from, keyId, new HashSet<>(eventNames)));
      boolean table = output == null ? System.console() != null : output.equals("table");
      if (output != null && !output.equals("table") && !output.equals("jsonl")) {
        throw new Mrk.ConfigurationException("--output must be jsonl or table, was " + output);
      }
      out.print(table ? AuditTable.render(records) : jsonLines(records));
      out.flush();
      return 0;
    } catch (DateTimeParseException e) {
      err.println("mrk: --since must be an ISO-8601 instant such as 2026-11-29T04:00:00Z: " + since);
      return Mrk.USAGE;
    } catch (KmsException | Mrk.ConfigurationException | IllegalArgumentException e) {
      err.println("mrk: " + e.getMessage());
      return Mrk.CONFIGURATION;
    } catch (IOException | AuditLogException e) {
      err.println("mrk: the audit trail cannot be read: " + e.getMessage());
      return Mrk.OTHER;
    }
  }

  /** The audit trail of the keystore. */
  static KeystoreAuditTrail trail(Mrk root) {
    return MrkKeystore.auditTrail(root.keystorePath());
  }

  /** The records as JSON Lines: each stored line, in the given order, newline-terminated. */
  static String jsonLines(List<AuditRecord> records) {
    StringBuilder out = new StringBuilder();
    for (AuditRecord record : records) {
      out.append(record.line()).append('\n');
    }
    return out.toString();
  }

  /** {@code mrk audit verify}: checks every Region's chain with the keystore's chain key. */
  @Command(name = "verify", description = "Checks every Region's chain; exits 1 at the first broken or missing link.")
  static final class Verify implements Callable<Integer> {

    @ParentCommand
    AuditCommand audit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Mrk root = audit.root;
      char[] password = null;
      try {
        password = root.password();
        Optional<AuditReport> verified = trail(root).verify(password);
        if (verified.isEmpty()) {
          err.println("mrk: this keystore's audit trail predates per-Region chain keys and anchors (registry"
              + " format 1 or 2); any change to the keystore upgrades it.");
          return Mrk.CONFIGURATION;
        }
        AuditReport report = verified.get();
        for (RegionReport file : report.regions()) {
          String pending = file.pending() == 0 ? ""
              : ", " + file.pending() + " committed events pending (the next write appends them)";
          out.println(file.intact()
              ? file.region().code() + ": intact, " + file.records() + " records, anchored at " + file.anchored()
                  + ", head " + file.headLink() + pending
              : file.region().code() + ": BROKEN after " + file.records() + " valid records: " + file.firstBreak()
                  + pending);
        }
        out.flush();
        return report.intact() ? 0 : BROKEN;
      } catch (Mrk.ConfigurationException | IOException e) {
        err.println("mrk: " + e.getMessage());
        return Mrk.CONFIGURATION;
      } finally {
        if (password != null) {
          Arrays.fill(password, '\0');
        }
      }
    }
  }
}
