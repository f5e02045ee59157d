package io.mrk.bench.report;

import java.awt.Color;

/** The few drawing primitives the chart needs, so one chart renders to SVG and to PNG alike. */
interface Canvas {

  void line(double x1, double y1, double x2, double y2, Color color, float width);

  void dot(double x, double y, double radius, Color color);

  /** Text anchored at its start, middle or end ({@code anchor} -1, 0, 1) on baseline {@code y}. */
  void text(double x, double y, String text, int anchor, float size, Color color);
}
