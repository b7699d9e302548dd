package org.voxgate.lab.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/** Runs a {@link LoadPlan}: places the calls, holds them, hangs up, gathers the measurements. */
public final class LoadRunner {
    /** Timer F of the BYEs, and a little more. */
    private static final long TEARDOWN_WAIT_NANOS = (LoadCall.BYE_TIMEOUT_MS + 2_000) * 1_000_000L;

    private final LoadPlan plan;
    private final PrintStream progress;
    private int lastLineLength;

    /** @param progress where the one-line progress goes (carriage-return updated), or null */
    public LoadRunner(LoadPlan plan, PrintStream progress) {
        this.plan = plan;
        this.progress = progress;
    }

    public LoadResult run() throws IOException, InterruptedException {
        InetAddress local = InetAddress.getByName(plan.localAddress());
        RtpToneSource.of(plan.codec()); // encoded now, not while the first call is being placed
        InetSocketAddress target = new InetSocketAddress(plan.targetHost(), plan.targetPort());
        List<LoadCall<CallMedia>> calls = new ArrayList<>(plan.calls());
        NodeMetricsPoller node = new NodeMetricsPoller(plan.metricsUri());
        long start = System.nanoTime();
        long placedAt;
        long settledAt;
        LoadResult.Generator generator;
        NodeMetricsPoller.Summary nodeSummary;
        javax.net.ssl.SSLContext tls;
        try {
            tls = plan.transport().equals("tls") ? LabTls.clientContext(plan.tlsTrustPem()) : null;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("TLS: " + e.getMessage(), e);
        }
        try (SipUac uac = new SipUac(local, target, tls); RtpEngine rtp = new RtpEngine()) {
            String host = local.getHostAddress();
            String runId = UUID.randomUUID().toString().substring(0, 8);
            long lastProgress = 0;
            for (int i = 0; i < plan.calls(); i++) {
                long due = start + (long) (i * 1e9 / plan.callsPerSecond());
                while (System.nanoTime() < due) {
                    lastProgress = progress(calls, start, lastProgress, node);
                    LockSupport.parkNanos(Math.min(due - System.nanoTime(), 50_000_000L));
                }
                CallMedia media = new CallMedia(local, plan.talker(i), plan.srtp(), plan.codec());
                SipRequests.Dialog dialog = new SipRequests.Dialog(host, uac.localPort(), plan.targetHost(),
                        plan.targetPort(), plan.calledNumber(i), "lab-" + runId + "-" + i + "@" + host,
                        Long.toHexString(System.nanoTime()), uac.transport());
                LoadCall<CallMedia> call = new LoadCall<>(i, uac, dialog, media, plan.meetings().get(plan.meetingOf(i)),
                        plan.keys(i), plan.keysDelayMs(), plan.setupTimeoutMs());
                calls.add(call);
                rtp.add(media);
                call.onMediaOver(() -> rtp.retire(media)); // the leg's SRTP keys live as long as its call
                call.start();
            }
            placedAt = System.nanoTime();
            while (calls.stream().anyMatch(c -> c.state() == LoadCall.State.INVITING)) {
                lastProgress = progress(calls, start, lastProgress, node);
                Thread.sleep(20);
            }
            settledAt = System.nanoTime();
            long holdUntil = settledAt + keysPhaseNanos(plan) + plan.holdSeconds() * 1_000_000_000L;
            long steadyAt = settledAt + keysPhaseNanos(plan) + 1_000_000_000L; // and a second for the joins
            boolean marked = false;
            while (System.nanoTime() < holdUntil) {
                if (!marked && System.nanoTime() >= steadyAt) {
                    node.markSteady(); // every call answered and through the IVR
                    marked = true;
                }
                lastProgress = progress(calls, start, lastProgress, node);
                Thread.sleep(Math.max(1, Math.min(100, (holdUntil - System.nanoTime()) / 1_000_000)));
            }
            nodeSummary = node.finish(); // while the calls are still up: the last scrape sees them
            for (LoadCall<CallMedia> c : calls) {
                c.hangup();
            }
            long deadline = System.nanoTime() + TEARDOWN_WAIT_NANOS;
            while (calls.stream().anyMatch(c -> c.state() == LoadCall.State.ENDING) && System.nanoTime() < deadline) {
                lastProgress = progress(calls, start, lastProgress, node); // BYEs may take up to timer F
                Thread.sleep(20);
            }
            progress(calls, start, 0, node);
            if (progress != null) {
                progress.println();
            }
            generator = new LoadResult.Generator(rtp.ticks(), rtp.lateTicks(), uac.messagesSent(), uac.messagesReceived());
        } finally {
            node.close();
            for (LoadCall<CallMedia> c : calls) {
                c.media().close();
            }
        }
        LoadResult result = LoadResult.of(plan, calls, start, placedAt, settledAt, generator, nodeSummary);
        for (LoadCall<CallMedia> c : calls) {
            synchronized (c.media()) { // a call that ended just now may be wiped by RtpEngine.retire as well
                c.media().closeKeys(); // the RTP threads have stopped
            }
        }
        return result;
    }

    /**
     * From the last answer until the last call has typed its keys (the pause before the first key,
     * then {@link CallMedia#KEY_MS} per key): the hold starts after it, so every call spends
     * {@code --hold} seconds through the IVR rather than the last ones hanging up while they still type.
     */
    static long keysPhaseNanos(LoadPlan plan) {
        int keys = 0;
        for (int i = 0; i < plan.calls(); i++) {
            keys = Math.max(keys, plan.keys(i).length());
        }
        return keys == 0 ? 0 : (plan.keysDelayMs() + keys * CallMedia.KEY_MS) * 1_000_000L;
    }

    private long progress(List<LoadCall<CallMedia>> calls, long start, long last, NodeMetricsPoller node) {
        long now = System.nanoTime();
        if (progress == null || now - last < 1_000_000_000L) {
            return last;
        }
        int up = 0;
        int ending = 0;
        int failed = 0;
        List<Double> setup = new ArrayList<>();
        for (LoadCall<CallMedia> c : calls) {
            LoadCall.State s = c.state();
            if (s == LoadCall.State.UP) {
                up++;
            } else if (s == LoadCall.State.ENDING) {
                ending++;
            } else if (s == LoadCall.State.FAILED) {
                failed++;
            }
            double ms = c.setupMs();
            if (ms >= 0) {
                setup.add(ms);
            }
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "t=%4ds placed %d/%d  up %d%s  failed %d  setup p50 %s", (now - start) / 1_000_000_000L, calls.size(),
                plan.calls(), up, ending > 0 ? "  hanging up " + ending : "", failed,
                Percentiles.format(Percentiles.of(setup, 50))));
        NodeMetricsPoller.NodeSample n = node.latest();
        if (n != null) {
            line.append(String.format(Locale.ROOT, "  node cpu %.0f%% rss %.0f MB late ticks %.0f", n.cpuShare() * 100,
                    n.rssBytes() / 1e6, n.lateTicks()));
        }
        progress.print(overwrite(line.toString(), lastLineLength));
        progress.flush();
        lastLineLength = line.length();
        return now;
    }

    /**
     * The carriage-return update of a one-line display: {@code line}, then blanks over whatever of
     * the previous line (of {@code previousLength} characters) it does not cover.
     */
    static String overwrite(String line, int previousLength) {
        return "\r" + line + " ".repeat(Math.max(0, previousLength - line.length()));
    }
}
