package org.voxgate.lab.srtp;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.ByteArrayBuffer;
import org.jitsi.utils.logging2.LoggerImpl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.voxgate.lab.bench.BenchmarkDefaults;

/**
 * The same work as {@link SrtpBenchmark} with org.jitsi:jitsi-srtp (jitsi-videobridge's SRTP),
 * using whatever AES provider it picks at start (without its native OpenSSL library it picks a
 * JCA one).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(BenchmarkDefaults.FORKS)
@Warmup(iterations = BenchmarkDefaults.WARMUP_ITERATIONS, time = BenchmarkDefaults.WARMUP_SECONDS)
@Measurement(iterations = BenchmarkDefaults.MEASUREMENT_ITERATIONS, time = BenchmarkDefaults.MEASUREMENT_SECONDS)
public class JitsiSrtpBenchmark {

    @Param({"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    public String profile;

    @Param({"160", "1000"})
    public int payload;

    private SrtpCryptoContext tx;
    private SrtpCryptoContext rx;
    private byte[] plain;
    private Buffer packet;
    private int seq;

    /** jitsi-srtp's buffer interface over one reused array. */
    static final class Buffer implements ByteArrayBuffer {
        byte[] buf;
        int off;
        int len;

        Buffer(int capacity) { buf = new byte[capacity]; }

        @Override public byte[] getBuffer() { return buf; }
        @Override public int getOffset() { return off; }
        @Override public int getLength() { return len; }
        @Override public void setLength(int l) { len = l; }
        @Override public void setOffset(int o) { off = o; }
        @Override public boolean isInvalid() { return false; }
        @Override public void readRegionToBuff(int o, int l, byte[] out) { System.arraycopy(buf, off + o, out, 0, l); }
        @Override public void grow(int howMuch) {
            if (off + len + howMuch > buf.length) {
                buf = java.util.Arrays.copyOf(buf, off + len + howMuch);
            }
        }
        @Override public void append(byte[] data, int l) {
            grow(l);
            System.arraycopy(data, 0, buf, off + len, l);
            len += l;
        }
        @Override public void shrink(int l) { len = Math.max(0, len - l); }
    }

    @Setup
    public void setup() throws Exception {
        boolean gcm = profile.equals("AEAD_AES_128_GCM");
        SrtpPolicy policy = gcm
                ? new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, 16, SrtpPolicy.NULL_AUTHENTICATION, 0, 16, 12)
                : new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, 16, SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, 10, 14);
        Random r = new Random(1);
        byte[] key = new byte[16];
        byte[] salt = new byte[gcm ? 12 : 14];
        r.nextBytes(key);
        r.nextBytes(salt);
        LoggerImpl log = new LoggerImpl("bench");
        log.setLevelWarn();
        tx = new SrtpContextFactory(true, key, salt, policy, policy, log).deriveContext(SrtpBenchmark.SSRC, 0);
        rx = new SrtpContextFactory(false, key, salt, policy, policy, log).deriveContext(SrtpBenchmark.SSRC, 0);
        plain = SrtpBenchmark.rtpPacket(payload, r);
        packet = new Buffer(plain.length + 64);
    }

    private void next() {
        System.arraycopy(plain, 0, packet.buf, 0, plain.length);
        int s = seq++;
        packet.buf[2] = (byte) (s >>> 8);
        packet.buf[3] = (byte) s;
        packet.off = 0;
        packet.len = plain.length;
    }

    @Benchmark
    public int protect() throws Exception {
        next();
        if (tx.transformPacket(packet) != SrtpErrorStatus.OK) {
            throw new IllegalStateException();
        }
        return packet.len;
    }

    @Benchmark
    public int roundTrip() throws Exception {
        next();
        if (tx.transformPacket(packet) != SrtpErrorStatus.OK || rx.reverseTransformPacket(packet, false) != SrtpErrorStatus.OK) {
            throw new IllegalStateException();
        }
        return packet.len;
    }
}
