package dev.parley.bench.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The chart of a run: delivery p99 (log scale, 0.1 ms to 100 s) against offered rate, one curve per target, with the
 * knee's 50 ms bound drawn across; a step that lost messages is drawn as a hollow point. Rendered headless with
 * java.desktop ({@link BufferedImage}, {@link ImageIO}).
 */
final class LatencyChart {
    private static final int WIDTH = 960;
    private static final int HEIGHT = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;
    private static final double MIN_MS = 0.1;
    private static final double MAX_MS = 100_000;
    private static final Color[] COLORS = {new Color(0xC0392B), new Color(0x2471A3), new Color(0x229954),
            new Color(0x7D3C98), new Color(0xD68910)};

    private LatencyChart() {
    }

    static void write(List<Results.TargetRun> targets, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int maxRate = targets.stream().flatMap(t -> t.steps().stream()).mapToInt(Results.Step::offered).max()
                .orElse(1000);
        double xMax = niceCeiling(maxRate);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            axes(g, xMax);
            int legendY = TOP + 16;
            for (int i = 0; i < targets.size(); i++) {
                Results.TargetRun t = targets.get(i);
                Color color = COLORS[i % COLORS.length];
                curve(g, t.steps(), xMax, color);
                legendY = legend(g, t, color, legendY);
            }
        } finally {
            g.dispose();
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static void axes(Graphics2D g, double xMax) {
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString("Delivery latency p99 against offered load (200 users, 1:1 messages)", LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double ms = MIN_MS; ms <= MAX_MS * 1.001; ms *= 10) {
            int y = y(ms);
            g.setColor(new Color(0xE5E5E5));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Color.DARK_GRAY);
            String label = ms < 1 ? String.format(Locale.ROOT, "%.1f ms", ms)
                    : ms < 1000 ? String.format(Locale.ROOT, "%.0f ms", ms)
                    : String.format(Locale.ROOT, "%.0f s", ms / 1000);
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        double step = xMax / 10;
        for (double r = 0; r <= xMax + 1; r += step) {
            int x = x(r, xMax);
            g.setColor(new Color(0xEEEEEE));
            g.drawLine(x, TOP, x, TOP + plotH);
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, "%.0fk", r / 1000);
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, TOP + plotH + 18);
        }
        g.drawString("offered load, messages per second", LEFT + plotW / 2 - 90, HEIGHT - 25);
        g.setColor(new Color(0x888888));
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        int knee = y(StepRunner.KNEE_DELIVERY_P99_MS);
        g.drawLine(LEFT, knee, LEFT + plotW, knee);
        g.drawString("knee bound: 50 ms", LEFT + plotW - 120, knee - 5);
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotW, plotH);
    }

    private static void curve(Graphics2D g, List<Results.Step> steps, double xMax, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2.2f));
        Path2D.Double line = new Path2D.Double();
        boolean first = true;
        for (Results.Step s : steps) {
            double p99 = s.delivery().p99() > 0 ? s.delivery().p99() : MAX_MS;
            int x = x(s.offered(), xMax);
            int y = y(p99);
            if (first) {
                line.moveTo(x, y);
                first = false;
            } else {
                line.lineTo(x, y);
            }
        }
        g.draw(line);
        for (Results.Step s : steps) {
            double p99 = s.delivery().p99() > 0 ? s.delivery().p99() : MAX_MS;
            int x = x(s.offered(), xMax);
            int y = y(p99);
            if (s.lost() > 0) {
                g.setColor(Color.WHITE);
                g.fillOval(x - 5, y - 5, 10, 10);
                g.setColor(color);
                g.drawOval(x - 5, y - 5, 10, 10);
            } else {
                g.fillOval(x - 5, y - 5, 10, 10);
            }
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static int legend(Graphics2D g, Results.TargetRun t, Color color, int y) {
        int x = LEFT + 14;
        g.setColor(color);
        g.fillRect(x, y - 9, 18, 10);
        g.setColor(Color.BLACK);
        String knee = t.skipped() != null ? "not measured: " + shorten(t.skipped())
                : t.kneeMsgsPerSecond() == null ? "knee below the first step"
                : String.format(Locale.ROOT, "knee %,d msgs/s", t.kneeMsgsPerSecond());
        g.drawString(t.description() + " — " + knee, x + 26, y);
        return y + 18;
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "…" : s;
    }

    private static int x(double rate, double xMax) {
        return LEFT + (int) Math.round(rate / xMax * (WIDTH - LEFT - RIGHT));
    }

    private static int y(double ms) {
        double clamped = Math.max(MIN_MS, Math.min(MAX_MS, ms));
        double f = (Math.log10(clamped) - Math.log10(MIN_MS)) / (Math.log10(MAX_MS) - Math.log10(MIN_MS));
        return TOP + (int) Math.round((1 - f) * (HEIGHT - TOP - BOTTOM));
    }

    private static double niceCeiling(int max) {
        double step = 10_000;
        return Math.max(step, Math.ceil(max * 1.05 / step) * step);
    }
}
