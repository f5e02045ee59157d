package io.mrk.server;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.mrk.MrkProvider;
import io.mrk.kms.Region;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A KMS-compatible endpoint per Region over one keystore: what {@code mrk serve} runs. Each
 * listener serves exactly one Region, and a request's SigV4 credential scope must name it.
 *
 * <p>Lifecycle: {@link Builder#start} binds every listener or none; {@link #close} stops accepting,
 * lets requests in flight finish (up to a grace period), stops the listeners and flushes the audit
 * trail. The server owns no process-wide state: two servers in one JVM do not meet.
 */
public final class MrkServer implements AutoCloseable {

  /** One listener: its Region and its base URL. */
  public record Endpoint(Region region, URI url) {}

  /** Default request-body limit; the largest KMS request (a 32 KiB policy) is far below it. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

  private static final Duration GRACE = Duration.ofSeconds(10);

  private final List<HttpServer> servers;
  private final List<Endpoint> endpoints;
  private final ExecutorService executor;
  private final KeystoreBackend backend;
  private final RequestStats stats;
  private boolean closed;

  private MrkServer(List<HttpServer> servers, List<Endpoint> endpoints, ExecutorService executor,
                    KeystoreBackend backend, RequestStats stats) {
    this.servers = servers;
    this.endpoints = List.copyOf(endpoints);
    this.executor = executor;
    this.backend = backend;
    this.stats = stats;
  }

  public static Builder builder(KeystoreBackend backend) {
    return new Builder(backend);
  }

  /** The listeners, in the order they were given. */
  public List<Endpoint> endpoints() {
    return endpoints;
  }

  /** The URL of {@code region}'s listener. */
  public URI url(Region region) {
    return endpoints.stream().filter(e -> e.region().equals(region)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no listener for " + region)).url();
  }

  /** Requests answered for {@code operation} in {@code region} (e.g. {@code "Decrypt"}). */
  public long requestCount(Region region, String operation) {
    return stats.count(region, operation, null);
  }

  /** Requests for {@code operation} in {@code region} refused with {@code errorType}. */
  public long refusalCount(Region region, String operation, String errorType) {
    return stats.count(region, operation, errorType);
  }

  /** Writes {@code {"endpoints": [{"region", "url"}, ...]}} to {@code file} atomically. */
  public void writeReadyFile(Path file) throws IOException {
    ServerFiles.writeReadyFile(file, endpoints);
  }

  /** Writes an AWS config file with a profile {@code mrk-<region>} per listener, atomically. */
  public void writeAwsConfig(Path file) throws IOException {
    ServerFiles.writeAwsConfig(file, endpoints);
  }

  /** Stops accepting, finishes requests in flight, stops every listener and flushes the audit trail. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    long deadline = System.nanoTime() + GRACE.toNanos();
    while (stats.inFlight() > 0 && System.nanoTime() < deadline) {
      sleep(5);
    }
    for (HttpServer s : servers) {
      s.stop(0);
    }
    executor.shutdown();
    try {
      executor.awaitTermination(GRACE.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    backend.flushAudit();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The server's settings; {@link #start} checks them together. */
  public static final class Builder {
    private final KeystoreBackend backend;
    private final Map<Region, InetSocketAddress> listeners = new LinkedHashMap<>();
    private Credentials credentials;
    private boolean acceptAnySignature;
    private SSLContext tls;
    private Clock clock = Clock.systemUTC();
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int threads = 16;
    private PrintStream log = System.err;

    private Builder(KeystoreBackend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
    }

    /** A listener for {@code region} on {@code address} (port 0 picks a free port). */
    public Builder listen(Region region, InetSocketAddress address) {
      if (listeners.putIfAbsent(Objects.requireNonNull(region, "region"), Objects.requireNonNull(address)) != null) {
        throw new IllegalArgumentException("two listeners for " + region);
      }
      return this;
    }

    /** The access keys requests must be signed with. */
    public Builder credentials(Credentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** Accepts requests whatever their signature, as the account root. For local experiments only. */
    public Builder acceptAnySignature() {
      this.acceptAnySignature = true;
      return this;
    }

    /** Serves HTTPS with {@code context}; required for a listener that is not on loopback. */
    public Builder tls(SSLContext context) {
      this.tls = Objects.requireNonNull(context, "context");
      return this;
    }

    /** The clock SigV4 dates are checked against. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder maxBodyBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /** Request-handling threads shared by every listener. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be positive");
      }
      this.threads = threads;
      return this;
    }

    /** Where internal failures are logged (never with request content). */
    public Builder log(PrintStream log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    /**
     * Binds every listener and starts serving.
     *
     * @throws IllegalStateException for settings that must not run: no listener, no credentials
     *     without {@link #acceptAnySignature}, a non-loopback address without TLS
     * @throws IOException when a listener cannot bind (then none is left bound)
     */
    public MrkServer start() throws IOException {
      if (listeners.isEmpty()) {
        throw new IllegalStateException("at least one listener is required");
      }
      if (credentials == null && !acceptAnySignature) {
        throw new IllegalStateException("credentials are required unless every signature is accepted");
      }
      for (Map.Entry<Region, InetSocketAddress> l : listeners.entrySet()) {
        InetSocketAddress a = l.getValue();
        if (tls == null && (a.getAddress() == null || !a.getAddress().isLoopbackAddress())) {
          throw new IllegalStateException(l.getKey() + ": " + a + " is not a loopback address; data keys travel"
              + " in responses, so a non-loopback listener needs TLS");
        }
      }
      ModelConstraints model = ModelConstraints.load();
      Map<String, Operation> operations = new HashMap<>();
      KeyOperations.register(operations);
      AliasOperations.register(operations);
      CryptoOperations.register(operations);
      GovernanceOperations.register(operations);
      MrkProvider provider = new MrkProvider();
      SecureRandom random = new SecureRandom();
      RequestStats stats = new RequestStats();
      ExecutorService executor = executor(threads);
      List<HttpServer> started = new ArrayList<>();
      List<Endpoint> endpoints = new ArrayList<>();
      try {
        for (Map.Entry<Region, InetSocketAddress> l : listeners.entrySet()) {
          Region region = l.getKey();
          HttpServer server = tls == null ? HttpServer.create(l.getValue(), 128) : https(l.getValue(), tls);
          SigV4Verifier verifier = acceptAnySignature ? null : new SigV4Verifier(region, credentials, clock);
          server.createContext("/", new KmsHandler(region, verifier, model, Map.copyOf(operations), backend,
              provider, random, maxBodyBytes, stats, log));
          server.setExecutor(executor);
          server.start();
          started.add(server);
          endpoints.add(new Endpoint(region, url(tls != null, server.getAddress())));
        }
      } catch (IOException | RuntimeException e) {
        started.forEach(s -> s.stop(0));
        executor.shutdownNow();
        throw e;
      }
      return new MrkServer(started, endpoints, executor, backend, stats);
    }

    private static HttpsServer https(InetSocketAddress address, SSLContext tls) throws IOException {
      HttpsServer server = HttpsServer.create(address, 128);
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
      return server;
    }

    private static URI url(boolean https, InetSocketAddress bound) {
      String host = bound.getAddress().getHostAddress();
      if (host.contains(":")) {
        int zone = host.indexOf('%');
        host = "[" + (zone < 0 ? host : host.substring(0, zone)) + "]";
      }
      return URI.create((https ? "https" : "http") + "://" + host + ":" + bound.getPort());
    }

    private static ExecutorService executor(int threads) {
      AtomicInteger n = new AtomicInteger();
      return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "mrk-serve-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
  }
}
