package io.mrk.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;

/**
 * Counts the bytes read through it and, when {@code bar} is given, redraws a one-line progress bar
 * on it at most ten times a second.
 */
final class Progress extends FilterInputStream {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter bar;
  private final long total;
  private long done;
  private long lastDraw;

  Progress(InputStream in, long total, PrintWriter bar) {
    super(in);
    this.total = total;
    this.bar = bar;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      advance(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) {
      advance(n);
    }
    return n;
  }

  private void advance(long n) {
    done += n;
    long now = System.nanoTime();
    if (bar != null && now - lastDraw >= REDRAW_NANOS) {
      lastDraw = now;
      draw();
    }
  }

  private void draw() {
    int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
    int filled = percent * WIDTH / 100;
    bar.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "% "
        + mib(done) + "/" + mib(total) + " MiB");
    bar.flush();
  }

  /** Draws the final state and ends the line. */
  void finish() {
    if (bar != null) {
      draw();
      bar.println();
    }
  }

  private static String mib(long bytes) {
    return String.format("%.1f", bytes / (1024.0 * 1024.0));
  }
}
