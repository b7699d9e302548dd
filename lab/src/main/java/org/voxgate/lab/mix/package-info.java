/**
 * JMH benchmarks of the conference mixer ({@code org.voxgate.bridge.internal.mix.Mixer}) with
 * an ITU-T G.711 mu-law encoder, results in docs/BENCHMARKS.md.
 */
package org.voxgate.lab.mix;
