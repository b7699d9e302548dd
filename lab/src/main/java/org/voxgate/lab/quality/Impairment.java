package org.voxgate.lab.quality;

import java.util.Locale;

/**
 * What the quality tool does to its own sent RTP stream, one of: random (Bernoulli) loss,
 * burst loss from a two-state Gilbert-Elliott chain, delay jitter, reordering; or nothing.
 *
 * @param lossPercent       random loss, or with {@code meanBurstPackets} &gt; 1 the mean loss of
 *                          the Gilbert-Elliott chain
 * @param meanBurstPackets  mean length of a loss burst (1 or less: random loss)
 * @param jitterMs          each packet is delayed by a uniform random 0 to jitterMs
 * @param reorderPercent    share of packets held back behind the next one
 */
public record Impairment(double lossPercent, double meanBurstPackets, double jitterMs, double reorderPercent) {
    public static final Impairment NONE = new Impairment(0, 1, 0, 0);

    public Impairment {
        if (lossPercent < 0 || lossPercent >= 100 || jitterMs < 0 || reorderPercent < 0 || reorderPercent > 100
                || meanBurstPackets <= 0) {
            throw new IllegalArgumentException("0 <= loss < 100, jitter >= 0, 0 <= reorder <= 100, burst > 0");
        }
    }

    public static Impairment loss(double percent) {
        return new Impairment(percent, 1, 0, 0);
    }

    public static Impairment burst(double percent, double meanBurstPackets) {
        return new Impairment(percent, meanBurstPackets, 0, 0);
    }

    public static Impairment jitter(double ms) {
        return new Impairment(0, 1, ms, 0);
    }

    public static Impairment reorder(double percent) {
        return new Impairment(0, 1, 0, percent);
    }

    public boolean bursty() {
        return meanBurstPackets > 1 && lossPercent > 0;
    }

    /** Short label for tables and charts, e.g. "loss 5%", "burst 5% x3", "jitter 30 ms". */
    public String label() {
        StringBuilder b = new StringBuilder();
        if (lossPercent > 0) {
            b.append(bursty() ? String.format(Locale.ROOT, "burst %s%% x%s", num(lossPercent), num(meanBurstPackets))
                    : String.format(Locale.ROOT, "loss %s%%", num(lossPercent)));
        }
        if (jitterMs > 0) {
            b.append(b.length() > 0 ? ", " : "").append("jitter ").append(num(jitterMs)).append(" ms");
        }
        if (reorderPercent > 0) {
            b.append(b.length() > 0 ? ", " : "").append("reorder ").append(num(reorderPercent)).append('%');
        }
        return b.length() == 0 ? "none" : b.toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Parses "loss:5", "burst:5:3", "jitter:30", "reorder:10", "none". */
    public static Impairment parse(String s) {
        String[] f = s.trim().split(":");
        try {
            return switch (f[0]) {
                case "none" -> NONE;
                case "loss" -> loss(Double.parseDouble(f[1]));
                case "burst" -> burst(Double.parseDouble(f[1]), f.length > 2 ? Double.parseDouble(f[2]) : 3);
                case "jitter" -> jitter(Double.parseDouble(f[1]));
                case "reorder" -> reorder(Double.parseDouble(f[1]));
                default -> throw new IllegalArgumentException("unknown impairment " + s);
            };
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("bad impairment " + s + " (loss:P, burst:P:LEN, jitter:MS, reorder:P)");
        }
    }
}
