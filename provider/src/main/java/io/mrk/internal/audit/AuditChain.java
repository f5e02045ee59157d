package io.mrk.internal.audit;

import io.mrk.kms.Region;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;

/**
 * The hash chain over one Region's audit log.
 *
 * <pre>
 *   genesis(region) = SHA-256("MRK audit chain v1 genesis" || 0x00 || region code)
 *   link(n)         = HMAC-SHA-256(chainKey, link(n-1) || UTF-8(unsigned line n))
 *   link(0)         = genesis(region)
 * </pre>
 *
 * <p>The unsigned line is the record's compact JSON with {@code mrkChain} = {@code {"sequence": n,
 * "previousLink": hex}} as its last member; the stored line appends {@code ,"link":"<hex>"} inside
 * that object. The verifier recomputes the unsigned line from the stored bytes by cutting the fixed-
 * length link suffix, so the chain depends on the exact bytes written, never on how a JSON writer
 * would re-serialise a parsed record. The Region in the genesis value binds a log to its Region:
 * a log copied under another Region's name fails at its first line.
 */
final class AuditChain {

  static final int LINK_BYTES = 32;
  static final int LINK_HEX_CHARS = 2 * LINK_BYTES;
  private static final String LINK_OPEN = ",\"link\":\"";
  private static final String CLOSE = "}}";
  private static final String LINK_CLOSE = "\"" + CLOSE;
  /** Length of {@code ,"link":"<64 hex>"}}}, the suffix of every stored line. */
  static final int SUFFIX_CHARS = LINK_OPEN.length() + LINK_HEX_CHARS + LINK_CLOSE.length();
  private static final HexFormat HEX = HexFormat.of();

  private AuditChain() {
  }

  static byte[] genesis(Region region) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update("MRK audit chain v1 genesis".getBytes(StandardCharsets.US_ASCII));
      sha256.update((byte) 0);
      sha256.update(region.code().getBytes(StandardCharsets.US_ASCII));
      return sha256.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  static byte[] link(Mac mac, byte[] previousLink, String unsignedLine) {
    mac.update(previousLink);
    return mac.doFinal(unsignedLine.getBytes(StandardCharsets.UTF_8));
  }

  /** The stored line: {@code unsignedLine} with the link inserted before its final {@code }}}. */
  static String sign(String unsignedLine, byte[] link) {
    if (!unsignedLine.endsWith(CLOSE)) {
      throw new IllegalStateException("the chain object must be the record's last member");
    }
    return unsignedLine.substring(0, unsignedLine.length() - CLOSE.length()) + LINK_OPEN + HEX.formatHex(link) + LINK_CLOSE;
  }

  /** The unsigned line of a stored line, or {@code null} when it does not end with a link suffix. */
  static String unsigned(String storedLine) {
    int cut = storedLine.length() - SUFFIX_CHARS;
    if (cut < 0 || !storedLine.startsWith(LINK_OPEN, cut) || !storedLine.endsWith(LINK_CLOSE)) {
      return null;
    }
    return storedLine.substring(0, cut) + CLOSE;
  }

  static String hex(byte[] link) {
    return HEX.formatHex(link);
  }

  /** The link bytes of a 64-digit lower-case hex string, or {@code null} when it is not one. */
  static byte[] parseLink(Object hex) {
    if (!(hex instanceof String s) || s.length() != LINK_HEX_CHARS) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return null;
      }
    }
    return HEX.parseHex(s);
  }
}
