package org.voxgate.srtp.internal.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Word-wise byte-array helpers for the keystream code: eight bytes per step instead of one. */
final class Bytes {
    static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    /** For XOR only, where byte order does not matter: no byte swapping. */
    private static final VarHandle LONG_NATIVE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.nativeOrder());

    private Bytes() {
    }

    /** {@code dst[dstOff..dstOff+len) ^= src[srcOff..srcOff+len)}. */
    static void xor(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        int i = 0;
        for (int words = len & ~7; i < words; i += 8) {
            long d = (long) LONG_NATIVE.get(dst, dstOff + i);
            LONG_NATIVE.set(dst, dstOff + i, d ^ (long) LONG_NATIVE.get(src, srcOff + i));
        }
        for (; i < len; i++) {
            dst[dstOff + i] ^= src[srcOff + i];
        }
    }
}
