package org.voxgate.bridge.api;

/** Where a DTMF digit came from. All sources feed one event stream per leg. */
public enum DtmfSource {
    /** RTP telephone-event (RFC 4733). */
    RFC4733,
    /** SIP INFO, application/dtmf-relay or application/dtmf. */
    SIP_INFO,
    /** Tones in the audio, found by the Goertzel detector (ITU-T Q.24). */
    INBAND
}
