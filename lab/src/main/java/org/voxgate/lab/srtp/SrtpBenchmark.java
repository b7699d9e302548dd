package org.voxgate.lab.srtp;

import java.util.Random;
import java.util.concurrent.TimeUnit;

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
import org.voxgate.srtp.SrtpContext;
import org.voxgate.srtp.SrtpKeys;
import org.voxgate.srtp.SrtpPacket;
import org.voxgate.srtp.SrtpPolicy;
import org.voxgate.srtp.SrtpProfile;
import org.voxgate.srtp.SrtpStatus;

/**
 * Voxgate SRTP: packets per second on one thread. {@code protect} protects one RTP packet
 * (12-byte header + payload) with a fresh sequence number; {@code roundTrip} protects it and
 * unprotects it with a receiving context, so unprotect costs roundTrip minus protect (an
 * unprotect alone cannot repeat a packet: the replay window refuses it).
 *
 * <pre>java -jar lab/target/benchmarks.jar SrtpBenchmark -prof gc</pre>
 *
 * <p>The fork runs with {@link #OPENS} and {@link #OPENS_GCM}, as the server does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = BenchmarkDefaults.FORKS, jvmArgsAppend = {SrtpBenchmark.OPENS, SrtpBenchmark.OPENS_GCM})
@Warmup(iterations = BenchmarkDefaults.WARMUP_ITERATIONS, time = BenchmarkDefaults.WARMUP_SECONDS)
@Measurement(iterations = BenchmarkDefaults.MEASUREMENT_ITERATIONS, time = BenchmarkDefaults.MEASUREMENT_SECONDS)
public class SrtpBenchmark {
    /**
     * What the {@code voxgate} launcher gives the server: lets HMAC-SHA1 restore precomputed pad
     * states ({@link SrtpContext#hmacFastPath()}). A {@code -jvmArgsAppend} on JMH's command line
     * replaces it and {@link #OPENS_GCM}: {@code -jvmArgsAppend "-Dvoxgate.srtp.hmacFastPath=false
     * -Dvoxgate.srtp.ghashFastPath=false"} measures the fallbacks.
     */
    static final String OPENS = "--add-opens=java.base/sun.security.provider=ALL-UNNAMED";
    /** Lets AES-GCM use the JDK's GHASH ({@link SrtpContext#gcmFastPath()}). */
    static final String OPENS_GCM = "--add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED";

    static final int SSRC = 0x1234_5678;

    @Param({"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    public String profile;

    @Param({"160", "1000"})
    public int payload;

    private SrtpContext tx;
    private SrtpContext rx;
    private byte[] plain;
    private byte[] buf;
    private SrtpPacket packet;
    private int seq;

    @Setup
    public void setup() {
        SrtpProfile p = SrtpProfile.valueOf(profile);
        System.err.println("# voxgate hmacFastPath=" + SrtpContext.hmacFastPath()
                + " gcmFastPath=" + SrtpContext.gcmFastPath());
        Random r = new Random(1);
        byte[] key = new byte[p.masterKeyLength()];
        byte[] salt = new byte[p.masterSaltLength()];
        r.nextBytes(key);
        r.nextBytes(salt);
        try (SrtpKeys keys = new SrtpKeys(key, salt)) {
            tx = SrtpContext.forSending(SrtpPolicy.of(p), keys);
            rx = SrtpContext.forReceiving(SrtpPolicy.of(p), keys);
        }
        plain = rtpPacket(payload, r);
        buf = new byte[plain.length + tx.maxOverhead()];
        packet = new SrtpPacket();
    }

    static byte[] rtpPacket(int payload, Random r) {
        byte[] b = new byte[12 + payload];
        r.nextBytes(b);
        b[0] = (byte) 0x80;
        b[1] = 0;
        b[8] = (byte) (SSRC >>> 24);
        b[9] = (byte) (SSRC >>> 16);
        b[10] = (byte) (SSRC >>> 8);
        b[11] = (byte) SSRC;
        return b;
    }

    private void next() {
        System.arraycopy(plain, 0, buf, 0, plain.length);
        int s = seq++;
        buf[2] = (byte) (s >>> 8);
        buf[3] = (byte) s;
        packet.set(buf, 0, plain.length);
    }

    @Benchmark
    public int protect() {
        next();
        if (tx.protect(packet) != SrtpStatus.OK) {
            throw new IllegalStateException();
        }
        return packet.length();
    }

    @Benchmark
    public int roundTrip() {
        next();
        if (tx.protect(packet) != SrtpStatus.OK || rx.unprotect(packet) != SrtpStatus.OK) {
            throw new IllegalStateException();
        }
        return packet.length();
    }
}
