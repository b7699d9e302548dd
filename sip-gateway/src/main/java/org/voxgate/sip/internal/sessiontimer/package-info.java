/**
 * RFC 4028 session timers, as pure decisions: what interval and refresher to answer an INVITE
 * or UPDATE with (section 9), when to answer 422 (section 5 and 9), and when a refresh is due
 * or the session is over (section 10). The SIP layer applies them.
 */
package org.voxgate.sip.internal.sessiontimer;
