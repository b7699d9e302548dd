package org.voxgate.lab.load;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What a load run does: {@code calls} calls placed at {@code callsPerSecond} into
 * {@code meetings.size()} meetings (call i joins meeting i mod M; the first {@code talkers} of
 * each meeting send a tone, the others silence); once placed, all stay up
 * {@code holdSeconds}, then hang up.
 *
 * @param number      called number that reaches the IVR (the access code is then typed), used
 *                    unless {@code direct}
 * @param meetings    access codes; with {@code direct}, called numbers that go straight in
 * @param pin         typed after the code (and '#') when not empty
 * @param metricsUri  the node's {@code /metrics}, or null
 * @param transport   "udp" or "tls" (one TLS connection to targetPort, which is then the node's sip.tlsPort)
 * @param tlsTrustPem with tls: PEM certificate(s) to trust; null trusts any certificate (lab tool, own node)
 * @param srtp        offer RTP/SAVP with an SDES key (the node accepts SDES only over TLS)
 * @param codec       the one codec offered (with telephone-event at its clock); not null
 */
public record LoadPlan(String targetHost, int targetPort, String localAddress, int calls, double callsPerSecond,
                       int holdSeconds, String number, List<String> meetings, boolean direct, String pin,
                       int talkers, long keysDelayMs, long setupTimeoutMs, URI metricsUri, String transport,
                       java.nio.file.Path tlsTrustPem, boolean srtp,
                       LoadCodec codec) {
    /** PCMU, as before there was a choice. */
    public LoadPlan(String targetHost, int targetPort, String localAddress, int calls, double callsPerSecond,
                    int holdSeconds, String number, List<String> meetings, boolean direct, String pin, int talkers,
                    long keysDelayMs, long setupTimeoutMs, URI metricsUri, String transport,
                    java.nio.file.Path tlsTrustPem, boolean srtp) {
        this(targetHost, targetPort, localAddress, calls, callsPerSecond, holdSeconds, number, meetings, direct, pin,
                talkers, keysDelayMs, setupTimeoutMs, metricsUri, transport, tlsTrustPem, srtp, LoadCodec.PCMU);
    }

    /** Plain RTP (PCMU) over SIP/UDP. */
    public LoadPlan(String targetHost, int targetPort, String localAddress, int calls, double callsPerSecond,
                    int holdSeconds, String number, List<String> meetings, boolean direct, String pin, int talkers,
                    long keysDelayMs, long setupTimeoutMs, URI metricsUri) {
        this(targetHost, targetPort, localAddress, calls, callsPerSecond, holdSeconds, number, meetings, direct, pin,
                talkers, keysDelayMs, setupTimeoutMs, metricsUri, "udp", null, false, LoadCodec.PCMU);
    }

    public LoadPlan {
        if (!"udp".equals(transport) && !"tls".equals(transport)) {
            throw new IllegalArgumentException("transport is udp or tls, was " + transport);
        }
        Objects.requireNonNull(targetHost, "targetHost");
        Objects.requireNonNull(codec, "codec");
        meetings = List.copyOf(meetings);
        if (calls < 1 || callsPerSecond <= 0 || holdSeconds < 0 || meetings.isEmpty() || talkers < 0) {
            throw new IllegalArgumentException("calls >= 1, rate > 0, hold >= 0, at least one meeting, talkers >= 0");
        }
    }

    /** The same plan with another codec. */
    public LoadPlan withCodec(LoadCodec c) {
        return new LoadPlan(targetHost, targetPort, localAddress, calls, callsPerSecond, holdSeconds, number, meetings,
                direct, pin, talkers, keysDelayMs, setupTimeoutMs, metricsUri, transport, tlsTrustPem, srtp, c);
    }

    int meetingOf(int call) {
        return call % meetings.size();
    }

    boolean talker(int call) {
        return call / meetings.size() < talkers;
    }

    /** Request-URI user of call {@code i}. */
    String calledNumber(int call) {
        return direct ? meetings.get(meetingOf(call)) : number;
    }

    /** Keys call {@code i} types after the answer. */
    String keys(int call) {
        String p = pin.isEmpty() ? "" : pin + "#";
        return direct ? p : meetings.get(meetingOf(call)) + "#" + p;
    }
}
