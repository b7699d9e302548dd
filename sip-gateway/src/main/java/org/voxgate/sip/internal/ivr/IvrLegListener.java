package org.voxgate.sip.internal.ivr;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;
import java.util.function.Consumer;

import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.voxgate.bridge.api.DtmfEvent;
import org.voxgate.bridge.api.LegListener;
import org.voxgate.bridge.api.MediaLeg;

/**
 * The leg's listener: feeds digits from every source (RFC 4733, SIP INFO through
 * {@link MediaLeg#injectDtmf}, in-band) and playback ends into the call's IVR, and reports a
 * media timeout.
 *
 * <p>The IVR starts on the ACK, but SIP messages of one dialog may be handled out of order
 * (an INFO right behind the ACK can overtake it), so events that arrive before
 * {@link #attach} are kept, up to {@value #MAX_EARLY_EVENTS}, and replayed in order on attach.
 */
public final class IvrLegListener implements LegListener {
    static final int MAX_EARLY_EVENTS = 64;

    private final Runnable onMediaTimeout;
    private final Queue<Consumer<LegEvents>> early = new ArrayDeque<>();
    private LegEvents machine;

    /** @param onMediaTimeout runs on the bridge event thread; must not block */
    public IvrLegListener(Runnable onMediaTimeout) {
        this.onMediaTimeout = Objects.requireNonNull(onMediaTimeout, "onMediaTimeout");
    }

    /**
     * Connects the (started) IVR, or a dial-out's confirmation, and replays what arrived before
     * the first one. A later call replaces the target (confirmation, then the IVR).
     */
    public synchronized void attach(LegEvents ivr) {
        this.machine = Objects.requireNonNull(ivr, "ivr");
        while (!early.isEmpty()) {
            early.poll().accept(ivr);
        }
    }

    private synchronized void deliver(MediaLeg leg, Consumer<LegEvents> event) {
        if (machine == null) {
            if (early.size() < MAX_EARLY_EVENTS) {
                early.add(event);
            }
            return;
        }
        MDC.put("callId", leg.callId()); // log lines of IVR work carry the call id
        try {
            event.accept(machine);
        } catch (RuntimeException e) {
            // never into the bridge's event thread; the IVR's timers still end the call
            LoggerFactory.getLogger(IvrLegListener.class).error("IVR failed on a leg event", e);
        } finally {
            MDC.remove("callId");
        }
    }

    @Override
    public void onDtmf(MediaLeg leg, DtmfEvent event) {
        deliver(leg, m -> m.onDigit(event.digit()));
    }

    @Override
    public void onPlaybackFinished(MediaLeg leg, boolean completed) {
        deliver(leg, m -> m.onPlaybackFinished(completed));
    }

    @Override
    public void onMediaTimeout(MediaLeg leg) {
        onMediaTimeout.run();
    }
}
