package org.voxgate.lab.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The measurements of one run, as the report shows them. */
public record LoadResult(LoadPlan plan, int placed, int answered, int failed, Map<String, Integer> failuresByCause,
                         double offeredCallsPerSecond, double answeredCallsPerSecond, double setupP50Ms,
                         double setupP95Ms, double setupP99Ms, double setupMaxMs, List<Leg> legs, Generator generator,
                         NodeMetricsPoller.Summary node, double runSeconds) {

    /**
     * One generated leg as measured from the generator's side.
     *
     * @param srtpAuthFailures  SRTP packets from the node whose authentication tag did not verify (0 without SRTP)
     * @param srtpOtherRefusals SRTP packets refused otherwise (replayed, too old, before the answer's key)
     * @param srtpBeforeKey     of srtpOtherRefusals: packets that arrived before the answer's key was taken
     *                          (the node's media overtook its 200 OK)
     */
    public record Leg(int index, String meeting, boolean talker, double setupMs, String failure, double seconds,
                      LegReceiveStats.Result rx, long packetsSent, long srtpAuthFailures, long srtpOtherRefusals,
                      long srtpBeforeKey, Negotiated negotiated) {}

    /**
     * What the node's answer chose for a leg (its payload type numbers, RFC 3264 section 6.1).
     *
     * @param rtpmap                the codec's a=rtpmap value, e.g. "opus/48000/2"
     * @param telephoneEventType    -1 when the answer had no telephone-event
     * @param telephoneEventClockHz 0 when the answer had no telephone-event
     */
    public record Negotiated(String rtpmap, int payloadType, int telephoneEventType, int telephoneEventClockHz) {
        /** "opus/48000/2 (PT 111), telephone-event/48000 (PT 101)". */
        public String describe() {
            return rtpmap + " (PT " + payloadType + ")" + (telephoneEventType < 0 ? ", no telephone-event"
                    : ", telephone-event/" + telephoneEventClockHz + " (PT " + telephoneEventType + ")");
        }
    }

    /**
     * @param ticks     20 ms send slots run
     * @param lateTicks slots that started more than 10 ms late (the generator was overloaded)
     */
    public record Generator(long ticks, long lateTicks, long sipSent, long sipReceived) {}

    static LoadResult of(LoadPlan plan, List<LoadCall<CallMedia>> calls, long startNanos, long placedNanos, long settledNanos,
                         Generator generator, NodeMetricsPoller.Summary node) {
        Map<String, Integer> causes = new TreeMap<>();
        List<Double> setup = new ArrayList<>();
        List<Leg> legs = new ArrayList<>();
        long lastAnswer = startNanos;
        int answered = 0;
        for (LoadCall<CallMedia> c : calls) {
            double ms = c.setupMs();
            if (ms >= 0) {
                answered++;
                setup.add(ms);
                lastAnswer = Math.max(lastAnswer, c.answerNanos());
            }
            if (c.failure() != null) {
                causes.merge(c.failure(), 1, Integer::sum);
            }
            legs.add(new Leg(c.index(), c.meeting(), c.media().talker(), ms, c.failure(), c.durationNanos() / 1e9,
                    c.media().stats.snapshot(), c.media().packetsSent, c.media().srtpCounts().authFailures(),
                    c.media().srtpCounts().otherRefusals(), c.media().srtpCounts().beforeKey(),
                    negotiated(c.media().negotiated())));
        }
        int failed = causes.values().stream().mapToInt(Integer::intValue).sum();
        double placing = Math.max(1e-9, (placedNanos - startNanos) / 1e9);
        // the offered rate is counted over the intervals between INVITEs: n calls span n-1 of them
        double offered = calls.size() <= 1 ? calls.size() : (calls.size() - 1) / placing;
        double answering = (lastAnswer - startNanos) / 1e9;
        double reached = answered <= 1 || answering <= 0 ? answered : (answered - 1) / answering;
        return new LoadResult(plan, calls.size(), answered, failed, causes, offered, reached,
                Percentiles.of(setup, 50), Percentiles.of(setup, 95), Percentiles.of(setup, 99),
                Percentiles.of(setup, 100), legs, generator, node, (settledNanos - startNanos) / 1e9);
    }

    private static Negotiated negotiated(SipRequests.AnswerFormats f) {
        return f == null ? null : new Negotiated(f.rtpmap(), f.payloadType(), f.telephoneEventType(),
                f.telephoneEventClockHz());
    }

    /** The node's mean CPU over the run in cores (mean process_cpu_usage times its cores); NaN when not read. */
    public double nodeCores() {
        return node == null ? Double.NaN : node.cpuAvg() * node.cpuCount();
    }

    /**
     * The node's CPU in cores while every call was up (its CPU time over the hold, from the
     * scrape once the last answered call had typed its keys, plus a second, to the last scrape);
     * NaN when not read or when the hold was shorter than that.
     */
    public double nodeCoresSteady() {
        return node == null || node.steady() == null ? Double.NaN : node.steady().cores();
    }

    /** Mixer late ticks while every call was up; NaN when not read. */
    public double nodeLateTicksSteady() {
        return node == null || node.steady() == null ? Double.NaN : node.steady().lateTicks();
    }

    /** Length of that window in seconds; NaN when not read. */
    public double steadySeconds() {
        return node == null || node.steady() == null ? Double.NaN : node.steady().seconds();
    }

    /** The change over the run of one of the node's counters ("mixer late ticks"); NaN when not read. */
    public double nodeCounterDelta(String name) {
        Double v = node == null ? null : node.deltas().get(name);
        return v == null ? Double.NaN : v;
    }

    /** Packets lost and expected over every leg, and legs that heard the test tone, for other lab tools. */
    public long[] mediaTotals() {
        long lost = 0;
        long expected = 0;
        long heard = 0;
        for (Leg l : legs) {
            lost += l.rx().lost();
            expected += l.rx().expected();
            heard += l.rx().toneFrames() > 0 ? 1 : 0;
        }
        return new long[] {lost, expected, heard};
    }

    /** SRTP auth failures and other refusals summed over every leg. */
    public long[] srtpTotals() {
        long auth = 0;
        long other = 0;
        for (Leg l : legs) {
            auth += l.srtpAuthFailures();
            other += l.srtpOtherRefusals();
        }
        return new long[] {auth, other};
    }

    /** SRTP packets refused because they came before the answer's key, summed over every leg. */
    public long srtpBeforeKey() {
        return legs.stream().mapToLong(Leg::srtpBeforeKey).sum();
    }

    /** The {@code p}-th percentile (nearest rank) over good legs of their final jitter estimate, ms; NaN without legs. */
    public double jitterPercentileMs(double p) {
        List<Double> j = new ArrayList<>();
        for (Leg l : goodLegs()) {
            j.add(l.rx().jitterMs());
        }
        return Percentiles.of(j, p);
    }

    /** Legs whose answer chose each codec ("opus/48000/2 (PT 111), telephone-event/48000 (PT 101)"). */
    public Map<String, Integer> negotiatedCounts() {
        Map<String, Integer> m = new TreeMap<>();
        for (Leg l : legs) {
            if (l.negotiated() != null) {
                m.merge(l.negotiated().describe(), 1, Integer::sum);
            }
        }
        return m;
    }

    /** Legs that were answered and not failed. */
    List<Leg> goodLegs() {
        return legs.stream().filter(l -> l.setupMs() >= 0 && l.failure() == null).toList();
    }

    /** Lost over expected, all good legs (answered, not failed); 0 when nothing was expected. */
    public double lossRatio() {
        long lost = 0;
        long expected = 0;
        for (Leg l : goodLegs()) {
            lost += l.rx().lost();
            expected += l.rx().expected();
        }
        return expected == 0 ? 0 : (double) lost / expected;
    }

    /**
     * Legs that heard the tone of a talker other than themselves, and how many legs had one to
     * hear (a meeting with a talker besides them; mix-minus never returns a talker's own voice).
     */
    public int[] legsHearingATalker() {
        Map<String, Integer> talkersByMeeting = new TreeMap<>();
        for (Leg l : goodLegs()) {
            if (l.talker()) {
                talkersByMeeting.merge(l.meeting(), 1, Integer::sum);
            }
        }
        int heard = 0;
        int expected = 0;
        for (Leg l : goodLegs()) {
            int others = talkersByMeeting.getOrDefault(l.meeting(), 0) - (l.talker() ? 1 : 0);
            if (others > 0) {
                expected++;
                if (l.rx().toneFrames() > 0) {
                    heard++;
                }
            }
        }
        return new int[] {heard, expected};
    }
}
