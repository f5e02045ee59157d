package io.mrk.cli;

import io.mrk.server.Credentials;
import io.mrk.server.FileKeystoreBackend;
import io.mrk.server.Listener;
import io.mrk.server.MrkServer;
import io.mrk.server.StopSignals;
import io.mrk.server.TlsContexts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mrk serve}: the keystore as a KMS-compatible endpoint per Region (see the server module),
 * until SIGTERM or SIGINT, then a graceful stop and exit 0.
 */
@Command(name = "serve", description = "Serves the keystore as a KMS endpoint per Region (AWS JSON 1.1, SigV4).")
final class ServeCommand implements Callable<Integer> {

  @ParentCommand
  Mrk root;

  @Spec
  CommandSpec spec;

  @Option(names = "--listen", required = true, paramLabel = "REGION=HOST:PORT",
      description = "A listener for one Region; PORT 0 picks a free port; HOST defaults to loopback.")
  List<String> listen;

  @Option(names = "--credentials", paramLabel = "FILE",
      description = "JSON array of {accessKeyId, secretAccessKey, principal}; requests must be signed (SigV4).")
  Path credentials;

  @Option(names = "--ready-file", paramLabel = "FILE", description = "Written atomically once every listener is up.")
  Path readyFile;

  @Option(names = "--aws-config-out", paramLabel = "FILE",
      description = "An AWS config file with a profile mrk-<region> per listener.")
  Path awsConfigOut;

  @Option(names = "--tls-keystore", paramLabel = "FILE.p12",
      description = "Serve HTTPS with this PKCS#12 key (password: $MRK_TLS_PASSWORD); required off loopback.")
  Path tlsKeystore;

  @Option(names = "--insecure-accept-any-signature",
      description = "Accept any request as the account root, signed or not. For local experiments only.")
  boolean acceptAnySignature;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (credentials == null && !acceptAnySignature) {
      err.println("mrk: serve needs --credentials FILE (or --insecure-accept-any-signature).");
      return Mrk.USAGE;
    }
    char[] password = null;
    FileKeystoreBackend backend = null;
    try {
      MrkServer.Builder builder;
      password = root.password();
      backend = new FileKeystoreBackend(root.keystores(), root.keystorePath(), password).open();
      builder = MrkServer.builder(backend);
      for (String l : listen) {
        Listener parsed = Listener.parse(l);
        builder.listen(parsed.region(), parsed.address());
      }
      if (credentials != null) {
        builder.credentials(Credentials.read(credentials));
      } else {
        err.println("mrk: WARNING: --insecure-accept-any-signature: every request is accepted as the account root.");
        builder.acceptAnySignature();
      }
      if (tlsKeystore != null) {
        String tlsPassword = root.env.getOrDefault("MRK_TLS_PASSWORD", "");
        builder.tls(TlsContexts.fromPkcs12(tlsKeystore, tlsPassword.toCharArray()));
      }
      StopSignals signals = StopSignals.install();
      try (MrkServer server = builder.start()) {
        for (MrkServer.Endpoint e : server.endpoints()) {
          err.println("mrk: serving " + e.region() + " at " + e.url());
        }
        if (awsConfigOut != null) {
          server.writeAwsConfig(awsConfigOut);
        }
        if (readyFile != null) {
          server.writeReadyFile(readyFile);
        }
        err.flush();
        err.println("mrk: " + signals.await() + ": stopping");
      }
      return 0;
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("mrk: " + e.getMessage());
      return Mrk.USAGE;
    } catch (Mrk.ConfigurationException | IOException e) {
      err.println("mrk: " + e.getMessage());
      return Mrk.CONFIGURATION;
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
      if (backend != null) {
        backend.close();
      }
    }
  }
}
