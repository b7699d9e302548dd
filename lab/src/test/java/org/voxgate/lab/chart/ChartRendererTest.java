package org.voxgate.lab.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartRendererTest {
    private static final int WHITE = 0xFFFFFF;

    @TempDir
    Path dir;

    private static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xFFFFFF;
    }

    private static boolean near(int rgb, Color c) {
        int dr = Math.abs(((rgb >> 16) & 0xFF) - c.getRed());
        int dg = Math.abs(((rgb >> 8) & 0xFF) - c.getGreen());
        int db = Math.abs((rgb & 0xFF) - c.getBlue());
        return dr + dg + db < 40;
    }

    @Test
    void barChartDecodesWithItsSizeAndBarsWhereTheDataSays() throws Exception {
        ChartRenderer.BarChart c = new ChartRenderer.BarChart("Latency", "ms", "probes",
                List.of("10", "20", "30", "40"), new double[] {1, 8, 3, 0});
        Path png = dir.resolve("bars.png");
        ChartRenderer.writePng(ChartRenderer.render(c, 640, 360), png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(360);
        ChartRenderer.Frame f = ChartRenderer.frame(c, 640, 360);
        assertThat(f.yMax()).isGreaterThanOrEqualTo(8);
        // inside the tallest bar, half way up: bar colour; above it: background (or a grid line)
        assertThat(near(rgb(img, f.px(1), f.py(4)), ChartRenderer.PALETTE[0])).isTrue();
        assertThat(near(rgb(img, f.px(0), f.py(0.5)), ChartRenderer.PALETTE[0])).isTrue();
        assertThat(rgb(img, f.px(3), f.py(4) + 1)).isNotEqualTo(ChartRenderer.PALETTE[0].getRGB() & 0xFFFFFF);
        assertThat(near(rgb(img, f.px(2), f.py(3) - 6), ChartRenderer.PALETTE[0])).isFalse();
        assertThat(near(rgb(img, f.px(2), f.py(3) + 6), ChartRenderer.PALETTE[0])).isTrue();
        // axes: black vertical line at the left of the plot area, horizontal at its bottom
        assertThat(rgb(img, ChartRenderer.LEFT, 200)).isZero();
        assertThat(rgb(img, 400, 360 - ChartRenderer.BOTTOM)).isZero();
        // the title drew dark pixels in the top band; the right margin stays blank
        assertThat(countDark(img, 0, 0, 640, ChartRenderer.TOP - 10)).isGreaterThan(20);
        assertThat(countDark(img, 640 - 10, ChartRenderer.TOP, 10, 100)).isZero();
    }

    @Test
    void lineChartPutsPointsAtTheirCoordinatesInSeriesColours() throws Exception {
        ChartRenderer.Series a = new ChartRenderer.Series("bridge", new double[] {0, 5, 10}, new double[] {4.4, 3.8, 3.1});
        ChartRenderer.Series b = new ChartRenderer.Series("reference", new double[] {0, 5, 10}, new double[] {4.4, 2.9, 2.0});
        ChartRenderer.LineChart c = new ChartRenderer.LineChart("MOS against loss", "loss %", "MOS", List.of(a, b), 1, 4.5);
        Path png = dir.resolve("line.png");
        ChartRenderer.writePng(ChartRenderer.render(c, 800, 400), png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(800);
        ChartRenderer.Frame f = ChartRenderer.frame(c, 800, 400);
        assertThat(f.yMin()).isEqualTo(1.0);
        assertThat(near(rgb(img, f.px(5), f.py(3.8)), ChartRenderer.PALETTE[0])).isTrue();
        assertThat(near(rgb(img, f.px(10), f.py(2.0)), ChartRenderer.PALETTE[1])).isTrue();
        // between the two series at x = 5 there is no line
        assertThat(rgb(img, f.px(5), f.py(3.35))).isIn(WHITE, 0xE0E0E0);
        // a point of the line between x=5 and x=10 of series a, half way
        assertThat(near(rgb(img, f.px(7.5), f.py(3.45)), ChartRenderer.PALETTE[0])).isTrue();
    }

    @Test
    void stackedPanelsKeepTheirPixelsOneBelowTheOther() throws Exception {
        ChartRenderer.LineChart top = new ChartRenderer.LineChart("late ticks", "min", "per min", List.of(
                new ChartRenderer.Series("late", new double[] {1, 2, 3}, new double[] {0, 8, 2})), 0, Double.NaN);
        ChartRenderer.LineChart bottom = new ChartRenderer.LineChart("load", "min", "load", List.of(
                new ChartRenderer.Series("load", new double[] {0, 1, 2, 3}, new double[] {1, 2, 3, 2})), 0, Double.NaN);
        Path png = dir.resolve("stack.png");
        ChartRenderer.writePng(ChartRenderer.stack(List.of(ChartRenderer.render(top, 800, 280),
                ChartRenderer.render(bottom, 600, 300))), png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(800);
        assertThat(img.getHeight()).isEqualTo(580);
        ChartRenderer.Frame ft = ChartRenderer.frame(top, 800, 280);
        ChartRenderer.Frame fb = ChartRenderer.frame(bottom, 600, 300);
        // a point of each panel where its own frame puts it, the second shifted down by the first's height
        assertThat(near(rgb(img, ft.px(2), ft.py(8)), ChartRenderer.PALETTE[0])).isTrue();
        assertThat(near(rgb(img, fb.px(2), 280 + fb.py(3)), ChartRenderer.PALETTE[0])).isTrue();
        assertThat(rgb(img, fb.px(2), fb.py(3))).isNotEqualTo(rgb(img, fb.px(2), 280 + fb.py(3)));
        // the second panel's axes, and white to the right of the narrower panel
        assertThat(rgb(img, ChartRenderer.LEFT, 280 + 150)).isZero();
        assertThat(countDark(img, 610, 290, 180, 280)).isZero();
        assertThat(rgb(img, 700, 500)).isEqualTo(WHITE);
        assertThatThrownBy(() -> ChartRenderer.stack(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(ChartRenderer.niceStep(0.13)).isEqualTo(0.2);
        assertThat(ChartRenderer.niceStep(3)).isEqualTo(5);
        assertThat(ChartRenderer.niceStep(7)).isEqualTo(10);
        assertThat(ChartRenderer.niceRange(3, 47)).containsExactly(0, 50);
        assertThat(ChartRenderer.niceRange(5, 5)[0]).isLessThan(5);
    }

    private static int countDark(BufferedImage img, int x0, int y0, int w, int h) {
        int n = 0;
        for (int x = x0; x < x0 + w; x++) {
            for (int y = y0; y < y0 + h; y++) {
                if ((rgb(img, x, y) & 0xFF) < 0x80 && ((rgb(img, x, y) >> 16) & 0xFF) < 0x80) {
                    n++;
                }
            }
        }
        return n;
    }
}
