package org.voxgate.bridge.internal.bridge;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Just enough of a SIP UAS (RFC 3261, UDP on loopback) for a softphone to dial into the bridge
 * in a test: INVITE (and re-INVITE) is answered 200 OK with the SDP a callback returns, BYE
 * 200 OK, ACK ignored, anything else 200 OK. No retransmissions, no authentication.
 */
final class MiniSipUas implements AutoCloseable {
    private final DatagramSocket socket;
    private final Function<String, String> answerer;
    private final Thread thread;
    private volatile boolean running = true;
    final Map<String, String> offers = new ConcurrentHashMap<>();

    /** @param answerer maps the Call-ID + "\n" + offer SDP to the answer SDP */
    MiniSipUas(Function<String, String> answerer) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.socket.setSoTimeout(100);
        this.answerer = answerer;
        this.thread = new Thread(this::run, "mini-sip-uas");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    String target() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void run() {
        byte[] buf = new byte[65_535];
        while (running) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            String msg = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            try {
                handle(msg, p.getSocketAddress());
            } catch (RuntimeException | IOException e) {
                System.err.println("mini UAS: " + e);
            }
        }
    }

    private void handle(String msg, java.net.SocketAddress from) throws IOException {
        int split = msg.indexOf("\r\n\r\n");
        String head = split < 0 ? msg : msg.substring(0, split);
        String body = split < 0 ? "" : msg.substring(split + 4);
        String[] lines = head.split("\r\n");
        String method = lines[0].split(" ")[0];
        if (method.startsWith("SIP/2.0") || method.equals("ACK")) {
            return;
        }
        List<String> vias = new ArrayList<>();
        String fromH = null;
        String to = null;
        String callId = null;
        String cseq = null;
        for (String l : lines) {
            String lower = l.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("via:") || lower.startsWith("v:")) {
                vias.add(l);
            } else if (lower.startsWith("from:") || lower.startsWith("f:")) {
                fromH = l;
            } else if (lower.startsWith("to:") || lower.startsWith("t:")) {
                to = l;
            } else if (lower.startsWith("call-id:") || lower.startsWith("i:")) {
                callId = l.substring(l.indexOf(':') + 1).trim();
            } else if (lower.startsWith("cseq:")) {
                cseq = l;
            }
        }
        String answer = "";
        if (method.equals("INVITE") && !body.isBlank()) {
            offers.put(callId, body);
            answer = answerer.apply(callId + "\n" + body);
        }
        StringBuilder r = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String v : vias) {
            r.append(v).append("\r\n");
        }
        r.append(fromH).append("\r\n");
        r.append(to).append(to.contains("tag=") ? "" : ";tag=bridge" + Math.abs(callId.hashCode())).append("\r\n");
        r.append("Call-ID: ").append(callId).append("\r\n").append(cseq).append("\r\n");
        r.append("Contact: <sip:bridge@").append(target()).append(">\r\n");
        r.append("Allow: INVITE, ACK, BYE, CANCEL, OPTIONS\r\n");
        if (!answer.isEmpty()) {
            r.append("Content-Type: application/sdp\r\n");
        }
        byte[] b = answer.getBytes(StandardCharsets.UTF_8);
        r.append("Content-Length: ").append(b.length).append("\r\n\r\n").append(answer);
        byte[] out = r.toString().getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(out, out.length, from));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        socket.close();
        thread.join(1000);
    }
}
