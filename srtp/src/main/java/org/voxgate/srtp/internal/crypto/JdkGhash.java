package org.voxgate.srtp.internal.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK's own GHASH ({@code com.sun.crypto.provider.GHASH}), whose block loop the JIT replaces
 * with carry-less multiplication (PCLMULQDQ): about 1.2 ns per 16-byte block here against about
 * 11 ns for {@link Ghash}'s tables. Reached through method handles, one object per key, with its
 * 128-bit state ({@code long[2]}, Y as two big-endian words) read and cleared directly; the
 * JCA's {@code AES/GCM} cipher, which wraps it, allocates ~950 bytes on every {@code init}.
 *
 * <p>Needs {@code --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED}. Without it (or
 * with {@code -D}{@value #PROPERTY}{@code =false}, or when the self-test at class initialisation
 * disagrees with {@link Ghash}'s tables) {@link #available()} is false and {@link Ghash} uses its
 * tables. Which path is used is logged once at INFO.
 *
 * <p>What is relied on, present unchanged in JDK 17 to 25: the package-private
 * {@code GHASH(byte[] subkeyH)} constructor, {@code int update(byte[], int, int)} (hashes the
 * whole blocks of the range, after a bounds check), and the fields {@code long[] state} and
 * {@code long[] subkeyHtbl} (wiped on close).
 */
final class JdkGhash {
    /** System property; {@code false} forces {@link Ghash}'s tables. */
    static final String PROPERTY = "voxgate.srtp.ghashFastPath";

    private static final Logger LOG = LoggerFactory.getLogger(JdkGhash.class);
    private static final MethodHandle NEW;
    private static final MethodHandle UPDATE;
    private static final VarHandle STATE;
    private static final VarHandle SUBKEY_TABLE;
    private static final String UNAVAILABLE_BECAUSE;

    static {
        MethodHandle newGhash = null;
        MethodHandle update = null;
        VarHandle state = null;
        VarHandle table = null;
        String why = null;
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"))) {
            why = "-D" + PROPERTY + "=false";
        } else {
            try {
                Class<?> g = Class.forName("com.sun.crypto.provider.GHASH");
                MethodHandles.Lookup in = MethodHandles.privateLookupIn(g, MethodHandles.lookup());
                newGhash = in.findConstructor(g, MethodType.methodType(void.class, byte[].class))
                        .asType(MethodType.methodType(Object.class, byte[].class));
                update = in.findVirtual(g, "update",
                                MethodType.methodType(int.class, byte[].class, int.class, int.class))
                        .asType(MethodType.methodType(int.class, Object.class, byte[].class, int.class,
                                int.class));
                state = in.findVarHandle(g, "state", long[].class);
                table = in.findVarHandle(g, "subkeyHtbl", long[].class);
                if (!selfTest(newGhash, update, state)) {
                    why = "self-test against the table GHASH failed";
                }
            } catch (Throwable e) { // IllegalAccessException, InaccessibleObjectException, NoSuch...
                why = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
        if (why == null) {
            NEW = newGhash;
            UPDATE = update;
            STATE = state;
            SUBKEY_TABLE = table;
            LOG.info("SRTP AES-GCM: the JDK's GHASH (carry-less multiply)");
        } else {
            NEW = null;
            UPDATE = null;
            STATE = null;
            SUBKEY_TABLE = null;
            LOG.info("SRTP AES-GCM: table GHASH ({}); java --add-opens "
                    + "java.base/com.sun.crypto.provider=ALL-UNNAMED enables the faster JDK GHASH", why);
        }
        UNAVAILABLE_BECAUSE = why;
    }

    private final Object ghash;
    /** Y: high word, low word. */
    final long[] state;

    /** @throws IllegalStateException when {@link #available()} is false */
    JdkGhash(byte[] h) {
        if (NEW == null) {
            throw new IllegalStateException("JDK GHASH unavailable: " + UNAVAILABLE_BECAUSE);
        }
        try {
            ghash = (Object) NEW.invokeExact(h);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        state = (long[]) STATE.get(ghash);
    }

    static boolean available() {
        return NEW != null;
    }

    static String unavailableBecause() {
        return UNAVAILABLE_BECAUSE;
    }

    /** Y = (Y ^ X) * H for the {@code count >= 1} blocks at {@code b[off..off+16*count)}. */
    void blocks(byte[] b, int off, int count) {
        try {
            int unused = (int) UPDATE.invokeExact(ghash, b, off, count << 4);
        } catch (Throwable e) {
            if (e instanceof RuntimeException) {
                throw (RuntimeException) e;
            }
            if (e instanceof Error) {
                throw (Error) e;
            }
            throw new IllegalStateException(e);
        }
    }

    void wipe() {
        Arrays.fill(state, 0L);
        Object t = SUBKEY_TABLE.get(ghash);
        if (t != null) {
            Arrays.fill((long[]) t, 0L);
        }
    }

    /** Random blocks through the JDK's GHASH and the compact table, which must agree. */
    private static boolean selfTest(MethodHandle newGhash, MethodHandle update, VarHandle stateHandle)
            throws Throwable {
        Random r = new Random(7);
        byte[] h = new byte[16];
        r.nextBytes(h);
        byte[] data = new byte[16 * 9];
        r.nextBytes(data);
        Object g = (Object) newGhash.invokeExact(h);
        int done = (int) update.invokeExact(g, data, 0, data.length);
        long[] st = (long[]) stateHandle.get(g);
        Ghash table = new Ghash(h, Ghash.Mode.COMPACT);
        table.updatePadded(data, 0, data.length);
        byte[] y = new byte[16];
        table.state(y);
        return done == data.length && st[0] == (long) Bytes.LONG_BE.get(y, 0)
                && st[1] == (long) Bytes.LONG_BE.get(y, 8);
    }
}
