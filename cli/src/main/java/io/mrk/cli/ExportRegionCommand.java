package io.mrk.cli;

import io.mrk.kms.Region;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * export-region: writes the Region-scoped keystore (that Region's primaries and replicas with their
 * material, and its aliases) for deploying to that Region's servers without the other Regions' keys.
 * It is sealed with $MRK_EXPORT_PASSWORD, else with the source keystore's password.
 */
@Command(name = "export-region", description = "Writes a keystore holding only the --region's keys.")
final class ExportRegionCommand extends KmsCommand {

  @Option(names = "--out", required = true, paramLabel = "FILE")
  Path out;

  @Override
  String operation() {
    return "ExportRegion";
  }

  @Override
  void prepare() throws ParamError {
    OutputFile.check("--out", out);
    String refused = root.undecodable.get("MRK_EXPORT_PASSWORD");
    if (refused != null) {
      throw new ParamError("$MRK_EXPORT_PASSWORD", "the variable " + refused);
    }
  }

  /**
   * The provider writes the export itself (atomically, beside the target); the target is checked
   * here and once more just before, so a device, FIFO or link named by --out is never replaced.
   */
  @Override
  Object runWith(Mrk root, Region region, Path file) throws Exception {
    if (!java.nio.file.Files.exists(file)) {
      throw new Mrk.ConfigurationException("There is no keystore at " + file + " (from " + root.keystoreSource()
          + ").");
    }
    OutputFile.check("--out", out);
    char[] password = root.password();
    String exportPassword = root.env.get("MRK_EXPORT_PASSWORD");
    char[] target = exportPassword != null && !exportPassword.isEmpty() ? exportPassword.toCharArray() : password;
    try {
      root.keystores().exportRegion(file, password, region, out, target);
    } finally {
      Arrays.fill(password, '\0');
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("Region", region.code());
    result.put("Keystore", out.toString());
    return result;
  }
}
