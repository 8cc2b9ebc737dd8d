package io.mcpbridge.plot.jfreechart;

import io.mcpbridge.core.error.InternalErrorException;
import io.mcpbridge.core.model.plot.ImageSize;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * Encodes a drawn chart. Both encodings are deterministic: the PNG has no time or software chunks
 * (ImageIO writes none), the SVG has fixed ids instead of JFreeSVG's clock-based prefix.
 */
final class ImageEncoder {
  private ImageEncoder() {}

  static byte[] png(JFreeChart chart, ImageSize size) {
    BufferedImage image = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      hints(g);
      chart.draw(g, new Rectangle2D.Double(0, 0, size.width(), size.height()));
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new InternalErrorException("this JVM has no PNG encoder");
      }
    } catch (IOException e) {
      throw new InternalErrorException("PNG encoding failed: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  static byte[] svg(JFreeChart chart, ImageSize size) {
    SVGGraphics2D g = new SVGGraphics2D(size.width(), size.height());
    g.setDefsKeyPrefix("plot");
    hints(g);
    chart.draw(g, new Rectangle2D.Double(0, 0, size.width(), size.height()));
    return g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
  }

  private static void hints(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
  }
}
