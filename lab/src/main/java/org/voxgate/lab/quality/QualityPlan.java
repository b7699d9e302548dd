package org.voxgate.lab.quality;

import java.util.List;
import java.util.Objects;

/**
 * What a quality run does.
 *
 * @param targetHost     the node's SIP UDP host
 * @param number         called number that reaches the IVR
 * @param accessCode     typed (then '#') by every caller
 * @param pin            typed after the code and '#' when not empty
 * @param probes         chirp probes for the delay
 * @param toneSeconds    seconds of 1004 Hz tone per impairment level
 * @param levels         impairments of A's stream, NONE first
 * @param dtmfTrials     callers per DTMF level (half RFC 4733, half in-band)
 * @param dtmfLevels     impairments under which the DTMF trials run
 * @param reference      also measure the direct RTP loop without the node
 * @param seed           of every impairment generator (logged in the report)
 */
public record QualityPlan(String targetHost, int targetPort, String localAddress, String number, String accessCode,
                          String pin, int probes, double toneSeconds, List<Impairment> levels, int dtmfTrials,
                          List<Impairment> dtmfLevels, boolean reference, long seed) {
    public QualityPlan {
        Objects.requireNonNull(targetHost);
        levels = List.copyOf(levels);
        dtmfLevels = List.copyOf(dtmfLevels);
        if (probes < 1 || toneSeconds < 0.5 || levels.isEmpty() || !levels.get(0).equals(Impairment.NONE)
                || dtmfTrials < 0 || accessCode.isEmpty()) {
            throw new IllegalArgumentException("probes >= 1, tone >= 0.5 s, levels start with none, an access code");
        }
    }

    /** Short defaults: 5 probes, 2 s per level, loss 5 %, burst 5 % x3, jitter 30 ms, reorder 5 %; 4 DTMF trials. */
    public static List<Impairment> quickLevels() {
        return List.of(Impairment.NONE, Impairment.loss(5), Impairment.burst(5, 3), Impairment.jitter(30),
                Impairment.reorder(5));
    }

    /** The full sweep. */
    public static List<Impairment> fullLevels() {
        return List.of(Impairment.NONE, Impairment.loss(1), Impairment.loss(2), Impairment.loss(5), Impairment.loss(10),
                Impairment.loss(20), Impairment.burst(2, 3), Impairment.burst(5, 3), Impairment.burst(10, 3),
                Impairment.jitter(10), Impairment.jitter(30), Impairment.jitter(60), Impairment.reorder(2),
                Impairment.reorder(10));
    }

    String keys() {
        return accessCode + "#" + (pin.isEmpty() ? "" : pin + "#");
    }
}
