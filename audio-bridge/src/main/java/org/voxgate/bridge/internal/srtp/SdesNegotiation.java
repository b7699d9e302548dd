package org.voxgate.bridge.internal.srtp;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.voxgate.bridge.api.SdpException;
import org.voxgate.srtp.SdesCrypto;
import org.voxgate.srtp.SdesException;
import org.voxgate.srtp.SrtpContext;
import org.voxgate.srtp.SrtpKeys;
import org.voxgate.srtp.SrtpPolicy;
import org.voxgate.srtp.SrtpProfile;

/**
 * SDES key exchange (RFC 4568) for one leg's audio stream, answerer side. Not thread-safe: the
 * leg's monitor serializes calls.
 *
 * <ul>
 *   <li>Of the offered a=crypto lines, the one whose suite comes first in {@link #PREFERENCE} is
 *       taken (ties: the first offered). Lines that do not parse, use a suite we do not support,
 *       or weaken protection (UNENCRYPTED_SRTP, UNENCRYPTED_SRTCP, UNAUTHENTICATED_SRTP) are
 *       skipped (section 5.1.2: the answerer picks one acceptable line).</li>
 *   <li>The answer carries exactly one a=crypto line with the offer's tag and our own key, drawn
 *       from a {@link SecureRandom} (section 6.1: each direction has its own key).</li>
 *   <li>Re-offers (section 7.1.4): when the peer's key, suite and parameters are unchanged the
 *       receiving context stays (its ROC and replay window with it); when the suite and tag stay
 *       we answer with the same key and keep our sending contexts. A new sending context always
 *       gets a new key: never two senders under one key and index space.</li>
 * </ul>
 */
public final class SdesNegotiation implements AutoCloseable {
    /** Suites we take, best first. */
    public static final List<SrtpProfile> PREFERENCE = List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
            SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES_256_CM_HMAC_SHA1_80, SrtpProfile.AEAD_AES_256_GCM,
            SrtpProfile.AES_CM_128_HMAC_SHA1_32, SrtpProfile.AES_256_CM_HMAC_SHA1_32);

    /**
     * What an answer changed. Null contexts: keep the current one of that direction.
     *
     * @param answerLine the a=crypto line for the answer, "a=crypto:..."
     */
    public record Outcome(String answerLine, SrtpContext receive, SrtpContext sendRtp, SrtpContext sendRtcp) {
    }

    private final SecureRandom random;
    private SdesCrypto local;
    private SdesCrypto remote;

    public SdesNegotiation(SecureRandom random) {
        this.random = Objects.requireNonNull(random);
    }

    /** Whether {@code offered} holds at least one line we would take. */
    public static boolean acceptable(List<String> offered) {
        try (SdesCrypto c = choose(offered)) {
            return c != null;
        }
    }

    /** The offered line we take, parsed (the caller closes it), or null when none will do. */
    static SdesCrypto choose(List<String> offered) {
        SdesCrypto best = null;
        int bestRank = Integer.MAX_VALUE;
        for (String line : offered) {
            SdesCrypto c;
            try {
                c = SdesCrypto.parse(line);
            } catch (SdesException e) {
                continue; // section 5.1.2: unusable lines are ignored
            }
            int rank = PREFERENCE.indexOf(c.profile());
            if (rank < 0 || c.unencryptedSrtcp() || c.unauthenticatedSrtp() || c.unencryptedSrtp()
                    || rank >= bestRank) {
                c.close();
                continue;
            }
            if (best != null) {
                best.close();
            }
            best = c;
            bestRank = rank;
        }
        return best;
    }

    /**
     * Answers the a=crypto lines of the chosen stream.
     *
     * @throws SdpException 306 when no line is acceptable
     */
    public Outcome answer(List<String> offered) throws SdpException {
        SdesCrypto chosen = choose(offered);
        if (chosen == null) {
            throw new SdpException(306, false, "no acceptable a=crypto line; this bridge takes "
                    + String.join(", ", PREFERENCE.stream().map(Enum::name).toList()) + " without session parameters");
        }
        SrtpContext receive = null;
        if (remote == null || !sameKeying(remote, chosen)) {
            try (SrtpKeys keys = chosen.srtpKeys()) {
                receive = SrtpContext.forReceiving(chosen.policy(), keys);
            }
            if (remote != null) {
                remote.close();
            }
            remote = chosen;
        } else {
            chosen.close();
        }
        SrtpContext sendRtp = null;
        SrtpContext sendRtcp = null;
        if (local == null || local.profile() != remote.profile() || local.tag() != remote.tag()) {
            if (local != null) {
                local.close();
            }
            local = SdesCrypto.generate(remote.tag(), remote.profile(), random);
            SrtpPolicy policy = SrtpPolicy.of(local.profile());
            try (SrtpKeys keys = local.srtpKeys()) {
                sendRtp = SrtpContext.forSending(policy, keys);
                sendRtcp = SrtpContext.forSending(policy, keys);
            }
        }
        return new Outcome(local.toAttributeLine(), receive, sendRtp, sendRtcp);
    }

    /** The suite in use, or null. */
    public SrtpProfile profile() {
        return local == null ? null : local.profile();
    }

    /** Forgets both keys (the stream went plain, or the leg closed); wipes them. */
    @Override
    public void close() {
        if (local != null) {
            local.close();
            local = null;
        }
        if (remote != null) {
            remote.close();
            remote = null;
        }
    }

    private static boolean sameKeying(SdesCrypto a, SdesCrypto b) {
        if (a.profile() != b.profile() || a.tag() != b.tag() || a.windowSizeHint() != b.windowSizeHint()
                || a.keys().size() != b.keys().size()) {
            return false;
        }
        for (int i = 0; i < a.keys().size(); i++) {
            SdesCrypto.Key x = a.keys().get(i);
            SdesCrypto.Key y = b.keys().get(i);
            byte[] kx = x.keyAndSalt();
            byte[] ky = y.keyAndSalt();
            try {
                if (!java.security.MessageDigest.isEqual(kx, ky) || !Objects.equals(x.lifetime(), y.lifetime())
                        || !Objects.equals(x.mkiValue(), y.mkiValue()) || x.mkiLength() != y.mkiLength()) {
                    return false;
                }
            } finally {
                Arrays.fill(kx, (byte) 0);
                Arrays.fill(ky, (byte) 0);
            }
        }
        return true;
    }
}
