package io.mrk.internal.audit;

import io.mrk.audit.ChainProblem;
import io.mrk.kms.Region;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;

/**
 * The hash chain over one Region's audit log (chain version 2).
 *
 * <pre>
 *   genesis(R) = SHA-256("MRK audit chain v2 genesis" || 0x00 || R)
 *   link(0)    = genesis(R)
 *   link(n)    = HMAC-SHA-256(K_R, link(n-1) || UTF-8(unsigned line n))      K_R: {@link ChainKeys}
 *   unsigned   = body || ',"mrkChain":{"sequence":' n ',"previousLink":"' hex(link(n-1)) '"}}'
 *   stored     = unsigned without its final '}}' || ',"link":"' hex(link(n)) '"}}'
 * </pre>
 *
 * <p>The chain fields sit at fixed places at the end of every stored line, so a reader finds the
 * previous link and the link by position and checks the HMAC over the exact stored bytes
 * <em>before</em> it parses any JSON ({@link #authenticate}): an unauthenticated line never reaches
 * the parser. The Region in the genesis value and in the key binds a log to its Region.
 */
final class AuditChain {

  static final int LINK_BYTES = 32;
  static final int LINK_HEX_CHARS = 2 * LINK_BYTES;
  private static final String CHAIN_OPEN = ",\"mrkChain\":{\"sequence\":";
  private static final String PREVIOUS_OPEN = ",\"previousLink\":\"";
  private static final String LINK_OPEN = "\",\"link\":\"";
  private static final String CLOSE = "\"}}";
  /** {@code "previousLink":"<hex>","link":"<hex>"}}}: the fixed-length tail of every stored line. */
  private static final int TAIL_CHARS = PREVIOUS_OPEN.length() + LINK_HEX_CHARS + LINK_OPEN.length()
      + LINK_HEX_CHARS + CLOSE.length();
  private static final HexFormat HEX = HexFormat.of();

  private AuditChain() {
  }

  static byte[] genesis(Region region) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update("MRK audit chain v2 genesis".getBytes(StandardCharsets.US_ASCII));
      sha256.update((byte) 0);
      sha256.update(region.code().getBytes(StandardCharsets.US_ASCII));
      return sha256.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** The unsigned line of record {@code sequence} with {@code body} (a JSON object without its final brace). */
  static String unsigned(String body, long sequence, byte[] previousLink) {
    return body + CHAIN_OPEN + sequence + PREVIOUS_OPEN + HEX.formatHex(previousLink) + CLOSE;
  }

  static byte[] link(Mac mac, byte[] previousLink, String unsignedLine) {
    mac.update(previousLink);
    return mac.doFinal(unsignedLine.getBytes(StandardCharsets.UTF_8));
  }

  /** The stored line of {@code unsignedLine}: its link inserted before the final {@code }}}. */
  static String sign(String unsignedLine, byte[] link) {
    return unsignedLine.substring(0, unsignedLine.length() - CLOSE.length()) + LINK_OPEN
        + HEX.formatHex(link) + CLOSE;
  }

  /** A stored line whose HMAC verified: its claimed previous link and its link. */
  record Verified(byte[] previousLink, byte[] link) {
  }

  /**
   * Checks {@code storedLine}'s HMAC without parsing it.
   *
   * @param expectedPrevious the link the line must extend, or {@code null} to take the line's own
   *     claim (resuming a log from its last line, whose predecessor is not read)
   * @return the verified links, or {@code null} when the line has no chain tail, extends another
   *     link, or its HMAC does not verify; {@link #problem} tells which
   */
  static Verified authenticate(String storedLine, byte[] expectedPrevious, Mac mac) {
    return problem(storedLine, expectedPrevious, mac) == null ? verified(storedLine) : null;
  }

  /** What {@link #authenticate} found wrong, or {@code null} when the line verifies. */
  static ChainProblem problem(String storedLine, byte[] expectedPrevious, Mac mac) {
    int tail = storedLine.length() - TAIL_CHARS;
    if (tail < 1 || !storedLine.startsWith(PREVIOUS_OPEN, tail) || !storedLine.endsWith(CLOSE)
        || !storedLine.startsWith(LINK_OPEN, tail + PREVIOUS_OPEN.length() + LINK_HEX_CHARS)) {
      return ChainProblem.MALFORMED_RECORD;
    }
    Verified claimed = verified(storedLine);
    if (claimed == null) {
      return ChainProblem.MALFORMED_RECORD;
    }
    if (expectedPrevious != null && !MessageDigest.isEqual(expectedPrevious, claimed.previousLink())) {
      return ChainProblem.BROKEN_LINK;
    }
    int linkStart = tail + PREVIOUS_OPEN.length() + LINK_HEX_CHARS + LINK_OPEN.length();
    String unsigned = storedLine.substring(0, linkStart - LINK_OPEN.length()) + CLOSE;
    return MessageDigest.isEqual(claimed.link(), link(mac, claimed.previousLink(), unsigned))
        ? null : ChainProblem.BAD_HMAC;
  }

  private static Verified verified(String storedLine) {
    int tail = storedLine.length() - TAIL_CHARS;
    int previousStart = tail + PREVIOUS_OPEN.length();
    int linkStart = previousStart + LINK_HEX_CHARS + LINK_OPEN.length();
    byte[] previous = parseLink(storedLine.substring(previousStart, previousStart + LINK_HEX_CHARS));
    byte[] link = parseLink(storedLine.substring(linkStart, linkStart + LINK_HEX_CHARS));
    return previous == null || link == null ? null : new Verified(previous, link);
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
