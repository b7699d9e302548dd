/**
 * Media clock: a small pool of threads that each own a set of periodic tasks (conferences, and
 * legs outside any conference) and run them every ptime. Work for a task is posted to its
 * thread with {@link org.voxgate.bridge.internal.clock.ClockThread#execute}, which is how state
 * crosses into a conference.
 */
package org.voxgate.bridge.internal.clock;
