package org.voxgate.lab.trunk;

/**
 * What a SIP answer, a registration state or a dial-out failure most likely means for an admin
 * checking a trunk, and what to try. Plain text; no network.
 */
final class Explanations {
    private Explanations() {}

    /** For the final status of an OPTIONS ping to a carrier host (0: no answer). */
    static String options(int status) {
        if (status == 0) {
            return "no answer: the host is down, a firewall drops SIP, or the port or transport is wrong"
                    + " (check the trunk's port and transport with the carrier)";
        }
        if (status >= 200 && status < 300) {
            return "";
        }
        if (status == 401 || status == 407) {
            return "the carrier answers but wants credentials even for OPTIONS; many do. Not a fault by itself";
        }
        if (status == 403) {
            return "the carrier refuses us: our address is probably not on its access list. Give the carrier"
                    + " this node's public address";
        }
        if (status == 404 || status == 405 || status == 501) {
            return "the carrier is there but does not answer OPTIONS as such; it is reachable, which is what counts";
        }
        if (status == 503) {
            return "the carrier is overloaded or in maintenance (503); try again later or use the next host";
        }
        return "the carrier answered " + status + "; reachable, but ask the carrier what this status means to it";
    }

    /** For a registration state from {@code GET /trunks/{id}/registration}. */
    static String registration(String state, String lastFailure, int lastStatus) {
        return switch (state) {
            case "REGISTERED", "NOT_CONFIGURED" -> "";
            case "REGISTERING", "UNREGISTERING" -> "a registration is in progress; run the test again in a few seconds";
            case "UNREGISTERED" -> "registration is configured but has not started: is the trunk enabled, and is"
                    + " the SIP gateway running on this node?";
            case "RETRYING" -> "the registrar did not answer or answered 5xx" + failure(lastFailure, lastStatus)
                    + "; the gateway retries with back-off and tries the next host";
            case "FAILED" -> (lastStatus == 401 || lastStatus == 407 || (lastFailure != null
                    && lastFailure.contains("credentials"))
                    ? "the registrar refused our credentials: check registerUsername, registerPassword and"
                    + " registerRealm with the carrier"
                    : "registration failed") + failure(lastFailure, lastStatus);
            default -> "unexpected state " + state + failure(lastFailure, lastStatus);
        };
    }

    private static String failure(String lastFailure, int lastStatus) {
        StringBuilder b = new StringBuilder();
        if (lastStatus > 0) {
            b.append(" (last answer ").append(lastStatus).append(')');
        }
        if (lastFailure != null && !lastFailure.isEmpty()) {
            b.append(": ").append(lastFailure);
        }
        return b.toString();
    }

    /** For a dial-out that ended FAILED with this failure (and the carrier's SIP status, 0 if none). */
    static String dialOut(String failure, int sipStatus) {
        if (failure == null) {
            return "";
        }
        return switch (failure) {
            case "NO_ANSWER" -> "the number rang but nobody answered before the ring timeout";
            case "BUSY" -> "the number is busy";
            case "DECLINED" -> "the callee declined the call";
            case "AUTH" -> "the carrier challenged us and did not accept our answer: check registerUsername,"
                    + " registerPassword and registerRealm (dial-out answers challenges with them)";
            case "NOT_CONFIRMED" -> "the callee answered but did not press 1; the trunk itself works";
            case "REJECTED" -> rejected(sipStatus);
            case "UNREACHABLE" -> "every host of the trunk timed out or answered 5xx: check hosts, port and"
                    + " transport, and that the carrier expects calls from this node's address";
            case "MEDIA" -> "the call was answered but media could not be set up: the carrier's SDP offered no"
                    + " codec of the trunk's list, or no media port was free";
            case "MEETING_UNAVAILABLE" -> "the callee pressed 1 but the meeting was locked or full";
            default -> "dial-out ended with " + failure + (sipStatus > 0 ? " (SIP " + sipStatus + ")" : "");
        };
    }

    private static String rejected(int status) {
        return switch (status) {
            case 403 -> "the carrier refused the call (403): our address or caller ID is not allowed, or the"
                    + " destination is barred on the account";
            case 404, 484, 604 -> "the carrier does not know the number (" + status + "): check its format (E.164)";
            case 480 -> "the callee is temporarily unavailable (480)";
            case 488, 606 -> "the carrier accepts none of our codecs (" + status + "): compare the trunk's codec list"
                    + " with the carrier's";
            default -> "the carrier rejected the call with " + status;
        };
    }
}
