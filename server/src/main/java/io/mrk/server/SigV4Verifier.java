package io.mrk.server;

import io.mrk.kms.Region;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 on a request to one Region's listener (the header form,
 * {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}).
 *
 * <p>Checks, in order: the header's form; the credential scope names this listener's Region,
 * service {@code kms} and the date of {@code X-Amz-Date}; {@code X-Amz-Date} is within 15 minutes
 * of the server's clock; the access key is known; {@code x-amz-content-sha256}, when sent, is the
 * body's SHA-256; and the signature, recomputed over the canonical request, equals the one sent,
 * compared in constant time. The error names and texts are the ones AWS endpoints return.
 */
final class SigV4Verifier {

  static final Duration MAX_SKEW = Duration.ofMinutes(15);

  /** Longest Authorization header considered, in characters; real ones are about 300. */
  static final int MAX_AUTHORIZATION_CHARS = 4096;

  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final String SERVICE = "kms";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);
  private static final HexFormat HEX = HexFormat.of();

  private final Region region;
  private final Credentials credentials;
  private final Clock clock;

  SigV4Verifier(Region region, Credentials credentials, Clock clock) {
    this.region = region;
    this.credentials = credentials;
    this.clock = clock;
  }

  /** The request as the verifier sees it: lowercase header names to their values, and the raw body. */
  record SignedRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
                       byte[] body) {
    String header(String lowerName) {
      List<String> values = headers.get(lowerName);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  /** The caller of a correctly signed request. */
  Caller verify(SignedRequest request) throws ServiceError {
    String authorization = request.header("authorization");
    if (authorization == null) {
      throw ServiceError.client("MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    if (authorization.length() > MAX_AUTHORIZATION_CHARS) {
      throw incomplete("Authorization header is too long.");
    }
    Authorization auth = Authorization.parse(authorization);
    String[] scope = auth.credential().split("/", -1);
    if (scope.length != 5 || scope[0].isEmpty() || !"aws4_request".equals(scope[4])) {
      throw incomplete("Credential should be 'AccessKeyId/YYYYMMDD/region/service/aws4_request'.");
    }
    if (!region.code().equals(scope[2])) {
      throw invalidSignature("Credential should be scoped to a valid region, not '" + scope[2] + "'. ");
    }
    if (!SERVICE.equals(scope[3])) {
      throw invalidSignature("Credential should be scoped to correct service: '" + SERVICE + "'. ");
    }
    String amzDate = request.header("x-amz-date");
    if (amzDate == null) {
      throw incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    Instant signedAt = parseDate(amzDate);
    if (!amzDate.startsWith(scope[1])) {
      throw invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date"
          + " from HTTP: '" + scope[1] + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
    }
    checkSkew(amzDate, signedAt);
    Credentials.Entry entry = credentials.find(scope[0]).orElseThrow(() -> ServiceError.client(
        "UnrecognizedClientException", "The security token included in the request is invalid."));
    String bodyHash = HEX.formatHex(sha256(request.body()));
    String claimedHash = request.header("x-amz-content-sha256");
    if (claimedHash != null && !MessageDigest.isEqual(ascii(claimedHash), ascii(bodyHash))) {
      throw invalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    if (!auth.signedHeaders().contains("host")) {
      throw invalidSignature("'Host' must be a signed header.");
    }
    String canonical = canonicalRequest(request, auth.signedHeaders(), bodyHash);
    String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope[1] + "/" + scope[2] + "/" + SERVICE
        + "/aws4_request\n" + HEX.formatHex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    byte[] expected = ascii(HEX.formatHex(signature(entry, scope[1], stringToSign)));
    if (!MessageDigest.isEqual(expected, ascii(auth.signature().toLowerCase(Locale.ROOT)))) {
      throw invalidSignature("The request signature we calculated does not match the signature you provided."
          + " Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }
    return new Caller(entry.accessKeyId(), entry.principal());
  }

  private void checkSkew(String amzDate, Instant signedAt) throws ServiceError {
    Instant now = clock.instant();
    if (signedAt.isBefore(now.minus(MAX_SKEW))) {
      throw invalidSignature("Signature expired: " + amzDate + " is now earlier than "
          + format(now.minus(MAX_SKEW)) + " (" + format(now) + " - 15 min.)");
    }
    if (signedAt.isAfter(now.plus(MAX_SKEW))) {
      throw invalidSignature("Signature not yet current: " + amzDate + " is still later than "
          + format(now.plus(MAX_SKEW)) + " (" + format(now) + " + 15 min.)");
    }
  }

  /**
   * The canonical request of SigV4: method, URI, canonical query, the signed headers (lowercase
   * names, values trimmed with inner runs of spaces collapsed, multiple values joined by commas),
   * the signed-header list and the payload hash.
   */
  static String canonicalRequest(SignedRequest request, List<String> signedHeaders, String payloadHash) {
    StringBuilder sb = new StringBuilder(512);
    sb.append(request.method()).append('\n');
    sb.append(request.path().isEmpty() ? "/" : request.path()).append('\n');
    sb.append(canonicalQuery(request.rawQuery())).append('\n');
    for (String name : signedHeaders) {
      List<String> values = request.headers().getOrDefault(name, List.of());
      sb.append(name).append(':');
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(values.get(i).trim().replaceAll(" +", " "));
      }
      sb.append('\n');
    }
    sb.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash);
    return sb.toString();
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      sorted.merge(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1),
          (a, b) -> a + "&" + b);
    }
    StringBuilder sb = new StringBuilder();
    sorted.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(k).append('=').append(v));
    return sb.toString();
  }

  /** HMAC(kSigning, stringToSign) with kSigning = HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), "kms"), "aws4_request"). */
  private byte[] signature(Credentials.Entry entry, String date, String stringToSign) {
    byte[] key = entry.signingSeed();
    try {
      for (String part : new String[] {date, region.code(), SERVICE, "aws4_request", stringToSign}) {
        byte[] next = hmac(key, part);
        Arrays.fill(key, (byte) 0);
        key = next;
      }
      return key;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static Instant parseDate(String amzDate) throws ServiceError {
    try {
      return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw incomplete("Date must be in ISO-8601 'basic format'. Got '" + truncate(amzDate) + "'.");
    }
  }

  private static String format(Instant t) {
    return AMZ_DATE.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String truncate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }

  static ServiceError invalidSignature(String message) {
    return ServiceError.client("InvalidSignatureException", message);
  }

  static ServiceError incomplete(String message) {
    return ServiceError.client("IncompleteSignatureException", message);
  }

  /** The parts of an {@code AWS4-HMAC-SHA256} Authorization header. */
  record Authorization(String credential, List<String> signedHeaders, String signature) {

    static Authorization parse(String header) throws ServiceError {
      if (!header.startsWith(ALGORITHM + " ")) {
        throw incomplete("Authorization header must use " + ALGORITHM + ".");
      }
      String credential = null;
      String signedHeaders = null;
      String signature = null;
      for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
        String p = part.trim();
        if (p.startsWith("Credential=")) {
          credential = p.substring("Credential=".length());
        } else if (p.startsWith("SignedHeaders=")) {
          signedHeaders = p.substring("SignedHeaders=".length());
        } else if (p.startsWith("Signature=")) {
          signature = p.substring("Signature=".length());
        }
      }
      if (credential == null || signedHeaders == null || signature == null || signedHeaders.isEmpty()
          || !signature.matches("[0-9a-fA-F]{64}")) {
        throw incomplete("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature'"
            + " parameters.");
      }
      return new Authorization(credential, List.of(signedHeaders.toLowerCase(Locale.ROOT).split(";")), signature);
    }
  }
}
