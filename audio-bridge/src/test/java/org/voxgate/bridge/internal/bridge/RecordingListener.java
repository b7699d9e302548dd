package org.voxgate.bridge.internal.bridge;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.voxgate.bridge.api.DtmfEvent;
import org.voxgate.bridge.api.LegListener;
import org.voxgate.bridge.api.MediaLeg;

/** Records every callback, and the thread it came on. */
final class RecordingListener implements LegListener {
    final List<DtmfEvent> dtmf = new CopyOnWriteArrayList<>();
    final List<Boolean> playbackFinished = new CopyOnWriteArrayList<>();
    final AtomicInteger timeouts = new AtomicInteger();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final List<String> securityFailures = new CopyOnWriteArrayList<>();

    @Override
    public void onDtmf(MediaLeg leg, DtmfEvent event) {
        threads.add(Thread.currentThread().getName());
        dtmf.add(event);
    }

    @Override
    public void onPlaybackFinished(MediaLeg leg, boolean completed) {
        threads.add(Thread.currentThread().getName());
        playbackFinished.add(completed);
    }

    @Override
    public void onMediaTimeout(MediaLeg leg) {
        threads.add(Thread.currentThread().getName());
        timeouts.incrementAndGet();
    }

    @Override
    public void onMediaSecurityFailure(MediaLeg leg, String reason) {
        threads.add(Thread.currentThread().getName());
        securityFailures.add(reason);
    }

        String digits() {
        StringBuilder sb = new StringBuilder();
        for (DtmfEvent e : dtmf) {
            sb.append(e.digit());
        }
        return sb.toString();
    }
}
