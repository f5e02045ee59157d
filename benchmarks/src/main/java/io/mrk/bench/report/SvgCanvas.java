package io.mrk.bench.report;

import java.awt.Color;
import java.util.Locale;

/** A {@link Canvas} that writes SVG 1.1 markup. */
final class SvgCanvas implements Canvas {

  private final StringBuilder body = new StringBuilder();
  private final int width;
  private final int height;

  SvgCanvas(int width, int height) {
    this.width = width;
    this.height = height;
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, Color color, float strokeWidth) {
    body.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"/>%n",
            x1, y1, x2, y2, hex(color), strokeWidth));
  }

  @Override
  public void dot(double x, double y, double radius, Color color) {
    body.append(
        String.format(
            Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>%n", x, y, radius, hex(color)));
  }

  @Override
  public void text(double x, double y, String text, int anchor, float size, Color color) {
    String textAnchor = anchor < 0 ? "start" : anchor == 0 ? "middle" : "end";
    body.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-family=\"sans-serif\" font-size=\"%.0f\" fill=\"%s\">%s</text>%n",
            x, y, textAnchor, size, hex(color), escape(text)));
  }

  String toSvg() {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
        + "\" viewBox=\"0 0 " + width + " " + height + "\">\n"
        + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        + body
        + "</svg>\n";
  }

  private static String hex(Color color) {
    return String.format("#%02x%02x%02x", color.getRed(), color.getGreen(), color.getBlue());
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
