/**
 * Delivery of listener callbacks: a small bridge-wide pool of event threads and, per leg, a
 * serial executor on top of it so callbacks of one leg run one at a time and in order, never on
 * a Netty event loop or a mixer thread.
 */
package org.voxgate.bridge.internal.event;
