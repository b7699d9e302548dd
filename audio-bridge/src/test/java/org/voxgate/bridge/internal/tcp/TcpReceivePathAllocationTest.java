package org.voxgate.bridge.internal.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.voxgate.bridge.internal.rtp.RtpPacket;

/**
 * The per-packet work of a TCP media connection's receive side (deframing across segments, the
 * hand-off ring to the leg's loop and its drain) allocates nothing once warm.
 */
class TcpReceivePathAllocationTest {

    @Test
    void deframeAndHandOffAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] delivered = {0};
        TcpMediaLink link = new TcpMediaLink("L1", TcpMediaLink.Role.PASSIVE, false, InetAddress.getLoopbackAddress(),
                List.of(), null, Runnable::run, (p, n, from) -> delivered[0] += n, 1510);
        Rfc4571Deframer deframer = new Rfc4571Deframer(1510);
        Rfc4571Deframer.FrameSink sink = link::offer;
        // 50 frames of 12 + 160 bytes, fed in 97-byte segments so frames and length fields split.
        // Heap buffers wrapped once: not leak-tracked (tests run paranoid leak detection, which
        // records every access of tracked buffers), and reused each round.
        ByteBuf wire = Unpooled.buffer(50 * 174);
        byte[] packet = new byte[172];
        for (int i = 0; i < 50; i++) {
            RtpPacket.writeHeader(packet, 0, false, 0, i, 160L * i, 42);
            Rfc4571Framer.write(wire, packet, 0, packet.length);
        }
        byte[] bytes = new byte[wire.readableBytes()];
        wire.readBytes(bytes);
        java.util.List<ByteBuf> segments = new java.util.ArrayList<>();
        for (int off = 0; off < bytes.length; off += 97) {
            segments.add(Unpooled.wrappedBuffer(bytes, off, Math.min(97, bytes.length - off)));
        }
        Runnable round = () -> {
            for (int i = 0; i < segments.size(); i++) {
                ByteBuf segment = segments.get(i);
                segment.readerIndex(0);
                deframer.feed(segment, sink);
            }
        };
        for (int w = 0; w < 200; w++) {
            round.run(); // warm up (JIT, escape analysis of the slices)
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        long framesBefore = deframer.frames();
        for (int r = 0; r < 200; r++) {
            round.run();
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        long frames = deframer.frames() - framesBefore;
        System.out.printf("TCP receive path: %d bytes allocated over %d frames%n", allocated, frames);
        assertThat(frames).isEqualTo(10_000);
        assertThat(link.inboundDrops()).isZero();
        assertThat(delivered[0]).isEqualTo(400L * 50 * 172);
        assertThat(allocated).as("bytes allocated by 10,000 frames").isLessThan(1024);
    }
}
