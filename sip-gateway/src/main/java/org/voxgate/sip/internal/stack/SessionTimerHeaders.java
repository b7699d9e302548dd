package org.voxgate.sip.internal.stack;

import java.text.ParseException;
import java.util.Iterator;
import java.util.Locale;

import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RequireHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.message.Message;

import org.voxgate.sip.internal.sessiontimer.Refresher;
import org.voxgate.sip.internal.sessiontimer.SessionTimerDecision;
import org.voxgate.sip.internal.sessiontimer.SessionTimerRequest;

/**
 * Reads and writes the RFC 4028 headers.
 *
 * <pre>
 * Session-Expires: 1800;refresher=uac     (compact form x)
 * Min-SE: 90
 * </pre>
 */
final class SessionTimerHeaders {
    private SessionTimerHeaders() {
    }

    static SessionTimerRequest read(Message m) {
        int se = -1;
        Refresher refresher = null;
        String seValue = value(m, "Session-Expires", "x");
        if (seValue != null) {
            String[] parts = seValue.split(";");
            se = deltaSeconds(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("refresher")) {
                    refresher = Refresher.parse(kv[1]);
                }
            }
        }
        String minSe = value(m, "Min-SE", null);
        int min = minSe == null ? -1 : deltaSeconds(minSe.split(";")[0]);
        return new SessionTimerRequest(se, refresher, min, hasTag(m, SupportedHeader.NAME, "k")
                || hasTag(m, RequireHeader.NAME, null));
    }

    static void write(Message m, HeaderFactory hf, SessionTimerDecision d) throws ParseException {
        if (d.kind() != SessionTimerDecision.Kind.ACCEPT) {
            return;
        }
        m.setHeader(hf.createHeader("Session-Expires", d.intervalSeconds() + ";refresher=" + d.refresher().token()));
        if (d.requireTimer()) {
            m.setHeader(hf.createRequireHeader("timer"));
        }
    }

    /** RFC 4028 section 6: the Min-SE of our 422 (Session Interval Too Small). */
    static void writeMinSe(Message m, HeaderFactory hf, SessionTimerDecision tooSmall) throws ParseException {
        m.setHeader(hf.createHeader("Min-SE", Integer.toString(tooSmall.intervalSeconds())));
    }

    /** Delta-seconds, capped; a value that is no number reads as 0 (too small, so 422). */
    private static int deltaSeconds(String s) {
        String t = s.trim();
        if (t.isEmpty() || t.length() > 9 || !t.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Integer.parseInt(t);
    }

    private static String value(Message m, String name, String compact) {
        Header h = m.getHeader(name);
        if (h == null && compact != null) {
            h = m.getHeader(compact);
        }
        if (h == null) {
            return null;
        }
        String text = h.toString().trim();
        int colon = text.indexOf(':');
        return colon < 0 ? text : text.substring(colon + 1).trim();
    }

    private static boolean hasTag(Message m, String name, String compact) {
        for (String n : compact == null ? new String[] {name} : new String[] {name, compact}) {
            Iterator<?> it = m.getHeaders(n);
            while (it != null && it.hasNext()) {
                Object h = it.next();
                String text = h.toString();
                int colon = text.indexOf(':');
                for (String tag : text.substring(colon + 1).split(",")) {
                    if (tag.trim().toLowerCase(Locale.ROOT).equals("timer")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
