package org.voxgate.srtp;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * libsrtp as a subprocess: Debian's /usr/bin/python3 running src/test/resources/libsrtp/
 * srtp_peer.py over python3-pylibsrtp, one request line per call.
 */
final class LibsrtpPeer implements AutoCloseable {
    private static final HexFormat HEX = HexFormat.of();
    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;
    private int sessions;

    LibsrtpPeer() throws IOException {
        this(List.of("/usr/bin/python3", script().toString()));
    }

    /** Any program speaking the same protocol (the MKI peer is a C program). */
    LibsrtpPeer(List<String> command) throws IOException {
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII));
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static Path script() throws IOException {
        Path script = Files.createTempFile("srtp_peer", ".py");
        try (InputStream s = LibsrtpPeer.class.getResourceAsStream("/libsrtp/srtp_peer.py")) {
            Files.copy(s, script, StandardCopyOption.REPLACE_EXISTING);
        }
        script.toFile().deleteOnExit();
        return script;
    }

    private String call(String line) {
        try {
            in.write(line);
            in.write('\n');
            in.flush();
            String answer = out.readLine();
            if (answer == null) {
                throw new IllegalStateException("libsrtp peer exited");
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A libsrtp session; rtpSec / rtcpSec are libsrtp sec_serv values (3 = encrypt and authenticate). */
    String newSession(SrtpProfile profile, boolean outbound, byte[] keyAndSalt, int window, int rtpSec, int rtcpSec) {
        return newSession(profile, outbound, keyAndSalt, window, rtpSec, rtcpSec, null);
    }

    /** With an MKI (only the C peer understands it). */
    String newSession(SrtpProfile profile, boolean outbound, byte[] keyAndSalt, int window, int rtpSec, int rtcpSec,
                      byte[] mki) {
        String id = "s" + (sessions++);
        String answer = call("NEW " + id + " " + profile.name() + " " + (outbound ? "out" : "in") + " "
                + HEX.formatHex(keyAndSalt) + " " + window + " " + rtpSec + " " + rtcpSec
                + (mki == null ? "" : " " + HEX.formatHex(mki)));
        if (!answer.equals("OK")) {
            throw new IllegalStateException("libsrtp refused the session: " + answer);
        }
        return id;
    }

    /** Runs P, U, PC or UC; returns the result bytes, or null when libsrtp refused (error text dropped). */
    byte[] apply(String op, String session, byte[] data, int off, int len) {
        String answer = call(op + " " + session + " " + HEX.formatHex(data, off, off + len));
        if (answer.startsWith("OK")) {
            return answer.length() > 3 ? HEX.parseHex(answer.substring(3)) : new byte[0];
        }
        lastError = answer;
        return null;
    }

    String lastError;

    @Override
    public void close() {
        try {
            in.write("QUIT\n");
            in.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        }
    }
}
