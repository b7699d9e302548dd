package org.voxgate.sip.fake;

/** What the ITs' {@code @AfterAll} share: closing what a failed {@code @BeforeAll} may not have opened. */
public final class Resources {
    private Resources() {
    }

    /** Closes each resource that is not null, in the given order (a gateway before its bridge). */
    public static void closeAll(AutoCloseable... resources) throws Exception {
        for (AutoCloseable r : resources) {
            if (r != null) {
                r.close();
            }
        }
    }
}
