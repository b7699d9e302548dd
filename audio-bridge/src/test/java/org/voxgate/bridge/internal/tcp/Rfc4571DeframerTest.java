package org.voxgate.bridge.internal.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class Rfc4571DeframerTest {
    private final List<byte[]> frames = new ArrayList<>();
    private final Rfc4571Deframer.FrameSink sink = (b, off, len) -> {
        byte[] copy = new byte[len];
        System.arraycopy(b, off, copy, 0, len);
        frames.add(copy);
    };

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void twoFramesInOneRead() {
        Rfc4571Deframer d = new Rfc4571Deframer(1500);
        ByteBuf in = Unpooled.wrappedBuffer(bytes(0, 3, 1, 2, 3, 0, 1, 9));
        assertThat(d.feed(in, sink)).isEqualTo(Rfc4571Deframer.Status.OK);
        assertThat(in.isReadable()).isFalse();
        assertThat(frames).containsExactly(bytes(1, 2, 3), bytes(9));
        assertThat(d.frames()).isEqualTo(2);
        assertThat(d.midFrame()).isFalse();
    }

    @Test
    void frameSplitEveryByteIncludingTheLengthField() {
        Rfc4571Deframer d = new Rfc4571Deframer(1500);
        byte[] wire = bytes(0x01, 0x02); // length 258
        byte[] all = new byte[2 + 258];
        System.arraycopy(wire, 0, all, 0, 2);
        for (int i = 0; i < 258; i++) {
            all[2 + i] = (byte) i;
        }
        for (int i = 0; i < all.length; i++) {
            d.feed(Unpooled.wrappedBuffer(all, i, 1), sink);
            assertThat(frames).hasSize(i == all.length - 1 ? 1 : 0);
        }
        assertThat(frames.get(0)).hasSize(258);
        assertThat(frames.get(0)[257]).isEqualTo((byte) 1);
    }

    @Test
    void zeroLengthFramesAreSkippedAndCountedAndKeepSync() {
        Rfc4571Deframer d = new Rfc4571Deframer(1500);
        d.feed(Unpooled.wrappedBuffer(bytes(0, 0, 0, 0, 0, 2, 7, 8, 0)), sink);
        d.feed(Unpooled.wrappedBuffer(bytes(0, 0, 1, 5)), sink);
        assertThat(frames).containsExactly(bytes(7, 8), bytes(5));
        assertThat(d.emptyFrames()).isEqualTo(3);
    }

    @Test
    void lengthAboveMaximumBreaksFramingForGood() {
        Rfc4571Deframer d = new Rfc4571Deframer(100);
        assertThat(d.feed(Unpooled.wrappedBuffer(bytes(0, 100)), sink)).isEqualTo(Rfc4571Deframer.Status.OK);
        d.feed(Unpooled.wrappedBuffer(new byte[100]), sink);
        assertThat(frames).hasSize(1);
        ByteBuf bad = Unpooled.wrappedBuffer(bytes(0, 101, 1, 2, 3));
        assertThat(d.feed(bad, sink)).isEqualTo(Rfc4571Deframer.Status.BROKEN);
        assertThat(bad.isReadable()).isFalse();
        assertThat(d.broken()).isTrue();
        assertThat(d.feed(Unpooled.wrappedBuffer(bytes(0, 1, 1)), sink)).isEqualTo(Rfc4571Deframer.Status.BROKEN);
        assertThat(frames).hasSize(1);
    }

    @Test
    void maximumLengthFrameFits() {
        Rfc4571Deframer d = new Rfc4571Deframer(65535);
        ByteBuf in = Unpooled.buffer();
        Rfc4571Framer.write(in, new byte[65535], 0, 65535);
        assertThat(d.feed(in, sink)).isEqualTo(Rfc4571Deframer.Status.OK);
        assertThat(frames.get(0)).hasSize(65535);
    }

    @Test
    void framerWritesLengthInNetworkOrderAndRefusesBadLengths() {
        ByteBuf out = Unpooled.buffer();
        byte[] p = new byte[300];
        Rfc4571Framer.write(out, p, 0, 300);
        assertThat(out.readableBytes()).isEqualTo(Rfc4571Framer.frameBytes(300));
        assertThat(out.getUnsignedByte(0)).isEqualTo((short) 1);
        assertThat(out.getUnsignedByte(1)).isEqualTo((short) 44);
        assertThatThrownBy(() -> Rfc4571Framer.write(out, p, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rfc4571Framer.write(out, new byte[70000], 0, 65536))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rfc4571Deframer(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rfc4571Deframer(65536)).isInstanceOf(IllegalArgumentException.class);
    }
}
