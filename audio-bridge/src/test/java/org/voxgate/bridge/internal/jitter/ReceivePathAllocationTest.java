package org.voxgate.bridge.internal.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;
import org.voxgate.bridge.internal.codec.G711;
import org.voxgate.bridge.internal.codec.G711Plc;
import org.voxgate.bridge.internal.dtmf.TelephoneEventReceiver;
import org.voxgate.bridge.internal.rtp.ReceiveStatistics;
import org.voxgate.bridge.internal.rtp.RtpPacket;

/**
 * The per-packet and per-frame work of a leg (parse, statistics, RFC 4733, jitter buffer,
 * decode, concealment, encode) allocates nothing once warm.
 */
class ReceivePathAllocationTest {

    @Test
    void steadyStateAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        RtpPacket packet = new RtpPacket();
        ReceiveStatistics stats = new ReceiveStatistics(8000);
        TelephoneEventReceiver events = new TelephoneEventReceiver(8000);
        JitterBuffer jitter = new JitterBuffer(8000, 20, 20, 200, 512);
        G711Plc plc = new G711Plc();
        byte[] wire = new byte[12 + 160];
        byte[] payload = new byte[512];
        short[] pcm = new short[160];
        byte[] dtmf = {5, 10, 0, (byte) 160};
        long now = 1_000_000_000L;
        Runnable[] loop = new Runnable[1];
        long[] clock = {now};
        loop[0] = () -> {
            for (int i = 0; i < 2000; i++) {
                int seq = i & 0xFFFF;
                RtpPacket.writeHeader(wire, 0, false, 0, seq, 160L * i, 42);
                packet.parse(wire, 0, wire.length);
                stats.onPacket(packet.sequenceNumber(), packet.timestamp(), clock[0]);
                events.onPacket(4242, dtmf, 0, 4, clock[0]);
                if (i % 10 != 3) { // lose one packet in ten
                    jitter.insert(seq, packet.timestamp(), wire, packet.payloadOffset(), packet.payloadLength(), clock[0]);
                }
                int n = jitter.poll(clock[0], payload);
                if (n >= 0) {
                    G711.PCMU.decode(payload, 0, pcm, 0, n);
                    plc.onGoodFrame(pcm, 0, n);
                } else {
                    plc.conceal(pcm, 0, 160);
                }
                G711.PCMA.encode(pcm, 0, payload, 0, 160);
                clock[0] += 20_000_000L;
            }
        };
        for (int w = 0; w < 5; w++) {
            loop[0].run(); // warm up (JIT, class init)
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        loop[0].run();
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(jitter.lost()).isPositive();
        assertThat(allocated).as("bytes allocated by 2000 packets").isLessThan(1024);
    }
}
