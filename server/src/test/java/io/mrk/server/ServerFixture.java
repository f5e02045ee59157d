package io.mrk.server;

import io.mrk.MrkKeystore;
import io.mrk.kms.Region;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * A keystore in a temporary directory served on loopback, ephemeral ports, with three access keys:
 * the account root (admin), {@code role/app} and {@code role/other}. Small KDF parameters; closed by
 * the test.
 */
final class ServerFixture implements AutoCloseable {

  static final String TEST_KDF = "argon2id:m=64,t=1,p=1";
  static final char[] PASSWORD = "serve-test-password".toCharArray();
  static final Region US_EAST_1 = new Region("us-east-1");
  static final Region EU_WEST_1 = new Region("eu-west-1");

  static final String ADMIN_KEY = "AKIAMRKADMIN00000001";
  static final String ADMIN_SECRET = "admin-secret-0123456789";
  static final String APP_KEY = "AKIAMRKAPP0000000001";
  static final String APP_SECRET = "app-secret-0123456789";
  static final String OTHER_KEY = "AKIAMRKOTHER00000001";
  static final String OTHER_SECRET = "other-secret-0123456789";
  static final String ROOT = "arn:aws:iam::111122223333:root";
  static final String APP_ROLE = "arn:aws:iam::111122223333:role/app";
  static final String OTHER_ROLE = "arn:aws:iam::111122223333:role/other";

  final Path file;
  final MrkKeystore keystores;
  final FileKeystoreBackend backend;
  final MrkServer server;

  private ServerFixture(Path file, MrkKeystore keystores, FileKeystoreBackend backend, MrkServer server) {
    this.file = file;
    this.keystores = keystores;
    this.backend = backend;
    this.server = server;
  }

  static MrkKeystore keystores() {
    try {
      return MrkKeystore.withDefaults().withKdf(TEST_KDF);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static Credentials credentials() {
    return Credentials.of(List.of(new String[] {ADMIN_KEY, ADMIN_SECRET, ROOT},
        new String[] {APP_KEY, APP_SECRET, APP_ROLE}, new String[] {OTHER_KEY, OTHER_SECRET, OTHER_ROLE}));
  }

  /** Serves {@code file} (created on the first write) in {@code regions}. */
  static ServerFixture serve(Path file, Region... regions) throws IOException {
    MrkKeystore keystores = keystores();
    FileKeystoreBackend backend = new FileKeystoreBackend(keystores, file, PASSWORD).open();
    MrkServer.Builder b = MrkServer.builder(backend).credentials(credentials());
    for (Region r : regions) {
      b.listen(r, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }
    return new ServerFixture(file, keystores, backend, b.start());
  }

  static ServerFixture serve(Path dir) throws IOException {
    return serve(dir.resolve("keystore.mrk"), US_EAST_1, EU_WEST_1);
  }

  URI url(Region region) {
    return server.url(region);
  }

  @Override
  public void close() throws IOException {
    server.close();
    backend.close();
  }
}
