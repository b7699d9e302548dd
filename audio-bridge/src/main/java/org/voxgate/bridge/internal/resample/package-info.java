/**
 * Sample-rate conversion between the bridge's rates (8, 16 and 48 kHz): codecs at one rate,
 * a conference mixed at another, prompts stored at 16 kHz.
 *
 * <p>Polyphase FIR filters from a Kaiser-windowed sinc (J. F. Kaiser, "Nonrecursive digital
 * filter design using the I0-sinh window function", 1974; the design formulas are those of
 * Oppenheim and Schafer, Discrete-Time Signal Processing, section 7.6): pass band to 43% of the
 * lower rate, stop band from its Nyquist frequency, 60 dB design attenuation, so aliases and
 * images stay at least 40 dB down.
 */
package org.voxgate.bridge.internal.resample;
