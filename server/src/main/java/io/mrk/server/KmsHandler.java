package io.mrk.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mrk.json.Json;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One Region's listener: AWS JSON 1.1 over {@code POST /}. A request is handled in this order, each
 * step bounding the work of the next: the body is read up to the size limit; the signature is
 * verified over the raw bytes (untrusted input is authenticated before it is parsed); the target
 * is looked up; the body is parsed and checked against the model; the operation runs. Every answer
 * carries {@code x-amzn-RequestId}; every refusal is {@code {"__type", "message"}} with
 * {@code x-amzn-ErrorType}.
 */
final class KmsHandler implements HttpHandler {

  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final String TARGET_PREFIX = "TrentService.";

  private final Region region;
  private final SigV4Verifier verifier;
  private final ModelConstraints model;
  private final Map<String, Operation> operations;
  private final KeystoreBackend backend;
  private final Provider provider;
  private final SecureRandom random;
  private final int maxBodyBytes;
  private final RequestStats stats;
  private final PrintStream log;

  KmsHandler(Region region, SigV4Verifier verifier, ModelConstraints model, Map<String, Operation> operations,
             KeystoreBackend backend, Provider provider, SecureRandom random, int maxBodyBytes, RequestStats stats,
             PrintStream log) {
    this.region = region;
    this.verifier = verifier;
    this.model = model;
    this.operations = operations;
    this.backend = backend;
    this.provider = provider;
    this.random = random;
    this.maxBodyBytes = maxBodyBytes;
    this.stats = stats;
    this.log = log;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String requestId = UUID.randomUUID().toString();
    String operation = null;
    stats.begin();
    int status = 200;
    String errorType = null;
    String json;
    try {
      operation = operationName(exchange);
      json = Json.write(serve(exchange, operation));
    } catch (ServiceError e) {
      status = e.status();
      errorType = e.type();
      json = error(e.type(), e.getMessage());
    } catch (KmsException e) {
      status = 400;
      errorType = e.errorName();
      json = error(e.errorName(), e.getMessage());
    } catch (IOException | RuntimeException e) {
      // The cause goes to the server's log only; the client sees the model's internal fault.
      log.println("mrk serve: " + region + " " + operation + " request " + requestId + " failed: " + e);
      ServiceError internal = ServiceError.internal();
      status = internal.status();
      errorType = internal.type();
      json = error(internal.type(), internal.getMessage());
    }
    try {
      stats.served(region, operation, errorType);
      respond(exchange, requestId, status, errorType, json);
    } finally {
      stats.end();
      exchange.close();
    }
  }

  private Map<String, Object> serve(HttpExchange exchange, String operation)
      throws ServiceError, KmsException, IOException {
    if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getRawPath())) {
      throw ServiceError.client("UnknownOperationException", "KMS is served as POST / (AWS JSON 1.1).");
    }
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    byte[] body = RequestBody.read(exchange.getRequestBody(), declared(length), maxBodyBytes);
    Caller caller = verifier == null ? Caller.UNVERIFIED : verifier.verify(new SigV4Verifier.SignedRequest(
        exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
        lowercase(exchange), body));
    Operation op = operation == null ? null : operations.get(operation);
    if (op == null) {
      if (operation != null && model.knows(operation)) {
        throw ServiceError.client("UnsupportedOperationException", operation + " is not supported by MRK.");
      }
      throw ServiceError.client("UnknownOperationException", null);
    }
    Map<String, Object> input = RequestBody.parse(body);
    model.validate(operation, input);
    return op.run(new Call(region, caller, new Input(input), backend, provider, random));
  }

  private static String operationName(HttpExchange exchange) {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (target == null || !target.startsWith(TARGET_PREFIX) || target.length() > 128) {
      return null;
    }
    return target.substring(TARGET_PREFIX.length());
  }

  private static long declared(String contentLength) {
    if (contentLength == null) {
      return -1;
    }
    try {
      return Long.parseLong(contentLength.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Map<String, List<String>> lowercase(HttpExchange exchange) {
    Map<String, List<String>> out = new HashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> out.merge(k.toLowerCase(Locale.ROOT), List.copyOf(v),
        (a, b) -> {
          List<String> all = new ArrayList<>(a);
          all.addAll(b);
          return all;
        }));
    return out;
  }

  private static String error(String type, String message) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("__type", type);
    if (message != null) {
      out.put("message", message);
    }
    return Json.write(out);
  }

  private static void respond(HttpExchange exchange, String requestId, int status, String errorType, String json)
      throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
    if (errorType != null) {
      exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
