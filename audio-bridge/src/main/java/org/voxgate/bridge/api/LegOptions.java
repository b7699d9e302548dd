package org.voxgate.bridge.api;

import java.util.List;
import java.util.Objects;

/**
 * What a leg is for.
 *
 * @param callId       signalling's call id, carried into the leg's logs
 * @param codecs       codec preference, best first, by IANA encoding name ("PCMU", "PCMA");
 *                     empty means the bridge default
 * @param inbandDtmf   run the in-band (Goertzel) DTMF detector on this leg's audio
 */
public record LegOptions(String callId, List<String> codecs, boolean inbandDtmf) {
    public LegOptions {
        Objects.requireNonNull(callId, "callId");
        codecs = List.copyOf(codecs);
    }

    public static LegOptions forCall(String callId) {
        return new LegOptions(callId, List.of(), true);
    }
}
