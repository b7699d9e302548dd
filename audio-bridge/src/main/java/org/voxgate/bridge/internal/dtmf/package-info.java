/**
 * In-band DTMF detection, for callers whose gateway sends key presses as audio instead of
 * RFC 4733 events.
 *
 * <p>Signal: ITU-T Q.23 (the 4 x 4 frequency matrix, low group 697/770/852/941 Hz, high group
 * 1209/1336/1477/1633 Hz). Receiver: ITU-T Q.24 acceptance limits as applied here:
 * <ul>
 *   <li>frequency deviation up to +-1.5% is accepted, +-3.5% and more is rejected (limit at
 *       +-2.5%, measured from the phase slope of the tone);</li>
 *   <li>tones of 40 ms and more are accepted, tones shorter than 23 ms are rejected (limit at
 *       32 ms of measured tone energy);</li>
 *   <li>twist: the high group may be up to 4 dB above the low group (normal twist, the sending
 *       pre-emphasis), the low group up to 8 dB above the high group (reverse twist, from line
 *       loss at high frequencies);</li>
 *   <li>talk-off: the two tones must carry most of the signal energy and each must dominate
 *       its group, so speech and music, whose energy spreads over harmonics, do not fire; and
 *       a high tone at twice the low tone's measured frequency is taken for its second
 *       harmonic (a tone and its octave), not a key.</li>
 * </ul>
 *
 * <p>RFC 4733 telephone-events are turned into one digit per key press by
 * {@link org.voxgate.bridge.internal.dtmf.TelephoneEventReceiver} (sections 2.3, 2.5: events
 * identified by RTP timestamp, end bit, redundant end packets).
 */
package org.voxgate.bridge.internal.dtmf;
