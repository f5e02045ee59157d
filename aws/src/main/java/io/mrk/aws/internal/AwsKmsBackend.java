package io.mrk.aws.internal;

import io.mrk.aws.AwsKmsLoadStoreParameter;
import io.mrk.aws.CacheLimits;
import io.mrk.spi.ExternalKeyStore;
import io.mrk.spi.KeystoreBackend;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * Opens KMS-backed keystores for the MRK provider ({@code mrk.keystore=aws-kms}): from a descriptor
 * file ({@code regions}, optional {@code endpoint.<region>}, optional {@code cache.*}) with the SDK's
 * default credentials chain, or from an {@link AwsKmsLoadStoreParameter}. Unknown descriptor
 * properties are refused, so that a misspelt limit is never silently the default.
 */
public final class AwsKmsBackend implements KeystoreBackend {

  /** A Region code as AWS writes them. */
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
  private static final Set<String> CACHE_PROPERTIES = Set.of("cache.maxAge", "cache.maxMessages", "cache.maxBytes",
      "cache.maxEntries");
  /** Bounded so that an unreachable endpoint fails within the SDK's retries, not the OS's TCP timeout. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

  @Override
  public String type() {
    return "aws-kms";
  }

  @Override
  public ExternalKeyStore open(Properties d) throws IOException {
    List<String> regions = regions(d.getProperty("regions"));
    Map<String, URI> endpoints = new LinkedHashMap<>();
    for (String name : d.stringPropertyNames()) {
      if (name.startsWith("endpoint.")) {
        String region = name.substring("endpoint.".length());
        if (!regions.contains(region)) {
          throw new IOException("The descriptor sets " + name + ", but " + region + " is not among its regions "
              + regions);
        }
        endpoints.put(region, uri(name, d.getProperty(name).trim()));
      } else if (!name.equals("mrk.keystore") && !name.equals("regions") && !CACHE_PROPERTIES.contains(name)) {
        throw new IOException("Unknown property '" + name + "' in the aws-kms keystore descriptor (known: regions,"
            + " endpoint.<region>, " + String.join(", ", CACHE_PROPERTIES) + ")");
      }
    }
    CacheLimits limits;
    try {
      limits = CacheLimits.fromProperties(d);
    } catch (IllegalArgumentException e) {
      throw new IOException("The aws-kms keystore descriptor's cache limits: " + e.getMessage(), e);
    }
    AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    try {
      return open(built(regions, endpoints, credentials), limits, Clock.systemUTC());
    } catch (SdkException e) {
      throw new IOException("Cannot set up the KMS clients of " + regions + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean accepts(KeyStore.LoadStoreParameter param) {
    return param instanceof AwsKmsLoadStoreParameter;
  }

  @Override
  public ExternalKeyStore open(KeyStore.LoadStoreParameter param) throws IOException {
    try {
      return openTyped((AwsKmsLoadStoreParameter) param);
    } catch (SdkException e) {
      throw new IOException("Cannot set up the KMS clients: " + e.getMessage(), e);
    }
  }

  private static ExternalKeyStore openTyped(AwsKmsLoadStoreParameter p) throws IOException {
    List<KmsRegion> regions = new ArrayList<>();
    if (p.clients().isPresent()) {
      for (String code : regions(String.join(",", p.regions()))) {
        KmsClient client = p.clients().get().apply(code);
        if (client == null) {
          throw new IOException("The client supplier gave no client for " + code);
        }
        regions.add(new KmsRegion(code, client, () -> client));
      }
    } else {
      regions = built(regions(String.join(",", p.regions())), p.endpoints(),
          p.credentials().orElseGet(() -> DefaultCredentialsProvider.builder().build()));
    }
    return open(regions, p.cacheLimits(), p.clock());
  }

  private static ExternalKeyStore open(List<KmsRegion> regions, CacheLimits limits, Clock clock) throws IOException {
    return new KmsKeyStore(regions, new DataKeyCache(limits, clock), clock);
  }

  private static List<KmsRegion> built(List<String> codes, Map<String, URI> endpoints,
                                       AwsCredentialsProvider credentials) {
    List<KmsRegion> out = new ArrayList<>();
    for (String code : codes) {
      KmsClientBuilder b = KmsClient.builder().region(Region.of(code)).credentialsProvider(credentials)
          .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT)
              .socketTimeout(SOCKET_TIMEOUT).build());
      URI endpoint = endpoints.get(code);
      if (endpoint != null) {
        b.endpointOverride(endpoint);
      }
      KmsClient client = b.build();
      // The identity cached data keys belong to: the access key id, never the secret.
      out.add(new KmsRegion(code, client, () -> credentials.resolveCredentials().accessKeyId()));
    }
    return out;
  }

  private static List<String> regions(String list) throws IOException {
    if (list == null || list.isBlank()) {
      throw new IOException("The aws-kms keystore descriptor needs regions=<region>[,<region>...]");
    }
    List<String> out = new ArrayList<>();
    for (String r : list.split(",")) {
      String code = r.trim();
      if (!REGION.matcher(code).matches()) {
        throw new IOException("'" + code + "' is not a Region code such as us-east-1");
      }
      if (out.contains(code)) {
        throw new IOException("Region " + code + " is listed twice");
      }
      out.add(code);
    }
    return out;
  }

  private static URI uri(String name, String value) throws IOException {
    try {
      URI u = new URI(value);
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
        throw new IOException(name + " must be an http or https URL, not '" + value + "'");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new IOException(name + " is not a URL: " + e.getMessage(), e);
    }
  }
}
