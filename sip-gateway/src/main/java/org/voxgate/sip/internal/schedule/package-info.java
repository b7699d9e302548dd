/**
 * Timers behind one small interface so that the IVR and the RFC 4028 session timer run on a
 * real scheduled executor in production and on a fake clock in tests.
 */
package org.voxgate.sip.internal.schedule;
