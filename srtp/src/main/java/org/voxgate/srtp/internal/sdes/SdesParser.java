package org.voxgate.srtp.internal.sdes;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.voxgate.srtp.SdesCrypto;
import org.voxgate.srtp.SdesException;
import org.voxgate.srtp.SdesException.Reason;
import org.voxgate.srtp.SrtpProfile;

/**
 * Parser for the RFC 4568 section 9.1 grammar of the crypto attribute:
 *
 * <pre>
 *   "a=crypto:" tag 1*WSP crypto-suite 1*WSP key-params *(1*WSP session-param)
 *   tag          = 1*9DIGIT
 *   key-params   = key-param *(";" key-param)
 *   key-param    = "inline:" key-salt ["|" lifetime] ["|" mki]
 *   key-salt     = 1*(base64)                       ; master key || master salt
 *   lifetime     = ["2^"] 1*(DIGIT)
 *   mki          = mki-value ":" mki-length         ; 1*DIGIT ":" 1*3DIGIT (1..128)
 *   session-param = "UNENCRYPTED_SRTP" / "UNENCRYPTED_SRTCP" / "UNAUTHENTICATED_SRTP"
 *                 / "KDR=" 1*2DIGIT / "WSH=" 2*DIGIT / "FEC_ORDER=" ... / "FEC_KEY=" ...
 * </pre>
 *
 * Every error carries the offset of the offending field in the given text.
 */
public final class SdesParser {
    private static final String PREFIX = "a=crypto:";
    /** RFC 4568 section 6.2: SRTP lifetimes are at most 2^48. */
    private static final int MAX_LIFETIME_POWER = 48;

    private final String s;
    private int pos;

    private SdesParser(String s, int pos) {
        this.s = s;
        this.pos = pos;
    }

    public static SdesCrypto parse(String text) throws SdesException {
        if (text == null) {
            throw new SdesException(Reason.SYNTAX, 0, "null");
        }
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\r' || text.charAt(end - 1) == '\n')) {
            end--;
        }
        String s = text.substring(0, end);
        int start = s.startsWith(PREFIX) ? PREFIX.length() : 0;
        return new SdesParser(s, start).crypto();
    }

    private SdesCrypto crypto() throws SdesException {
        int tagAt = pos;
        String tagText = token();
        if (tagText.isEmpty() || tagText.length() > 9 || !digits(tagText)) {
            throw new SdesException(Reason.BAD_TAG, tagAt, "tag must be 1 to 9 digits: '" + tagText + "'");
        }
        int tag = Integer.parseInt(tagText);
        requireSpace("crypto-suite");
        int suiteAt = pos;
        String suiteText = token();
        SrtpProfile profile = SrtpProfile.forSdesName(suiteText);
        if (profile == null || !profile.offeredByDefault()) {
            throw new SdesException(Reason.UNKNOWN_SUITE, suiteAt, "unsupported crypto-suite '" + suiteText + "'");
        }
        requireSpace("key-params");
        List<SdesCrypto.Key> keys = keyParams(profile);
        boolean unencSrtp = false;
        boolean unencSrtcp = false;
        boolean unauth = false;
        int wsh = 0;
        while (pos < s.length()) {
            requireSpace("session-param");
            if (pos == s.length()) {
                break;
            }
            int at = pos;
            String p = token();
            if (p.equals("UNENCRYPTED_SRTP")) {
                unencSrtp = true;
            } else if (p.equals("UNENCRYPTED_SRTCP")) {
                unencSrtcp = true;
            } else if (p.equals("UNAUTHENTICATED_SRTP")) {
                unauth = true;
            } else if (p.startsWith("KDR=")) {
                String v = p.substring(4);
                if (v.isEmpty() || v.length() > 2 || !digits(v) || Integer.parseInt(v) > 24) {
                    throw new SdesException(Reason.BAD_SESSION_PARAM, at + 4, "KDR must be 0..24");
                }
                if (Integer.parseInt(v) != 0) {
                    throw new SdesException(Reason.UNSUPPORTED_SESSION_PARAM, at, "only KDR=0 is supported");
                }
            } else if (p.startsWith("WSH=")) {
                String v = p.substring(4);
                if (v.length() < 2 || v.length() > 9 || !digits(v) || Integer.parseInt(v) < 64) {
                    throw new SdesException(Reason.BAD_SESSION_PARAM, at + 4, "WSH must be a number of at least 64");
                }
                wsh = Integer.parseInt(v);
            } else {
                throw new SdesException(Reason.UNSUPPORTED_SESSION_PARAM, at, "unsupported session parameter '" + p + "'");
            }
        }
        if (profile.isAead() && unauth) {
            throw new SdesException(Reason.UNSUPPORTED_SESSION_PARAM, s.indexOf("UNAUTHENTICATED_SRTP"),
                    "AEAD suites always authenticate");
        }
        if (profile.isAead() && unencSrtp) {
            throw new SdesException(Reason.UNSUPPORTED_SESSION_PARAM, s.indexOf("UNENCRYPTED_SRTP"),
                    "AEAD suites always encrypt SRTP");
        }
        return new SdesCrypto(tag, profile, keys, unencSrtp, unencSrtcp, unauth, wsh);
    }

    private List<SdesCrypto.Key> keyParams(SrtpProfile profile) throws SdesException {
        List<SdesCrypto.Key> keys = new ArrayList<>();
        int keysAt = pos;
        String all = token();
        int off = 0;
        int mkiLength = -1;
        while (true) {
            int semi = all.indexOf(';', off);
            String one = semi < 0 ? all.substring(off) : all.substring(off, semi);
            SdesCrypto.Key k = keyParam(one, keysAt + off, profile);
            int thisMki = k.mkiValue() == null ? 0 : k.mkiLength();
            if (mkiLength >= 0 && (thisMki != mkiLength || thisMki == 0)) {
                throw new SdesException(Reason.INCONSISTENT_KEYS, keysAt + off,
                        "several keys need MKIs of one length");
            }
            mkiLength = thisMki;
            keys.add(k);
            if (semi < 0) {
                return keys;
            }
            off = semi + 1;
        }
    }

    private SdesCrypto.Key keyParam(String p, int at, SrtpProfile profile) throws SdesException {
        if (!p.startsWith("inline:")) {
            throw new SdesException(Reason.BAD_KEY_METHOD, at, "key method must be 'inline:'");
        }
        String[] parts = p.substring(7).split("\\|", -1);
        if (parts.length > 3) {
            throw new SdesException(Reason.SYNTAX, at + p.lastIndexOf('|'), "too many '|' fields");
        }
        int fieldAt = at + 7;
        byte[] ks;
        try {
            if (parts[0].isEmpty() || !parts[0].matches("[A-Za-z0-9+/]+={0,2}")) {
                throw new IllegalArgumentException("not base64");
            }
            ks = Base64.getDecoder().decode(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new SdesException(Reason.BAD_BASE64, fieldAt, "key-salt is not base64");
        }
        int want = profile.masterKeyLength() + profile.masterSaltLength();
        if (ks.length != want) {
            Arrays.fill(ks, (byte) 0);
            throw new SdesException(Reason.BAD_KEY_LENGTH, fieldAt,
                    profile + " needs " + want + " bytes of key and salt, got " + ks.length);
        }
        fieldAt += parts[0].length() + 1;
        String lifetime = null;
        BigInteger mkiValue = null;
        int mkiLength = 0;
        for (int i = 1; i < parts.length; i++) {
            String f = parts[i];
            boolean isMki = f.indexOf(':') >= 0;
            if (isMki) {
                if (mkiValue != null) {
                    throw new SdesException(Reason.BAD_MKI, fieldAt, "two MKIs");
                }
                int colon = f.indexOf(':');
                String v = f.substring(0, colon);
                String l = f.substring(colon + 1);
                if (v.isEmpty() || !digits(v) || l.isEmpty() || l.length() > 3 || !digits(l)) {
                    throw new SdesException(Reason.BAD_MKI, fieldAt, "MKI must be value:length in decimal");
                }
                mkiLength = Integer.parseInt(l);
                if (mkiLength < 1 || mkiLength > 128) {
                    throw new SdesException(Reason.BAD_MKI, fieldAt + colon + 1, "MKI length must be 1..128");
                }
                mkiValue = new BigInteger(v);
                if (mkiValue.bitLength() > 8 * mkiLength) {
                    throw new SdesException(Reason.BAD_MKI, fieldAt, "MKI value does not fit in " + mkiLength + " bytes");
                }
            } else {
                if (lifetime != null || mkiValue != null) {
                    throw new SdesException(Reason.BAD_LIFETIME, fieldAt, "lifetime must come once, before the MKI");
                }
                lifetime = lifetime(f, fieldAt);
            }
            fieldAt += f.length() + 1;
        }
        try {
            return new SdesCrypto.Key(ks, lifetime, mkiValue, mkiLength);
        } finally {
            Arrays.fill(ks, (byte) 0);
        }
    }

    private static String lifetime(String f, int at) throws SdesException {
        if (f.startsWith("2^")) {
            String n = f.substring(2);
            if (n.isEmpty() || n.length() > 2 || !digits(n) || Integer.parseInt(n) > MAX_LIFETIME_POWER) {
                throw new SdesException(Reason.BAD_LIFETIME, at, "lifetime 2^n needs n in 0..48");
            }
            return "2^" + Integer.parseInt(n);
        }
        if (f.isEmpty() || f.length() > 15 || !digits(f) || Long.parseLong(f) > (1L << MAX_LIFETIME_POWER)
                || Long.parseLong(f) == 0) {
            throw new SdesException(Reason.BAD_LIFETIME, at, "lifetime must be 1..2^48 packets");
        }
        return f;
    }

    private String token() {
        int start = pos;
        while (pos < s.length() && !isSpace(s.charAt(pos))) {
            pos++;
        }
        return s.substring(start, pos);
    }

    private void requireSpace(String what) throws SdesException {
        if (pos >= s.length()) {
            throw new SdesException(Reason.SYNTAX, pos, "missing " + what);
        }
        if (!isSpace(s.charAt(pos))) {
            throw new SdesException(Reason.SYNTAX, pos, "expected a space before " + what);
        }
        while (pos < s.length() && isSpace(s.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean digits(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
