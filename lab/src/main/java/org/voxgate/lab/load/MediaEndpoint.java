package org.voxgate.lab.load;

import java.io.IOException;
import java.net.SocketAddress;

/**
 * The media side of a generated call, as the SIP side ({@link LoadCall}) drives it: the RTP
 * port put in the SDP offer, start on the answer (with the keys to type), stop at hang-up, close
 * at the end. {@link CallMedia} is the load generator's; the quality meter has its own.
 */
public interface MediaEndpoint extends AutoCloseable {
    /** The local RTP port offered in the SDP. */
    int localPort() throws IOException;

    /**
     * The call was answered: send RTP to {@code to}, typing {@code keys} (e.g. "2468#") from
     * {@code keysAtNanos} ({@link System#nanoTime()} clock). Called once, from the SIP thread.
     */
    void start(SocketAddress to, String keys, long keysAtNanos);

    /** The one codec to offer (with telephone-event at its clock). */
    default LoadCodec offerCodec() {
        return LoadCodec.PCMU;
    }

    /** The a=crypto line to offer (the m-line then says RTP/SAVP), or null for plain RTP. */
    default String offerCrypto() {
        return null;
    }

    /**
     * The answer's SDP arrived (before {@link #start}): take its keys when SRTP was offered.
     *
     * @return null when the media can start, otherwise why not (the call is then hung up and failed)
     */
    default String onAnswer(String answerSdp) {
        return null;
    }

    /** Stop sending (hang-up under way); receiving may go on. */
    void stop();

    /** Release the socket; never throws. */
    @Override
    void close();
}
