package org.voxgate.srtp.internal.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK's own SHA-1 compression function ({@code sun.security.provider.SHA}), reached through
 * method handles so that the JIT still replaces it with the CPU's SHA extensions, and its chaining
 * state ({@code int[5]}) exposed so that a state can be saved and restored.
 *
 * <p>Needs {@code --add-opens java.base/sun.security.provider=ALL-UNNAMED}. Without it (or with
 * {@code -D}{@value #PROPERTY}{@code =false}, or when the self-test at class initialisation does
 * not give FIPS 180-4's digest of "abc") {@link #available()} is false and callers use
 * {@code MessageDigest}. Which path is used is logged once at INFO.
 *
 * <p>What is relied on, present unchanged in JDK 17 to 25: the public no-argument constructor of
 * {@code SHA}, its {@code int[] state} field (allocated once per instance and updated in place),
 * {@code SHA.implCompress(byte[], int)} (one 64-byte block; its {@code implCompress0} is the
 * intrinsic) and {@code DigestBase.implCompressMultiBlock(byte[], int, int)} (blocks from
 * {@code ofs} while {@code ofs <= limit}; the multi-block intrinsic). The handles are looked up
 * once, here; per block nothing reflective happens.
 */
final class JdkSha1 {
    /** System property; {@code false} forces the {@code MessageDigest} path. */
    public static final String PROPERTY = "voxgate.srtp.hmacFastPath";

    private static final Logger LOG = LoggerFactory.getLogger(JdkSha1.class);
    private static final MethodHandle NEW;
    private static final MethodHandle COMPRESS;
    private static final MethodHandle COMPRESS_BLOCKS;
    private static final VarHandle STATE;
    private static final String UNAVAILABLE_BECAUSE;

    static {
        MethodHandle newSha = null;
        MethodHandle compress = null;
        MethodHandle blocks = null;
        VarHandle state = null;
        String why = null;
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"))) {
            why = "-D" + PROPERTY + "=false";
        } else {
            try {
                Class<?> sha = Class.forName("sun.security.provider.SHA");
                Class<?> base = Class.forName("sun.security.provider.DigestBase");
                MethodHandles.Lookup inSha = MethodHandles.privateLookupIn(sha, MethodHandles.lookup());
                MethodHandles.Lookup inBase = MethodHandles.privateLookupIn(base, MethodHandles.lookup());
                newSha = inSha.findConstructor(sha, MethodType.methodType(void.class))
                        .asType(MethodType.methodType(Object.class));
                compress = inSha.findVirtual(sha, "implCompress",
                                MethodType.methodType(void.class, byte[].class, int.class))
                        .asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class));
                blocks = inBase.findVirtual(base, "implCompressMultiBlock",
                                MethodType.methodType(int.class, byte[].class, int.class, int.class))
                        .asType(MethodType.methodType(int.class, Object.class, byte[].class, int.class,
                                int.class));
                state = inSha.findVarHandle(sha, "state", int[].class);
                if (!selfTest(newSha, compress, blocks, state)) {
                    why = "self-test against FIPS 180-4 failed";
                }
            } catch (Throwable e) { // IllegalAccessException, InaccessibleObjectException, NoSuch...
                why = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
        if (why == null) {
            NEW = newSha;
            COMPRESS = compress;
            COMPRESS_BLOCKS = blocks;
            STATE = state;
            LOG.info("SRTP HMAC-SHA1: precomputed pad states over the JDK's SHA-1 compression");
        } else {
            NEW = null;
            COMPRESS = null;
            COMPRESS_BLOCKS = null;
            STATE = null;
            LOG.info("SRTP HMAC-SHA1: MessageDigest path, pads hashed per packet ({}); "
                    + "java --add-opens java.base/sun.security.provider=ALL-UNNAMED enables the "
                    + "faster path", why);
        }
        UNAVAILABLE_BECAUSE = why;
    }

    private final Object sha;
    private final int[] state;

    /** @throws IllegalStateException when {@link #available()} is false */
    public JdkSha1() {
        if (NEW == null) {
            throw new IllegalStateException("JDK SHA-1 compression unavailable: " + UNAVAILABLE_BECAUSE);
        }
        try {
            sha = (Object) NEW.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        state = (int[]) STATE.get(sha);
    }

    /** True when the JDK's compression function is reachable and passed the self-test. */
    public static boolean available() {
        return NEW != null;
    }

    /** Why {@link #available()} is false, or null. */
    public static String unavailableBecause() {
        return UNAVAILABLE_BECAUSE;
    }

    /**
     * The live chaining state H0..H4: read it after compressing, overwrite it to restore a saved
     * state. Starts as the SHA-1 initial value.
     */
    public int[] state() {
        return state;
    }

    /** Compresses the 64-byte block {@code b[off..off+64)} into {@link #state()}. */
    public void compress(byte[] b, int off) {
        try {
            COMPRESS.invokeExact(sha, b, off);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /**
     * Compresses {@code blocks >= 1} consecutive 64-byte blocks starting at {@code b[off]}.
     *
     * @throws IndexOutOfBoundsException if the blocks are not all inside {@code b}
     */
    public void compressBlocks(byte[] b, int off, int blocks) {
        // The JDK's own check (implCompressMultiBlockCheck) rounds the end down to a multiple of
        // 64 from index 0, so an unaligned range could reach past the array in the intrinsic:
        // check the whole range here.
        Objects.checkFromIndexSize(off, blocks << 6, b.length);
        try {
            int unused = (int) COMPRESS_BLOCKS.invokeExact(sha, b, off, off + ((blocks - 1) << 6));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException) {
            return (RuntimeException) e;
        }
        if (e instanceof Error) {
            throw (Error) e;
        }
        return new IllegalStateException(e);
    }

    /** SHA-1("abc") (FIPS 180-4 example, one block) and SHA-1 of 128 'a' (two blocks at once). */
    private static boolean selfTest(MethodHandle newSha, MethodHandle compress, MethodHandle blocks,
                                    VarHandle stateHandle) throws Throwable {
        Object s = (Object) newSha.invokeExact();
        int[] st = (int[]) stateHandle.get(s);
        byte[] block = new byte[64];
        block[0] = 'a';
        block[1] = 'b';
        block[2] = 'c';
        block[3] = (byte) 0x80;
        block[63] = 24;
        compress.invokeExact(s, block, 0);
        int[] abc = {0xa9993e36, 0x4706816a, 0xba3e2571, 0x7850c26c, 0x9cd0d89d};
        if (!Arrays.equals(st, abc)) {
            return false;
        }
        Object t = (Object) newSha.invokeExact();
        int[] st2 = (int[]) stateHandle.get(t);
        int[] expected = sha1OfA128();
        byte[] a = new byte[128];
        Arrays.fill(a, (byte) 'a');
        int end = (int) blocks.invokeExact(t, a, 0, 64);
        Arrays.fill(block, (byte) 0);
        block[0] = (byte) 0x80;
        block[62] = 4; // 1024 bits
        compress.invokeExact(t, block, 0);
        return end == 128 && Arrays.equals(st2, expected);
    }

    private static int[] sha1OfA128() throws NoSuchAlgorithmException {
        byte[] a = new byte[128];
        Arrays.fill(a, (byte) 'a');
        byte[] d = MessageDigest.getInstance("SHA-1").digest(a);
        int[] r = new int[5];
        for (int i = 0; i < 5; i++) {
            r[i] = ((d[4 * i] & 0xff) << 24) | ((d[4 * i + 1] & 0xff) << 16)
                    | ((d[4 * i + 2] & 0xff) << 8) | (d[4 * i + 3] & 0xff);
        }
        return r;
    }
}
