/**
 * Codec benchmarks: G.711, G.722, Opus (libopus through opus-java) and L16 encode and decode cost
 * per 20 ms frame, and an Opus conference tick with decoding, mixing and encoding.
 */
package org.voxgate.lab.codec;
