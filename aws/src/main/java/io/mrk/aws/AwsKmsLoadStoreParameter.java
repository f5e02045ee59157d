package io.mrk.aws;

import java.net.URI;
import java.security.KeyStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Loads the {@code MRK} KeyStore over AWS KMS from code: {@code KeyStore.getInstance("MRK").load(param)}.
 * The same as a descriptor file, with typed values: the Regions, and either a credentials provider
 * (with optional per-Region endpoints) or a supplier of the caller's own {@link KmsClient} per Region
 * (which the keystore never closes), plus cache limits and, for tests, the clock the cache ages by.
 */
public final class AwsKmsLoadStoreParameter implements KeyStore.LoadStoreParameter {

  private final List<String> regions;
  private final AwsCredentialsProvider credentials;
  private final Function<String, KmsClient> clients;
  private final Map<String, URI> endpoints;
  private final CacheLimits cacheLimits;
  private final Clock clock;

  private AwsKmsLoadStoreParameter(Builder b) {
    this.regions = List.copyOf(b.regions);
    this.credentials = b.credentials;
    this.clients = b.clients;
    this.endpoints = Map.copyOf(b.endpoints);
    this.cacheLimits = b.cacheLimits;
    this.clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<String> regions() {
    return regions;
  }

  public Optional<AwsCredentialsProvider> credentials() {
    return Optional.ofNullable(credentials);
  }

  public Optional<Function<String, KmsClient>> clients() {
    return Optional.ofNullable(clients);
  }

  public Map<String, URI> endpoints() {
    return endpoints;
  }

  public CacheLimits cacheLimits() {
    return cacheLimits;
  }

  public Clock clock() {
    return clock;
  }

  /** KMS authenticates the caller; no password protects this keystore. */
  @Override
  public KeyStore.ProtectionParameter getProtectionParameter() {
    return null;
  }

  /** Builds a parameter; {@link #build} checks the combination. */
  public static final class Builder {
    private final List<String> regions = new ArrayList<>();
    private AwsCredentialsProvider credentials;
    private Function<String, KmsClient> clients;
    private final Map<String, URI> endpoints = new LinkedHashMap<>();
    private CacheLimits cacheLimits = CacheLimits.DEFAULT;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The Regions whose keys and aliases the keystore lists, e.g. {@code us-east-1}. */
    public Builder regions(String... codes) {
      regions.addAll(List.of(codes));
      return this;
    }

    public Builder credentials(AwsCredentialsProvider provider) {
      this.credentials = provider;
      return this;
    }

    /** The caller's client for each Region (the caller closes them); excludes credentials and endpoints. */
    public Builder clients(Function<String, KmsClient> supplier) {
      this.clients = supplier;
      return this;
    }

    public Builder endpoint(String region, URI endpoint) {
      endpoints.put(region, endpoint);
      return this;
    }

    public Builder cacheLimits(CacheLimits limits) {
      this.cacheLimits = limits;
      return this;
    }

    /** The clock the data-key cache ages by (tests); the system clock otherwise. */
    public Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    /**
     * @throws IllegalArgumentException for no Region, a client supplier with credentials or
     *     endpoints, or an endpoint of a Region not listed
     */
    public AwsKmsLoadStoreParameter build() {
      if (regions.isEmpty()) {
        throw new IllegalArgumentException("name at least one Region");
      }
      if (clients != null && (credentials != null || !endpoints.isEmpty())) {
        throw new IllegalArgumentException("a client supplier brings its own credentials and endpoints");
      }
      for (String r : endpoints.keySet()) {
        if (!regions.contains(r)) {
          throw new IllegalArgumentException("an endpoint for " + r + ", which is not among the Regions " + regions);
        }
      }
      if (cacheLimits == null || clock == null) {
        throw new IllegalArgumentException("cache limits and clock must not be null");
      }
      return new AwsKmsLoadStoreParameter(this);
    }
  }
}
