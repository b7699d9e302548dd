/**
 * The dial-in IVR as a state machine with no SIP in it: greeting, access code, PIN, joining,
 * and the in-meeting keypad. It drives a {@link org.voxgate.bridge.api.MediaLeg} and reads
 * timers from a {@link org.voxgate.sip.internal.schedule.Scheduler}, so tests run it with a fake
 * bridge and a fake clock. Digits reach it from every source alike (RFC 4733 events, SIP INFO,
 * in-band tones), through {@link org.voxgate.bridge.api.LegListener#onDtmf}.
 *
 * <pre>
 *  start(IVR) ──► COLLECT_CODE ──code ok──► (PIN needed?) ──yes──► COLLECT_PIN ──pin ok──┐
 *  start(MEETING) ─────────────────────────────────┘ no ──────────────────────────────────┤
 *                       │ wrong x maxAttempts / silence           wrong x max / silence   ▼
 *                       └──────────────► ENDING (goodbye prompt) ◄── locked / full ◄── join
 *                                          │ playback finished                            │
 *                                          ▼                                              ▼
 *                                        ENDED (hang up)                            IN_MEETING
 * </pre>
 */
package org.voxgate.sip.internal.ivr;
