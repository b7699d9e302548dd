package org.voxgate.lab.trunk;

/**
 * One step of a trunk test and what came of it.
 *
 * @param name        what was checked ("trunk", "dns carrier.example", "OPTIONS 192.0.2.7:5060/udp", ...)
 * @param outcome     OK, WARN (works, but look at it), FAIL or SKIPPED
 * @param millis      how long the step took
 * @param detail      what was seen (status line, state, addresses)
 * @param explanation for WARN and FAIL, what it most likely means and what to do; empty for OK
 */
public record Step(String name, Outcome outcome, long millis, String detail, String explanation) {

    public enum Outcome { OK, WARN, FAIL, SKIPPED }

    static Step ok(String name, long millis, String detail) {
        return new Step(name, Outcome.OK, millis, detail, "");
    }
}
