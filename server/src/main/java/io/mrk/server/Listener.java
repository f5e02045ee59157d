package io.mrk.server;

import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A {@code --listen} value: {@code REGION=HOST:PORT}, {@code REGION=[IPv6]:PORT} or
 * {@code REGION=PORT} (loopback). Port 0 picks a free port. Host names are resolved at once.
 */
public record Listener(Region region, InetSocketAddress address) {

  public static Listener parse(String text) throws IllegalArgumentException {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("--listen expects REGION=HOST:PORT, e.g. us-east-1=127.0.0.1:0: " + text);
    }
    Region region;
    try {
      region = Region.of(text.substring(0, eq));
    } catch (KmsException e) {
      throw new IllegalArgumentException("--listen " + text + ": " + e.getMessage(), e);
    }
    String where = text.substring(eq + 1);
    String host;
    String port;
    int colon = where.lastIndexOf(':');
    if (colon < 0) {
      host = null;
      port = where;
    } else {
      host = where.substring(0, colon);
      port = where.substring(colon + 1);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--listen " + text + ": the port is not a number", e);
    }
    if (p < 0 || p > 65535) {
      throw new IllegalArgumentException("--listen " + text + ": the port must be 0 to 65535");
    }
    try {
      InetAddress address = host == null || host.isEmpty() ? InetAddress.getLoopbackAddress()
          : InetAddress.getByName(host);
      return new Listener(region, new InetSocketAddress(address, p));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--listen " + text + ": unknown host " + host, e);
    }
  }
}
