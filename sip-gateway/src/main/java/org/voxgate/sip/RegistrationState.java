package org.voxgate.sip;

/**
 * Where the outbound registration of one trunk stands (RFC 3261 section 10.2).
 *
 * <pre>
 *  REGISTERING ──200──► REGISTERED ──refresh 200──► REGISTERED
 *      │  ▲                  │ refresh fails
 *      │  └── back-off ──────┤
 *      ├─ 408/5xx/timeout on every host ──► RETRYING ──timer──► REGISTERING
 *      └─ 401 after our answer, 403, 404, foreign challenge ──► FAILED ──timer──► REGISTERING
 *  removed / disabled / changed / close ──► UNREGISTERING (Expires: 0) ──► UNREGISTERED
 * </pre>
 */
public enum RegistrationState {
    /** A REGISTER is on its way (first one, or after a back-off). */
    REGISTERING,
    /** The registrar holds our binding; a refresh is scheduled before it expires. */
    REGISTERED,
    /** Every host failed (timeout, 408, 5xx, 503): waiting out an exponential back-off or Retry-After. */
    RETRYING,
    /** The registrar refused us (wrong credentials, 403, 404, a challenge we would not answer); back-off. */
    FAILED,
    /** Removing our binding (REGISTER with Expires: 0). */
    UNREGISTERING,
    /** No binding, nothing scheduled. */
    UNREGISTERED
}
