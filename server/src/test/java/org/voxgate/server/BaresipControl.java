package org.voxgate.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends one command to baresip's ctrl_tcp module (a JSON object in a netstring) and returns the reply. */
final class BaresipControl {
    private BaresipControl() {}

    static String command(int port, String command) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(3000);
            String json = "{\"command\":\"" + command + "\",\"params\":\"\",\"token\":\"t\"}";
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.write(',');
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder reply = new StringBuilder();
            for (int c; (c = in.read()) != -1; ) {
                reply.append((char) c);
                if (c == ',' && reply.indexOf("{") >= 0 && reply.charAt(reply.length() - 2) == '}') {
                    break;
                }
            }
            return reply.toString();
        }
    }
}
