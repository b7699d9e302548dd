package org.voxgate.sip.internal.ivr;

import java.util.Objects;

import org.slf4j.MDC;

import org.voxgate.bridge.api.DtmfEvent;
import org.voxgate.bridge.api.LegListener;
import org.voxgate.bridge.api.MediaLeg;

/**
 * The leg's listener: feeds digits from every source (RFC 4733, SIP INFO through
 * {@link MediaLeg#injectDtmf}, in-band) and playback ends into the call's IVR once it exists,
 * and reports a media timeout. Events before {@link #attach} are dropped (the caller cannot
 * hear a prompt before the IVR starts).
 */
public final class IvrLegListener implements LegListener {
    private final Runnable onMediaTimeout;
    private volatile IvrMachine machine;

    /** @param onMediaTimeout runs on the bridge event thread; must not block */
    public IvrLegListener(Runnable onMediaTimeout) {
        this.onMediaTimeout = Objects.requireNonNull(onMediaTimeout, "onMediaTimeout");
    }

    public void attach(IvrMachine ivr) {
        this.machine = ivr;
    }

    @Override
    public void onDtmf(MediaLeg leg, DtmfEvent event) {
        IvrMachine m = machine;
        if (m != null) {
            withCallId(leg, () -> m.onDigit(event.digit()));
        }
    }

    @Override
    public void onPlaybackFinished(MediaLeg leg, boolean completed) {
        IvrMachine m = machine;
        if (m != null) {
            withCallId(leg, () -> m.onPlaybackFinished(completed));
        }
    }

    /** Log lines of IVR work carry the call id (MDC key {@code callId}). */
    private static void withCallId(MediaLeg leg, Runnable r) {
        MDC.put("callId", leg.callId());
        try {
            r.run();
        } finally {
            MDC.remove("callId");
        }
    }

    @Override
    public void onMediaTimeout(MediaLeg leg) {
        onMediaTimeout.run();
    }
}
