package org.voxgate.lab.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.imageio.ImageIO;

/**
 * Draws a {@link LineChart} or a {@link BarChart} into an RGB image: white background, the plot
 * area inside fixed margins, axes in black with "nice" ticks (1, 2, 5 times a power of ten),
 * the title above, axis labels, and a legend for several series. Works headless (no display).
 *
 * <pre>
 *   +--------------------------------------+
 *   |              title                   |  TOP
 *   |  y  |                      legend    |
 *   |  l  |    plot area                   |
 *   |  a  |                                |
 *   |  b  +--------------------------------|  axes at the plot area's left and bottom
 *   |      ticks        x label            |  BOTTOM
 *   +--------------------------------------+
 *    LEFT                            RIGHT
 * </pre>
 */
public final class ChartRenderer {
    public static final int LEFT = 72;
    public static final int RIGHT = 24;
    public static final int TOP = 40;
    public static final int BOTTOM = 56;
    /** Series colours in order. */
    public static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd)};

    /** One line: points in x order. */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            Objects.requireNonNull(name);
            if (x.length != y.length) {
                throw new IllegalArgumentException("x and y differ in length");
            }
            x = x.clone();
            y = y.clone();
        }
    }

    /** A line chart; {@code yMin}/{@code yMax} NaN mean "from the data". */
    public record LineChart(String title, String xLabel, String yLabel, List<Series> series, double yMin, double yMax) {
        public LineChart {
            series = List.copyOf(series);
        }
    }

    /** A bar chart: one bar per label, from 0. */
    public record BarChart(String title, String xLabel, String yLabel, List<String> labels, double[] values) {
        public BarChart {
            labels = List.copyOf(labels);
            values = values.clone();
            if (labels.size() != values.length) {
                throw new IllegalArgumentException("one value per label");
            }
        }
    }

    /** Where data lands in an image of a given size: the plot area and the axis ranges. */
    public record Frame(int width, int height, double xMin, double xMax, double yMin, double yMax) {
        public int px(double x) {
            return LEFT + (int) Math.round((x - xMin) / (xMax - xMin) * (width - LEFT - RIGHT));
        }

        public int py(double y) {
            return height - BOTTOM - (int) Math.round((y - yMin) / (yMax - yMin) * (height - TOP - BOTTOM));
        }
    }

    private ChartRenderer() {}

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** The frame {@link #render(LineChart, int, int)} uses. */
    public static Frame frame(LineChart c, int width, int height) {
        double xMin = Double.POSITIVE_INFINITY, xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
        for (Series s : c.series()) {
            for (int i = 0; i < s.x().length; i++) {
                xMin = Math.min(xMin, s.x()[i]);
                xMax = Math.max(xMax, s.x()[i]);
                yMin = Math.min(yMin, s.y()[i]);
                yMax = Math.max(yMax, s.y()[i]);
            }
        }
        if (xMin > xMax) {
            xMin = 0;
            xMax = 1;
            yMin = 0;
            yMax = 1;
        }
        if (!Double.isNaN(c.yMin())) {
            yMin = c.yMin();
        }
        if (!Double.isNaN(c.yMax())) {
            yMax = c.yMax();
        }
        double[] xs = niceRange(xMin, xMax);
        double[] ys = Double.isNaN(c.yMin()) || Double.isNaN(c.yMax()) ? niceRange(yMin, yMax) : new double[] {yMin, yMax};
        return new Frame(width, height, xs[0], xs[1], ys[0], ys[1]);
    }

    /** The frame {@link #render(BarChart, int, int)} uses: bar i is centred on x = i. */
    public static Frame frame(BarChart c, int width, int height) {
        double max = 0;
        for (double v : c.values()) {
            max = Math.max(max, v);
        }
        return new Frame(width, height, -0.5, c.values().length - 0.5, 0, niceRange(0, max <= 0 ? 1 : max)[1]);
    }

    public static BufferedImage render(LineChart c, int width, int height) {
        Frame f = frame(c, width, height);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = begin(img, c.title());
        axes(g, f, c.xLabel(), c.yLabel(), true);
        int legendWidth = 0;
        for (Series s : c.series()) {
            legendWidth = Math.max(legendWidth, g.getFontMetrics().stringWidth(s.name()));
        }
        int legendX = width - RIGHT - legendWidth - 28;
        int k = 0;
        for (Series s : c.series()) {
            g.setColor(PALETTE[k % PALETTE.length]);
            g.setStroke(new BasicStroke(2f));
            for (int i = 0; i < s.x().length; i++) {
                int x = f.px(s.x()[i]);
                int y = f.py(s.y()[i]);
                if (i > 0) {
                    g.drawLine(f.px(s.x()[i - 1]), f.py(s.y()[i - 1]), x, y);
                }
                g.fillOval(x - 4, y - 4, 9, 9);
            }
            if (c.series().size() > 1) {
                int ly = TOP + 14 + 16 * k;
                g.fillRect(legendX, ly - 8, 14, 8);
                g.setColor(Color.BLACK);
                g.drawString(s.name(), legendX + 20, ly);
            }
            k++;
        }
        g.dispose();
        return img;
    }

    public static BufferedImage render(BarChart c, int width, int height) {
        Frame f = frame(c, width, height);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = begin(img, c.title());
        axes(g, f, c.xLabel(), c.yLabel(), false);
        int n = c.values().length;
        double slot = (double) (width - LEFT - RIGHT) / n;
        int barWidth = Math.max(1, (int) (slot * 0.8));
        FontMetrics fm = g.getFontMetrics();
        int step = Math.max(1, (int) Math.ceil(n / ((width - LEFT - RIGHT) / 60.0)));
        for (int i = 0; i < n; i++) {
            int cx = f.px(i);
            int top = f.py(c.values()[i]);
            g.setColor(PALETTE[0]);
            g.fillRect(cx - barWidth / 2, top, barWidth, f.py(0) - top);
            if (i % step == 0) {
                g.setColor(Color.BLACK);
                String l = c.labels().get(i);
                g.drawString(l, cx - fm.stringWidth(l) / 2, height - BOTTOM + 16);
            }
        }
        g.dispose();
        return img;
    }

    /**
     * Panels one above the other in one image (charts sharing an x axis whose y units differ),
     * as wide as the widest; a narrower panel is left-aligned on white.
     *
     * @throws IllegalArgumentException without panels
     */
    public static BufferedImage stack(List<BufferedImage> panels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("no panel");
        }
        int width = 0;
        int height = 0;
        for (BufferedImage p : panels) {
            width = Math.max(width, p.getWidth());
            height += p.getHeight();
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int y = 0;
        for (BufferedImage p : panels) {
            g.drawImage(p, 0, y, null);
            y += p.getHeight();
        }
        g.dispose();
        return img;
    }

    /** Writes {@code img} as PNG, creating the parent directory. */
    public static void writePng(BufferedImage img, Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    private static Graphics2D begin(BufferedImage img, String title) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, (img.getWidth() - fm.stringWidth(title)) / 2, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        return g;
    }

    private static void axes(Graphics2D g, Frame f, String xLabel, String yLabel, boolean xTicks) {
        FontMetrics fm = g.getFontMetrics();
        int x0 = LEFT;
        int y0 = f.height() - BOTTOM;
        double yStep = niceStep((f.yMax() - f.yMin()) / 5);
        for (double y = Math.ceil(f.yMin() / yStep) * yStep; y <= f.yMax() + yStep * 1e-9; y += yStep) {
            int py = f.py(y);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(x0 + 1, py, f.width() - RIGHT, py);
            g.setColor(Color.BLACK);
            g.drawLine(x0 - 4, py, x0, py);
            String s = tick(y, yStep);
            g.drawString(s, x0 - 6 - fm.stringWidth(s), py + fm.getAscent() / 2 - 1);
        }
        if (xTicks) {
            double xStep = niceStep((f.xMax() - f.xMin()) / 6);
            for (double x = Math.ceil(f.xMin() / xStep) * xStep; x <= f.xMax() + xStep * 1e-9; x += xStep) {
                int px = f.px(x);
                g.drawLine(px, y0, px, y0 + 4);
                String s = tick(x, xStep);
                g.drawString(s, px - fm.stringWidth(s) / 2, y0 + 16);
            }
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawLine(x0, TOP, x0, y0);
        g.drawLine(x0, y0, f.width() - RIGHT, y0);
        g.drawString(xLabel, LEFT + (f.width() - LEFT - RIGHT - fm.stringWidth(xLabel)) / 2, f.height() - 14);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(TOP + (y0 - TOP + fm.stringWidth(yLabel)) / 2), 16);
        g.setTransform(saved);
    }

    private static String tick(double v, double step) {
        if (Math.abs(v) < step * 1e-6) {
            return "0";
        }
        return step >= 1 ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%." + (int) Math.ceil(-Math.log10(step)) + "f", v);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    /** {min, max} widened to whole nice steps (about 5 of them); a flat range gets some height. */
    static double[] niceRange(double min, double max) {
        if (max - min < 1e-12) {
            double pad = Math.max(1, Math.abs(max) * 0.1);
            min -= pad;
            max += pad;
        }
        double step = niceStep((max - min) / 5);
        return new double[] {Math.floor(min / step) * step, Math.ceil(max / step) * step};
    }
}
