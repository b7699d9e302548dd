package org.voxgate.srtp.internal.transform;

/**
 * SSRC to {@link Stream} lookup without allocation: a small array searched linearly, with the
 * last hit checked first (a context usually carries one or two SSRCs).
 */
public final class StreamTable {
    private final Stream[] streams;
    private int size;
    private Stream last;

    public StreamTable(int capacity) {
        this.streams = new Stream[capacity];
    }

    public Stream get(int ssrc) {
        Stream l = last;
        if (l != null && l.ssrc == ssrc) {
            return l;
        }
        for (int i = 0; i < size; i++) {
            Stream s = streams[i];
            if (s.ssrc == ssrc) {
                last = s;
                return s;
            }
        }
        return null;
    }

    public boolean isFull() {
        return size == streams.length;
    }

    public void add(Stream s) {
        if (isFull()) {
            throw new IllegalStateException("stream table full");
        }
        streams[size++] = s;
        last = s;
    }

    public int size() {
        return size;
    }

    public Stream at(int i) {
        return streams[i];
    }

    public void clear() {
        for (int i = 0; i < size; i++) {
            streams[i] = null;
        }
        size = 0;
        last = null;
    }
}
