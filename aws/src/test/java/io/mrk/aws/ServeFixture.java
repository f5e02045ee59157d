package io.mrk.aws;

import io.mrk.MrkKeystore;
import io.mrk.kms.Region;
import io.mrk.server.Credentials;
import io.mrk.server.FileKeystoreBackend;
import io.mrk.server.MrkServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * {@code mrk serve} in-process over a keystore in a temporary directory, us-east-1 and eu-west-1 on
 * loopback ephemeral ports, one admin access key (the account root). Uses the server module's public
 * classes only ({@link MrkServer}, {@link FileKeystoreBackend}, {@link Credentials}); closed by the test.
 */
public final class ServeFixture implements AutoCloseable {

  public static final String ACCESS_KEY = "AKIAMRKAWSTEST000001";
  public static final String SECRET = "aws-module-test-secret-0123";
  public static final String ROOT = "arn:aws:iam::111122223333:root";
  public static final Region US = new Region("us-east-1");
  public static final Region EU = new Region("eu-west-1");
  public static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET));

  final Path dir;
  final FileKeystoreBackend backend;
  final MrkServer server;

  private ServeFixture(Path dir, FileKeystoreBackend backend, MrkServer server) {
    this.dir = dir;
    this.backend = backend;
    this.server = server;
  }

  /** Installs the MRK provider once, as every application does (or a java.security override). */
  public static void installProvider() {
    if (java.security.Security.getProvider(io.mrk.MrkProvider.NAME) == null) {
      java.security.Security.addProvider(new io.mrk.MrkProvider());
    }
  }

  public static ServeFixture start(Path dir) throws Exception {
    MrkKeystore keystores = MrkKeystore.withDefaults().withKdf("argon2id:m=64,t=1,p=1");
    FileKeystoreBackend backend = new FileKeystoreBackend(keystores, dir.resolve("served.mrk"),
        "serve-password".toCharArray()).open();
    MrkServer server = MrkServer.builder(backend)
        .credentials(Credentials.of(List.<String[]>of(new String[] {ACCESS_KEY, SECRET, ROOT})))
        .listen(US, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .listen(EU, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .start();
    return new ServeFixture(dir, backend, server);
  }

  public URI url(Region r) {
    return server.url(r);
  }

  /** An admin SDK client of {@code r}, for setting up keys as an operator would. */
  KmsClient admin(Region r) {
    return KmsClient.builder().endpointOverride(url(r))
        .region(software.amazon.awssdk.regions.Region.of(r.code()))
        .credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
        .build();
  }

  /** A descriptor file for both Regions with {@code extra} lines (cache limits) appended. */
  Path descriptor(String name, String... extra) throws IOException {
    StringBuilder sb = new StringBuilder("# MRK over KMS (mrk serve in a test)\nmrk.keystore=aws-kms\n"
        + "regions=us-east-1,eu-west-1\n"
        + "endpoint.us-east-1=" + url(US) + "\n"
        + "endpoint.eu-west-1=" + url(EU) + "\n");
    for (String line : extra) {
      sb.append(line).append('\n');
    }
    Path p = dir.resolve(name);
    Files.writeString(p, sb.toString());
    return p;
  }

  /** A multi-Region key with primary in us-east-1, replica in eu-west-1, alias/orders in both; its key id. */
  public String ordersKey() {
    try (KmsClient us = admin(US); KmsClient eu = admin(EU)) {
      String arn = us.createKey(b -> b.multiRegion(true).description("orders")).keyMetadata().arn();
      us.replicateKey(b -> b.keyId(arn).replicaRegion("eu-west-1"));
      String id = arn.substring(arn.indexOf("key/") + 4);
      us.createAlias(b -> b.aliasName("alias/orders").targetKeyId(id));
      eu.createAlias(b -> b.aliasName("alias/orders").targetKeyId(id));
      return id;
    }
  }

  public long calls(Region r, String operation) {
    return server.requestCount(r, operation);
  }

  @Override
  public void close() throws IOException {
    server.close();
    backend.close();
  }
}
