package org.voxgate.lab.load;

import java.security.SecureRandom;

import org.voxgate.srtp.SdesCrypto;
import org.voxgate.srtp.SdesException;
import org.voxgate.srtp.SrtpContext;
import org.voxgate.srtp.SrtpKeys;
import org.voxgate.srtp.SrtpPacket;
import org.voxgate.srtp.SrtpProfile;
import org.voxgate.srtp.SrtpStatus;

/**
 * One generated leg's SRTP with SDES keys (RFC 4568): our key goes out in the offer's
 * {@code a=crypto} (AES_CM_128_HMAC_SHA1_80), the node's comes back in the answer. The sending
 * context is used by the send thread only, the receiving one by the receive thread only; both
 * are published to them through {@link CallMedia}'s volatile remote address, set after
 * {@link #answer}. Counts what unprotect refused.
 */
final class SrtpLeg implements AutoCloseable {
    static final SrtpProfile PROFILE = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SdesCrypto local = SdesCrypto.generate(1, PROFILE, RANDOM);
    private final SrtpContext sender;
    private volatile SrtpContext receiver;
    private final SrtpPacket txPacket = new SrtpPacket();
    private final SrtpPacket rxPacket = new SrtpPacket();
    private long authFailures; // receive thread
    private long otherRefusals; // receive thread
    private long beforeKey; // receive thread: part of otherRefusals
    private long protectFailures; // send thread

    SrtpLeg() {
        try (SrtpKeys keys = local.srtpKeys()) {
            sender = SrtpContext.forSending(local.policy(), keys);
        }
    }

    String offerLine() {
        return local.toAttributeLine();
    }

    /** @return null when the answer carries a usable key for our profile, else the reason */
    String answer(String answerSdp) {
        String line = SipRequests.cryptoLine(answerSdp);
        if (line == null) {
            return "SRTP offered, answer has no a=crypto";
        }
        try (SdesCrypto remote = SdesCrypto.parse(line)) {
            if (remote.profile() != PROFILE) {
                return "answer chose " + remote.profile() + ", offered " + PROFILE;
            }
            try (SrtpKeys keys = remote.srtpKeys()) {
                receiver = SrtpContext.forReceiving(remote.policy(), keys);
            }
            return null;
        } catch (SdesException e) {
            return "bad a=crypto in the answer: " + e.getMessage();
        }
    }

    /** Bytes protect may add after a packet. */
    int maxOverhead() {
        return sender.maxOverhead();
    }

    /**
     * Protects {@code array[0, length)} in place (room for {@link #maxOverhead()} after it). Send thread.
     *
     * @return the SRTP length, or -1 when refused (counted)
     */
    int protect(byte[] array, int length) {
        SrtpStatus s = sender.protect(txPacket.set(array, 0, length));
        if (s != SrtpStatus.OK) {
            protectFailures++;
            return -1;
        }
        return txPacket.length();
    }

    /**
     * Unprotects {@code array[offset, offset+length)} in place. Receive thread.
     *
     * @return the RTP length, or -1 when refused (counted: AUTH_FAIL apart from the rest)
     */
    int unprotect(byte[] array, int offset, int length) {
        SrtpContext rx = receiver;
        if (rx == null) {
            otherRefusals++; // media before the answer: no key yet
            beforeKey++;
            return -1;
        }
        SrtpStatus s = rx.unprotect(rxPacket.set(array, offset, length));
        if (s == SrtpStatus.OK) {
            return rxPacket.length();
        }
        if (s == SrtpStatus.AUTH_FAIL) {
            authFailures++;
        } else {
            otherRefusals++;
        }
        return -1;
    }

    /**
     * @param authFailures    packets whose tag did not verify
     * @param otherRefusals   packets refused for any other reason (replayed, too old, no key yet, ...)
     * @param protectFailures packets we could not protect
     * @param beforeKey       of otherRefusals: packets that arrived before the answer gave us the node's key
     */
    record Counts(long authFailures, long otherRefusals, long protectFailures, long beforeKey) {
        static final Counts NONE = new Counts(0, 0, 0, 0);
    }

    /** Read after the threads stopped (or after {@link RtpEngine#retire} wiped the keys). */
    Counts counts() {
        return new Counts(authFailures, otherRefusals, protectFailures, beforeKey);
    }

    /**
     * True once {@link #close()} wiped the SDES key and closed both contexts. Read it with a
     * happens-before edge over the closing thread (e.g. after {@link RtpEngine#keysWiped()}).
     */
    boolean closed() {
        SrtpContext rx = receiver;
        return sender.isClosed() && (rx == null || rx.isClosed());
    }

    /**
     * Wipes the SDES key and closes both contexts (their keys are zeroed); idempotent. Only when
     * neither RTP thread can still use them (see {@link RtpEngine#retire}).
     */
    @Override
    public void close() {
        local.close();
        sender.close();
        SrtpContext rx = receiver;
        if (rx != null) {
            rx.close();
        }
    }
}
