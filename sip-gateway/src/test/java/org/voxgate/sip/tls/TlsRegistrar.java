package org.voxgate.sip.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A registrar over TLS for tests: accepts connections with the given identity (TLS 1.2/1.3),
 * reads each request and answers a REGISTER with 200 (our Contact, expires=600). Records the
 * requests it read and the handshakes that completed.
 */
public final class TlsRegistrar implements AutoCloseable {
    private final SSLServerSocket server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final Thread acceptor;

    public TlsRegistrar(TestCa.Identity identity) throws Exception {
        server = (SSLServerSocket) identity.serverContext().getServerSocketFactory().createServerSocket();
        server.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(this::accept, "tls-registrar");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Requests read so far (whole messages). */
    public List<String> requests() {
        return requests;
    }

    public int handshakes() {
        return handshakes.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                SSLSocket s = (SSLSocket) server.accept();
                Thread t = new Thread(() -> serve(s), "tls-registrar-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SSLSocket s) {
        try (s) {
            s.setSoTimeout(20_000);
            s.startHandshake();
            handshakes.incrementAndGet();
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            StringBuilder buf = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                buf.append((char) c);
                int end = buf.indexOf("\r\n\r\n");
                if (end < 0) {
                    continue;
                }
                String msg = buf.substring(0, end + 4);
                buf.delete(0, end + 4);
                if (msg.isBlank()) {
                    continue; // keep-alive CRLFs
                }
                requests.add(msg);
                if (msg.startsWith("REGISTER ")) {
                    out.write(ok(msg).getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
        } catch (IOException e) {
            // handshake refused by the client, or closed
        }
    }

    private static String ok(String req) {
        StringBuilder r = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : req.split("\r\n")) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("call-id:")
                    || lower.startsWith("cseq:")) {
                r.append(line).append("\r\n");
            } else if (lower.startsWith("to:")) {
                r.append(line).append(";tag=reg1\r\n");
            } else if (lower.startsWith("contact:")) {
                r.append(line).append(";expires=600\r\n");
            }
        }
        return r.append("Content-Length: 0\r\n\r\n").toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
