package org.voxgate.sip;

import java.util.Optional;

/**
 * The gateway's view of meetings and the dial plan; the server implements it over its store.
 * Called from SIP and IVR threads; implementations must be thread-safe and should answer
 * quickly (an in-memory lookup or a cached query).
 */
public interface MeetingDirectory {

    /**
     * The lookup for a route of no account ({@link DialPlanRoute#accountId()} null: the demo
     * number, reached by local callers).
     *
     * @param accessCode digits the caller entered, without the ending '#'
     * @return the meeting, or empty when no meeting has this code (the IVR counts a wrong try)
     */
    Optional<Meeting> findByAccessCode(String accessCode);

    /**
     * The IVR's lookup: a meeting of {@code accountId} only, so a caller on one tenant's number
     * can never reach another tenant's meeting. The default answers
     * {@link #findByAccessCode(String)} for a null account and nothing for any other
     * (a directory without accounts has no tenant meetings).
     *
     * @param accountId the account of the called number ({@link DialPlanRoute#accountId()}), or null
     * @param accessCode digits the caller entered, without the ending '#'
     * @return the meeting, or empty when the account has no meeting with this code
     */
    default Optional<Meeting> findByAccessCode(String accountId, String accessCode) {
        return accountId == null ? findByAccessCode(accessCode) : Optional.empty();
    }

    /**
     * @param calledNumber the user part of the Request-URI (the To user when the Request-URI
     *                     has none), for example "+4930123456" or "conf"
     * @return never null; {@link DialPlanRoute#notFound()} for numbers we do not serve. A number
     *         of an account carries it in {@link DialPlanRoute#accountId()}
     */
    DialPlanRoute route(String calledNumber);

    /**
     * The account (tenant) that owns a meeting, for keypad dial-out (*9), which dials through
     * that account's trunks only. The default knows no accounts, so keypad dial-out is refused.
     */
    default Optional<String> accountOf(String meetingId) {
        return Optional.empty();
    }
}
