package org.voxgate.server;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.bridge.api.LegStats;
import org.voxgate.sip.CallListener;
import org.voxgate.sip.CallRecord;

/**
 * Writes one structured line per finished call to the {@code voxgate.cdr} logger. The
 * embedded default keeps CDRs here until the admin store records them in the database.
 */
final class CdrLog implements CallListener {

    private static final Logger CDR = LoggerFactory.getLogger("voxgate.cdr");

    @Override
    public void callEnded(CallRecord r) {
        LegStats s = r.legStats();
        long talkMs = r.answerTime() == null ? 0 : Duration.between(r.answerTime(), r.endTime()).toMillis();
        CDR.info("cdr callId={} from={} to={} meeting={} start={} answer={} end={} durationMs={} cause={} sipStatus={} "
                        + "codec={} rtpIn={} rtpOut={} lost={} dropped={} jitterMs={}",
                r.callId(), r.from(), r.to(), r.meetingId(), r.startTime(), r.answerTime(), r.endTime(), talkMs,
                r.cause(), r.sipStatus(), r.codec(),
                s == null ? 0 : s.packetsReceived(), s == null ? 0 : s.packetsSent(),
                s == null ? 0 : s.packetsLost(), s == null ? 0 : s.packetsDropped(),
                s == null ? 0 : String.format("%.1f", s.jitterMs()));
    }
}
