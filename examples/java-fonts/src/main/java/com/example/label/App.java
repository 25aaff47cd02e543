package com.example.label;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** Draws a caption into an image, as a label or QR code printer does, and says whether ink landed. */
public class App {
  public static void main(String[] args) {
    String caption = args.length > 0 ? args[0] : "Hello, fonts";
    BufferedImage image = new BufferedImage(400, 60, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 400, 60);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
    FontMetrics metrics = g.getFontMetrics();
    g.drawString(caption, 10, 40);
    g.dispose();
    int ink = 0;
    for (int y = 0; y < image.getHeight(); y++)
      for (int x = 0; x < image.getWidth(); x++) if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) ink++;
    System.out.println("caption: " + caption);
    System.out.println("measured: " + (metrics.stringWidth(caption) > 0 ? "yes" : "no"));
    System.out.println("drawn: " + (ink > 100 ? "yes" : "no"));
  }
}
