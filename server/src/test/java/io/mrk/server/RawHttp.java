package io.mrk.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * HTTP/1.1 over a plain socket with full control of every header and byte, for requests no SDK
 * would send; signatures come from the SDK's own SigV4 signer, never from the code under test.
 */
final class RawHttp {

  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private RawHttp() {}

  /** Headers of a request to {@code url} for {@code operation}, signed by the SDK signer. */
  static Map<String, String> signed(URI url, String operation, byte[] body, String accessKeyId, String secret,
                                    String scopeRegion, Clock clock) {
    SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(url.resolve("/"))
        .putHeader("Content-Type", "application/x-amz-json-1.1")
        .putHeader("X-Amz-Target", "TrentService." + operation)
        .build();
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsCredentialsIdentity.create(accessKeyId, secret))
        .request(request)
        .payload(ContentStreamProvider.fromByteArray(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kms")
        .putProperty(AwsV4HttpSigner.REGION_NAME, scopeRegion)
        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    Map<String, String> out = new LinkedHashMap<>();
    signed.request().headers().forEach((k, v) -> out.put(k, String.join(",", v)));
    return out;
  }

  /** Unsigned headers for {@code operation}. */
  static Map<String, String> unsigned(String operation) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("Content-Type", "application/x-amz-json-1.1");
    out.put("X-Amz-Target", "TrentService." + operation);
    return out;
  }

  static Response post(URI url, Map<String, String> headers, byte[] body) throws IOException {
    try (Socket s = new Socket(url.getHost(), url.getPort())) {
      s.setSoTimeout(30_000);
      StringBuilder head = new StringBuilder("POST / HTTP/1.1\r\n");
      boolean hasHost = headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Host"));
      if (!hasHost) {
        head.append("Host: ").append(url.getHost()).append(':').append(url.getPort()).append("\r\n");
      }
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
      OutputStream out = s.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      try {
        out.write(body);
        out.flush();
      } catch (IOException e) {
        // The server may answer and close before reading a body it refuses; read its answer.
      }
      return read(s.getInputStream());
    }
  }

  private static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String text = all.toString(StandardCharsets.UTF_8);
    int split = text.indexOf("\r\n\r\n");
    List<String> lines = List.of(text.substring(0, split).split("\r\n"));
    int status = Integer.parseInt(lines.get(0).split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    return new Response(status, headers, text.substring(split + 4));
  }
}
