/**
 * The lab's own ITU-T G.711 mu-law codec (segment formula, not the node's tables), so the lab
 * measures the node with an independent implementation and does not import bridge internals.
 */
package org.voxgate.lab.g711;
