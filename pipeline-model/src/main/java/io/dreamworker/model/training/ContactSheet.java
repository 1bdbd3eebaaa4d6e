package io.dreamworker.model.training;

import io.dreamworker.model.image.RgbImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Pictures tiled in a grid, each scaled up by a whole factor with nearest-neighbour sampling (so that
 * a judge's reading of the sheet matches the pictures), on a grey ground: what the README shows of
 * the shapes bundle. No text is drawn, since a headless JDK may have no fonts; the sheet's captions
 * go beside it as text.
 */
public final class ContactSheet {
  static final int GAP = 4;
  static final Color GROUND = new Color(128, 128, 128);

  private ContactSheet() {}

  /**
   * @param columns pictures per row; the rows are as many as needed
   * @param scale each picture's magnification (1 or more)
   */
  public static BufferedImage of(List<RgbImage> pictures, int columns, int scale) {
    if (pictures.isEmpty() || columns < 1 || scale < 1) {
      throw new IllegalArgumentException("a contact sheet needs pictures, columns >= 1 and scale >= 1, got "
          + pictures.size() + " pictures, " + columns + " columns, scale " + scale);
    }
    int tileW = pictures.get(0).width() * scale;
    int tileH = pictures.get(0).height() * scale;
    int cols = Math.min(columns, pictures.size());
    int rows = (pictures.size() + cols - 1) / cols;
    BufferedImage sheet = new BufferedImage(GAP + cols * (tileW + GAP), GAP + rows * (tileH + GAP),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    try {
      g.setColor(GROUND);
      g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
      for (int i = 0; i < pictures.size(); i++) {
        int x = GAP + (i % cols) * (tileW + GAP);
        int y = GAP + (i / cols) * (tileH + GAP);
        g.drawImage(pictures.get(i).toBufferedImage(), x, y, tileW, tileH, null);
      }
    } finally {
      g.dispose();
    }
    return sheet;
  }
}
