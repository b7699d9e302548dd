/**
 * Generated conference tones (entry chime, exit chime, key beep), rendered as linear PCM at the
 * mix rate.
 *
 * <p>No standard prescribes conference chimes; the frequencies are chosen away from the
 * ITU-T Q.23 DTMF frequencies and from the ITU-T E.180 call-progress tones (425/440/480 Hz
 * families) so a chime is never mistaken for either. Every note has raised-cosine fades so
 * there is no click at its edges.
 */
package org.voxgate.bridge.internal.tone;
