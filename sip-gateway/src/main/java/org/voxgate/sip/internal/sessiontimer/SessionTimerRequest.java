package org.voxgate.sip.internal.sessiontimer;

/**
 * What a session refresh or initial INVITE/UPDATE said about session timers.
 *
 * @param sessionExpiresSeconds Session-Expires delta-seconds, or -1 when absent
 * @param refresher             its refresher parameter, or null
 * @param minSeSeconds          Min-SE delta-seconds, or -1 when absent
 * @param uacSupportsTimer      "timer" appeared in Supported (or Require)
 */
public record SessionTimerRequest(int sessionExpiresSeconds, Refresher refresher, int minSeSeconds,
                                  boolean uacSupportsTimer) {
}
