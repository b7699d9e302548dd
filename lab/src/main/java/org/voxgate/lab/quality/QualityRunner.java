package org.voxgate.lab.quality;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.voxgate.lab.load.LoadCall;
import org.voxgate.lab.load.SipDialer;

/**
 * Runs a {@link QualityPlan}: first the reference (caller A's program straight to caller B's
 * socket, no node), then through the node (A and B dial the IVR, type the access code, and once B
 * hears A's beacon tone A plays the program), then the DTMF trials (callers that type the code
 * under each DTMF level, as RFC 4733 events or in-band tones, and count as detected when they
 * hear A's beacon, that is when the IVR let them into the meeting).
 */
public final class QualityRunner {
    private static final long SETUP_TIMEOUT_MS = 10_000;
    private static final long KEYS_DELAY_MS = 800;
    /** B (or a trial caller) has joined when it heard this many 20 ms frames of A's tone. */
    private static final int JOINED_TONE_FRAMES = 10;
    private static final int SETTLED_PROBES = 4;
    private static final int MAX_SETTLE_PROBES = 40;

    private final QualityPlan plan;
    private final PrintStream log;

    public QualityRunner(QualityPlan plan, PrintStream log) {
        this.plan = plan;
        this.log = log;
    }

    public QualityResult run() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        InetAddress local = InetAddress.getByName(plan.localAddress());
        Program program = new Program(plan.probes(), plan.toneSeconds(), plan.levels());
        int recordSeconds = (int) (program.length() / 8000) + 60;
        PathResult reference = null;
        List<QualityResult.DtmfLevel> dtmf = new ArrayList<>();
        try (QualitySender sender = new QualitySender()) {
            if (plan.reference()) {
                log("reference: direct RTP loop, " + program.length() / 8 + " ms program");
                reference = direct(local, sender, program, recordSeconds);
            }
            InetSocketAddress target = new InetSocketAddress(plan.targetHost(), plan.targetPort());
            try (SipDialer dialer = new SipDialer(local, target);
                 QualityLeg a = new QualityLeg(local, QualityLeg.KeyMode.RFC4733, recordSeconds);
                 QualityLeg b = new QualityLeg(local, QualityLeg.KeyMode.RFC4733, recordSeconds)) {
                Program.Player player = program.new Player(plan.seed());
                a.script(player);
                sender.add(a);
                sender.add(b);
                LoadCall<QualityLeg> callA = dialer.dial(plan.number(), a, plan.keys(), KEYS_DELAY_MS, SETUP_TIMEOUT_MS);
                LoadCall<QualityLeg> callB = dialer.dial(plan.number(), b, plan.keys(), KEYS_DELAY_MS, SETUP_TIMEOUT_MS);
                log("node: calling " + target + ", access code " + plan.accessCode());
                if (!await(() -> callA.state() != LoadCall.State.INVITING && callB.state() != LoadCall.State.INVITING,
                        SETUP_TIMEOUT_MS + 1000) || callA.state() != LoadCall.State.UP || callB.state() != LoadCall.State.UP) {
                    return failed(reference, "calls not answered: A " + callA.state() + " " + callA.failure() + ", B "
                            + callB.state() + " " + callB.failure(), t0);
                }
                if (!await(() -> b.recording().toneFrames() >= JOINED_TONE_FRAMES, 15_000)) {
                    hangup(List.of(callA, callB));
                    return failed(reference, "B never heard A's tone (access code not taken, or no mix)", t0);
                }
                List<Double> settle = settle(a, b, program, player);
                long slot = a.slotAt(System.nanoTime() + 100_000_000L);
                player.startAt(slot);
                long start = a.slotNanos(slot);
                log("node: program plays for " + program.length() / 8 + " ms");
                sleepUntil(start + program.length() * 125_000L + 1_000_000_000L);
                for (Impairment level : plan.dtmfLevels()) {
                    if (plan.dtmfTrials() > 0) {
                        dtmf.addAll(dtmfTrials(dialer, sender, local, level));
                    }
                }
                hangup(List.of(callA, callB));
                PathResult node = QualityAnalysis.analyse("node", b.recording(), program, player, start,
                        EModel.G711_BPL_PLC, a.lateSlots, settle);
                return new QualityResult(plan, node, reference, dtmf, null, (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    /**
     * A chirp every 500 ms until the last {@link #SETTLED_PROBES} delays agree within 1 ms (the
     * node's jitter buffer, which may hold audio from the IVR phase, has shrunk to its target),
     * or {@link #MAX_SETTLE_PROBES} went by. Returns the delays seen.
     */
    private List<Double> settle(QualityLeg a, QualityLeg b, Program program, Program.Player player)
            throws InterruptedException {
        long first = a.slotAt(System.nanoTime() + 100_000_000L);
        player.settleFrom(first);
        List<Double> delays = new ArrayList<>();
        for (int m = 0; m < MAX_SETTLE_PROBES; m++) {
            long sent = a.slotNanos(first + (long) m * Program.SETTLE_SLOTS);
            sleepUntil(sent + 700_000_000L);
            delays.add(QualityAnalysis.probeDelayMs(b.recording(), program.chirp(), sent));
            if (delays.size() >= SETTLED_PROBES) {
                List<Double> last = delays.subList(delays.size() - SETTLED_PROBES, delays.size());
                double min = last.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
                double max = last.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
                if (!Double.isNaN(min) && !Double.isNaN(max) && max - min <= 1.0) {
                    break;
                }
            }
        }
        log("node: in the meeting; delay settled over " + delays.size() + " chirps: " + delays);
        sleepUntil(a.slotNanos(first + (long) delays.size() * Program.SETTLE_SLOTS));
        return delays;
    }

    private PathResult direct(InetAddress local, QualitySender sender, Program program, int recordSeconds)
            throws IOException, InterruptedException {
        try (QualityLeg a = new QualityLeg(local, QualityLeg.KeyMode.RFC4733, recordSeconds);
             QualityLeg b = new QualityLeg(local, QualityLeg.KeyMode.RFC4733, recordSeconds)) {
            Program.Player player = program.new Player(plan.seed());
            a.script(player);
            a.start(b.localAddress(), "", 0);
            sender.add(a);
            long slot = a.slotAt(System.nanoTime() + 300_000_000L);
            player.startAt(slot);
            long start = a.slotNanos(slot);
            sleepUntil(start + program.length() * 125_000L + 500_000_000L);
            a.stop();
            return QualityAnalysis.analyse("reference (direct RTP, no node)", b.recording(), program, player, start,
                    EModel.G711_BPL_NO_PLC, a.lateSlots, List.of());
        }
    }

    /** N callers type the access code under {@code level}: half as RFC 4733 events, half in-band. */
    private List<QualityResult.DtmfLevel> dtmfTrials(SipDialer dialer, QualitySender sender, InetAddress local,
                                                     Impairment level) throws IOException, InterruptedException {
        List<QualityLeg> legs = new ArrayList<>();
        List<LoadCall<QualityLeg>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < plan.dtmfTrials(); i++) {
                QualityLeg.KeyMode mode = i % 2 == 0 ? QualityLeg.KeyMode.RFC4733 : QualityLeg.KeyMode.INBAND;
                QualityLeg leg = new QualityLeg(local, mode, 30);
                leg.impairment(new ImpairmentGenerator(level, plan.seed() * 31 + i, 20_000));
                legs.add(leg);
                sender.add(leg);
                calls.add(dialer.dial(plan.number(), leg, plan.keys(), KEYS_DELAY_MS, SETUP_TIMEOUT_MS));
            }
            await(() -> calls.stream().noneMatch(c -> c.state() == LoadCall.State.INVITING), SETUP_TIMEOUT_MS + 1000);
            long keysMs = (long) plan.keys().length() * 200;
            await(() -> legs.stream().allMatch(l -> l.recording().toneFrames() >= JOINED_TONE_FRAMES),
                    KEYS_DELAY_MS + keysMs + 4_000);
            int[] joined = new int[2];
            int[] placed = new int[2];
            for (QualityLeg l : legs) {
                int m = legs.indexOf(l) % 2;
                placed[m]++;
                if (l.recording().toneFrames() >= JOINED_TONE_FRAMES) {
                    joined[m]++;
                }
            }
            log(String.format("DTMF under %s: RFC 4733 %d/%d, in-band %d/%d", level.label(), joined[0], placed[0],
                    joined[1], placed[1]));
            return List.of(new QualityResult.DtmfLevel(level, QualityLeg.KeyMode.RFC4733, joined[0], placed[0]),
                    new QualityResult.DtmfLevel(level, QualityLeg.KeyMode.INBAND, joined[1], placed[1]));
        } finally {
            hangup(calls);
            for (QualityLeg l : legs) {
                l.close();
            }
        }
    }

    private QualityResult failed(PathResult reference, String why, long t0) {
        log("failed: " + why);
        return new QualityResult(plan, null, reference, List.of(), why, (System.nanoTime() - t0) / 1e9);
    }

    private static void hangup(List<LoadCall<QualityLeg>> calls) throws InterruptedException {
        for (LoadCall<QualityLeg> c : calls) {
            c.hangup();
        }
        await(() -> calls.stream().noneMatch(c -> c.state() == LoadCall.State.ENDING), 5_000);
    }

    private static boolean await(BooleanSupplier done, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, Math.min(200, wait / 1_000_000)));
        }
    }

    private void log(String line) {
        if (log != null) {
            log.println("lab quality: " + line);
        }
    }
}
