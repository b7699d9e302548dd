/**
 * The lab's own ITU-T G.711 codecs, mu-law ({@link org.voxgate.lab.g711.MuLawCodec}) and A-law
 * ({@link org.voxgate.lab.g711.ALawCodec}), from the segment formulas, not the node's tables, so
 * the lab measures the node with an independent implementation and does not import bridge internals.
 */
package org.voxgate.lab.g711;
