package org.voxgate.bridge.internal.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The deframer against random streams: framed packets cut at random points come out whole and
 * in order, and arbitrary bytes never throw, never deliver an oversize frame, and break only on
 * a too-long LENGTH.
 */
class Rfc4571DeframerFuzzTest {
    private static final int MAX = 1600;

    @Property(tries = 500)
    void framedPacketsSurviveAnySegmentation(@ForAll @Size(max = 30) List<@Size(max = 300) byte[]> packets,
                                            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 700) Integer> cuts) {
        ByteBuf wire = Unpooled.buffer();
        List<byte[]> sent = new ArrayList<>();
        for (byte[] p : packets) {
            if (p.length == 0) {
                wire.writeShort(0); // an empty frame: skipped
            } else {
                Rfc4571Framer.write(wire, p, 0, p.length);
                sent.add(p);
            }
        }
        Rfc4571Deframer d = new Rfc4571Deframer(MAX);
        List<byte[]> got = new ArrayList<>();
        int cut = 0;
        while (wire.isReadable()) {
            int n = Math.min(cuts.get(cut++ % cuts.size()), wire.readableBytes());
            ByteBuf segment = wire.readRetainedSlice(n);
            assertThat(d.feed(segment, (b, off, len) -> got.add(java.util.Arrays.copyOfRange(b, off, off + len))))
                    .isEqualTo(Rfc4571Deframer.Status.OK);
            assertThat(segment.isReadable()).isFalse();
            segment.release();
        }
        assertThat(got).containsExactlyElementsOf(sent);
        assertThat(d.midFrame()).isFalse();
        assertThat(d.emptyFrames()).isEqualTo(packets.size() - sent.size());
    }

    @Property(tries = 2000)
    void arbitraryBytesNeverThrowNorOverflow(@ForAll @Size(max = 3000) byte[] stream,
                                            @ForAll @IntRange(min = 1, max = 500) int segment,
                                            @ForAll @IntRange(min = 1, max = 2000) int max) {
        Rfc4571Deframer d = new Rfc4571Deframer(max);
        long[] delivered = {0};
        boolean brokenSeen = false;
        for (int off = 0; off < stream.length; off += segment) {
            int n = Math.min(segment, stream.length - off);
            Rfc4571Deframer.Status s = d.feed(Unpooled.wrappedBuffer(stream, off, n), (b, o, len) -> {
                assertThat(len).isBetween(1, max);
                delivered[0]++;
            });
            if (brokenSeen) {
                assertThat(s).isEqualTo(Rfc4571Deframer.Status.BROKEN);
            }
            brokenSeen |= s == Rfc4571Deframer.Status.BROKEN;
        }
        assertThat(d.frames()).isEqualTo(delivered[0]);
        assertThat(d.broken()).isEqualTo(brokenSeen);
    }
}
