package io.mrk.server;

import io.mrk.json.Json;
import io.mrk.json.JsonException;
import io.mrk.kms.Principal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The access keys the server accepts, each mapped to the principal its requests act as (for key
 * policies, grants and the audit trail). Secrets are held only as the SigV4 key seed
 * {@code "AWS4" + secret} and never printed.
 */
public final class Credentials {

  /** Largest credentials file read, in bytes. */
  static final int MAX_FILE_BYTES = 1 << 20;

  private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Za-z0-9]{4,128}");

  /** One access key: its id, its SigV4 key seed and its principal ARN. */
  static final class Entry {
    private final String accessKeyId;
    private final byte[] seed;
    private final String principal;

    private Entry(String accessKeyId, byte[] seed, String principal) {
      this.accessKeyId = accessKeyId;
      this.seed = seed;
      this.principal = principal;
    }

    String accessKeyId() {
      return accessKeyId;
    }

    /** {@code "AWS4" + secret} in UTF-8, the first HMAC key of the SigV4 signing-key derivation (a copy). */
    byte[] signingSeed() {
      return seed.clone();
    }

    String principal() {
      return principal;
    }

    @Override
    public String toString() {
      return "Credential[" + accessKeyId + " -> " + principal + "]";
    }
  }

  private final Map<String, Entry> byAccessKeyId;

  private Credentials(Map<String, Entry> byAccessKeyId) {
    this.byAccessKeyId = Map.copyOf(byAccessKeyId);
  }

  /**
   * Reads a JSON array of {@code {"accessKeyId", "secretAccessKey", "principal"}} objects.
   *
   * @throws IOException when the file cannot be read, is larger than 1 MiB, is not such an array, or
   *     names an access key twice or a principal MRK does not accept
   */
  public static Credentials read(Path file) throws IOException {
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new IOException(file + ": a credentials file is at most " + MAX_FILE_BYTES + " bytes");
    }
    byte[] bytes = Files.readAllBytes(file);
    try {
      return parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  static Credentials parse(String text) throws IOException {
    Object doc;
    try {
      doc = Json.parse(text);
    } catch (JsonException e) {
      throw new IOException("not JSON: " + e.getMessage(), e);
    }
    if (!(doc instanceof List<?> entries)) {
      throw new IOException("expected a JSON array of {accessKeyId, secretAccessKey, principal}");
    }
    Map<String, Entry> out = new HashMap<>();
    int index = 0;
    for (Object item : entries) {
      String where = "entry " + index++;
      if (!(item instanceof Map<?, ?> m)) {
        throw new IOException(where + " is not an object");
      }
      String id = text(m, "accessKeyId", where);
      String secret = text(m, "secretAccessKey", where);
      String principal = text(m, "principal", where);
      if (!ACCESS_KEY_ID.matcher(id).matches()) {
        throw new IOException(where + ": accessKeyId must be 4 to 128 letters and digits");
      }
      if (!Principal.isValid(principal)) {
        throw new IOException(where + ": not a principal ARN (e.g. arn:aws:iam::111122223333:role/app): "
            + principal);
      }
      if (out.containsKey(id)) {
        throw new IOException(where + ": access key " + id + " appears twice");
      }
      out.put(id, new Entry(id, ("AWS4" + secret).getBytes(StandardCharsets.UTF_8), principal));
    }
    return new Credentials(out);
  }

  /** Credentials from entries built in code: {@code {accessKeyId, secretAccessKey, principal}} triples. */
  public static Credentials of(List<String[]> triples) {
    Map<String, Entry> out = new HashMap<>();
    for (String[] t : triples) {
      if (t.length != 3 || !ACCESS_KEY_ID.matcher(t[0]).matches() || !Principal.isValid(t[2])
          || t[1].isEmpty() || out.containsKey(t[0])) {
        throw new IllegalArgumentException("not a valid credential for " + (t.length > 0 ? t[0] : "?"));
      }
      out.put(t[0], new Entry(t[0], ("AWS4" + t[1]).getBytes(StandardCharsets.UTF_8), t[2]));
    }
    return new Credentials(out);
  }

  private static String text(Map<?, ?> m, String name, String where) throws IOException {
    if (!(m.get(name) instanceof String s) || s.isEmpty()) {
      throw new IOException(where + ": " + name + " must be a non-empty string");
    }
    return s;
  }

  Optional<Entry> find(String accessKeyId) {
    return Optional.ofNullable(byAccessKeyId.get(accessKeyId));
  }

  /** How many access keys there are. */
  public int size() {
    return byAccessKeyId.size();
  }

  @Override
  public String toString() {
    return "Credentials[" + byAccessKeyId.size() + " access keys]";
  }
}
