package io.mrk.bench.kms;

import io.mrk.MrkKeystore;
import io.mrk.MrkProvider;
import io.mrk.aws.AwsKmsLoadStoreParameter;
import io.mrk.aws.CacheLimits;
import io.mrk.kms.Region;
import io.mrk.server.Credentials;
import io.mrk.server.FileKeystoreBackend;
import io.mrk.server.MrkServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Security;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * {@code mrk serve} started in the benchmark's own JVM on loopback (us-east-1 and eu-west-1 on
 * ephemeral ports) over a throw-away keystore in a temporary directory, with one multi-Region key
 * ({@code alias/orders} in both Regions), and the {@code MRK} KeyStore loaded over it through
 * {@code mrk-aws} (suite 2 envelopes, the data-key cache with the limits given).
 *
 * <p>The served keystore is sealed with a light Argon2id (1 MiB, one pass): it is opened once in
 * setup and its KDF is not what is measured. The server verifies SigV4, checks the key policy and
 * writes its audit trail as in production; the SDK client is the URL-connection one with keep-alive.
 */
public final class ServeOnLoopback implements AutoCloseable {

  private static final String ACCESS_KEY = "AKIAMRKBENCH00000001";
  private static final String SECRET = "mrk-bench-serve-secret-0123";
  private static final String ROOT = "arn:aws:iam::111122223333:root";
  private static final Region US = new Region("us-east-1");
  private static final Region EU = new Region("eu-west-1");
  private static final String LIGHT_KDF = "argon2id:m=1024,t=1,p=1";
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET));

  private final Path dir;
  private final FileKeystoreBackend backend;
  private final MrkServer server;
  private final Key encryptKey;
  private final Key decryptKey;

  private ServeOnLoopback(Path dir, FileKeystoreBackend backend, MrkServer server, Key encryptKey, Key decryptKey) {
    this.dir = dir;
    this.backend = backend;
    this.server = server;
    this.encryptKey = encryptKey;
    this.decryptKey = decryptKey;
  }

  /** Starts the server, creates the key and loads the KMS-backed keystore with {@code limits}. */
  public static ServeOnLoopback start(CacheLimits limits) throws Exception {
    if (Security.getProvider(MrkProvider.NAME) == null) {
      Security.addProvider(new MrkProvider());
    }
    Path dir = Files.createTempDirectory("mrk-bench-serve");
    FileKeystoreBackend backend = new FileKeystoreBackend(MrkKeystore.withDefaults().withKdf(LIGHT_KDF),
        dir.resolve("served.mrk"), "mrk-bench-serve".toCharArray()).open();
    MrkServer server;
    try {
      server = MrkServer.builder(backend)
          .credentials(Credentials.of(List.<String[]>of(new String[] {ACCESS_KEY, SECRET, ROOT})))
          .listen(US, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
          .listen(EU, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
          .start();
    } catch (Exception | Error e) {
      backend.close();
      throw e;
    }
    try {
      createOrdersKey(server);
      KeyStore ks = KeyStore.getInstance("MRK");
      ks.load(AwsKmsLoadStoreParameter.builder().regions(US.code(), EU.code()).credentials(CREDENTIALS)
          .endpoint(US.code(), server.url(US)).endpoint(EU.code(), server.url(EU)).cacheLimits(limits).build());
      return new ServeOnLoopback(dir, backend, server,
          entry(ks, "us-east-1/alias/orders"), entry(ks, "eu-west-1/alias/orders"));
    } catch (Exception | Error e) {
      server.close();
      backend.close();
      throw e;
    }
  }

  /** The us-east-1 handle, which the benchmarks encrypt with (GenerateDataKey in us-east-1). */
  public Key encryptKey() {
    return encryptKey;
  }

  /** The eu-west-1 replica's handle, which the benchmarks decrypt with (Decrypt in eu-west-1). */
  public Key decryptKey() {
    return decryptKey;
  }

  /** Requests of {@code operation} the server answered in {@code region}; setup uses it to check caching. */
  public long calls(String region, String operation) {
    return server.requestCount(new Region(region), operation);
  }

  private static void createOrdersKey(MrkServer server) {
    try (KmsClient us = admin(server, US); KmsClient eu = admin(server, EU)) {
      String arn = us.createKey(b -> b.multiRegion(true).description("orders")).keyMetadata().arn();
      us.replicateKey(b -> b.keyId(arn).replicaRegion(EU.code()));
      String id = arn.substring(arn.indexOf("key/") + 4);
      us.createAlias(b -> b.aliasName("alias/orders").targetKeyId(id));
      eu.createAlias(b -> b.aliasName("alias/orders").targetKeyId(id));
    }
  }

  private static KmsClient admin(MrkServer server, Region r) {
    return KmsClient.builder().endpointOverride(server.url(r))
        .region(software.amazon.awssdk.regions.Region.of(r.code()))
        .credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
        .build();
  }

  private static Key entry(KeyStore ks, String name) throws GeneralSecurityException {
    Key key = ks.getKey(name, null);
    if (key == null) {
      throw new GeneralSecurityException("the KMS-backed keystore has no entry " + name);
    }
    return key;
  }

  @Override
  public void close() throws IOException {
    try {
      server.close();
    } finally {
      backend.close();
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
