package io.mrk.bench.report;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Throughput (MB/s, log scale) against message size (log scale), one line per implementation, for
 * one operation of the single-thread AEAD benchmark.
 */
final class ThroughputChart {

  static final int WIDTH = 900;
  static final int HEIGHT = 560;
  private static final double LEFT = 80;
  private static final double RIGHT = 170;
  private static final double TOP = 50;
  private static final double BOTTOM = 60;
  private static final Color AXIS = new Color(0x33, 0x33, 0x33);
  private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
  private static final Color[] PALETTE = {
    new Color(0x1f, 0x77, 0xb4), new Color(0xd6, 0x27, 0x28), new Color(0x2c, 0xa0, 0x2c),
    new Color(0xff, 0x7f, 0x0e), new Color(0x94, 0x67, 0xbd), new Color(0x8c, 0x56, 0x4b),
    new Color(0xe3, 0x77, 0xc2)
  };

  private final String title;
  private final List<String> impls;
  private final List<Measurement> points;

  /** {@code points}: the single-thread AEAD measurements of one operation. */
  ThroughputChart(String title, List<String> impls, List<Measurement> points) {
    this.title = title;
    this.impls = impls;
    this.points = points;
  }

  void draw(Canvas canvas) {
    TreeSet<Long> sizes = new TreeSet<>();
    points.forEach(p -> sizes.add(p.size()));
    double minMb = points.stream().mapToDouble(Measurement::megabytesPerSecond).filter(v -> v > 0).min().orElse(1);
    double maxMb = points.stream().mapToDouble(Measurement::megabytesPerSecond).max().orElse(10);
    int lowDecade = (int) Math.floor(Math.log10(minMb));
    int highDecade = Math.max(lowDecade + 1, (int) Math.ceil(Math.log10(maxMb)));
    double plotWidth = WIDTH - LEFT - RIGHT;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    double minLogSize = Math.log(sizes.isEmpty() ? 1 : sizes.first());
    double logSizeSpan = Math.max(1e-9, Math.log(sizes.isEmpty() ? 2 : sizes.last()) - minLogSize);

    canvas.text(WIDTH / 2.0, 28, title, 0, 18, AXIS);
    for (int decade = lowDecade; decade <= highDecade; decade++) {
      double y = TOP + plotHeight * (highDecade - decade) / (highDecade - lowDecade);
      canvas.line(LEFT, y, LEFT + plotWidth, y, GRID, 1);
      canvas.text(LEFT - 8, y + 4, decadeLabel(decade), 1, 12, AXIS);
    }
    for (long size : sizes) {
      double x = xOf(size, minLogSize, logSizeSpan, plotWidth);
      canvas.line(x, TOP, x, TOP + plotHeight, GRID, 1);
      canvas.text(x, TOP + plotHeight + 20, MarkdownTable.sizeLabel(size), 0, 12, AXIS);
    }
    canvas.line(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight, AXIS, 1.5f);
    canvas.line(LEFT, TOP, LEFT, TOP + plotHeight, AXIS, 1.5f);
    canvas.text(LEFT + plotWidth / 2, HEIGHT - 15, "message size (log scale)", 0, 13, AXIS);
    canvas.text(LEFT - 60, TOP - 12, "MB/s (log scale)", -1, 13, AXIS);

    int legendRow = 0;
    for (int i = 0; i < impls.size(); i++) {
      String impl = impls.get(i);
      Color color = PALETTE[i % PALETTE.length];
      List<Measurement> line =
          points.stream().filter(p -> p.impl().equals(impl) && p.megabytesPerSecond() > 0)
              .sorted(java.util.Comparator.comparingLong(Measurement::size)).toList();
      if (line.isEmpty()) {
        continue;
      }
      double previousX = Double.NaN;
      double previousY = Double.NaN;
      for (Measurement p : line) {
        double x = xOf(p.size(), minLogSize, logSizeSpan, plotWidth);
        double y = TOP + plotHeight * (highDecade - Math.log10(p.megabytesPerSecond())) / (highDecade - lowDecade);
        if (!Double.isNaN(previousX)) {
          canvas.line(previousX, previousY, x, y, color, impl.startsWith(Bars.MRK) ? 3.5f : 2f);
        }
        canvas.dot(x, y, 4, color);
        previousX = x;
        previousY = y;
      }
      double legendY = TOP + 10 + 24 * legendRow++;
      canvas.line(WIDTH - RIGHT + 20, legendY - 4, WIDTH - RIGHT + 50, legendY - 4, color, 3);
      canvas.text(WIDTH - RIGHT + 58, legendY, impl, -1, 14, AXIS);
    }
  }

  private static double xOf(long size, double minLogSize, double span, double plotWidth) {
    return LEFT + 20 + (plotWidth - 40) * (Math.log(size) - minLogSize) / span;
  }

  private static String decadeLabel(int decade) {
    double value = Math.pow(10, decade);
    return value >= 1 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%s", value);
  }
}
