package org.voxgate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A baresip softphone for interop tests: a home directory with {@code config} and
 * {@code accounts}, a WAV file it plays as its microphone ({@code aufile}), and what it decoded
 * from the far end ({@code sndfile} writes {@code *-dec.wav}). Every phone listens on loopback on
 * free SIP and RTP ports and does not register.
 *
 * <pre>
 * BaresipPhone p = BaresipPhone.in(dir, "talker").source(wav).codec(BaresipPhone.PCMU).build();
 * Process call = p.dial(baresip, "sip:demo@127.0.0.1:5060", 11);
 * Wav.Audio heard = p.decoded();
 * </pre>
 */
public final class BaresipPhone {

    /** A codec as baresip's account names it, and the module that brings it. */
    public record Codec(String accountName, String module, int rateHz) {}

    public static final Codec PCMU = new Codec("PCMU", "g711.so", 8000);
    public static final Codec PCMA = new Codec("PCMA", "g711.so", 8000);
    /** G.722: 16 kHz audio (its rtpmap says 8000, RFC 3551 section 4.5.2). */
    public static final Codec G722 = new Codec("G722", "g722.so", 16_000);
    /** Opus at 48 kHz, mono (its rtpmap always says /2, RFC 7587 section 7). */
    public static final Codec OPUS = new Codec("opus/48000/2", "opus.so", 48_000);

    private final String name;
    private final Path home;
    private final int ctrlPort;

    private BaresipPhone(String name, Path home, int ctrlPort) {
        this.name = name;
        this.home = home;
        this.ctrlPort = ctrlPort;
    }

    /** Starts describing a phone whose home is {@code dir/name}. */
    public static Builder in(Path dir, String name) {
        return new Builder(dir, name);
    }

    public String name() {
        return name;
    }

    public Path home() {
        return home;
    }

    /** baresip's output, written by {@link #dial}. */
    public Path log() {
        return home.resolve("baresip.log");
    }

    /**
     * Starts baresip, dials {@code uri} at once and quits after {@code seconds} (hanging up).
     *
     * @param baresip the program, from {@code Peers.requireCommand("baresip")}
     */
    public Process dial(Path baresip, String uri, int seconds) throws IOException {
        return new ProcessBuilder(baresip.toString(), "-f", home.toString(), "-t", Integer.toString(seconds),
                "-e", "/dial " + uri)
                .redirectErrorStream(true).redirectOutput(log().toFile()).start();
    }

    /** What the phone decoded from the far end (sndfile's {@code *-dec.wav}), at its audio rate. */
    public Wav.Audio decoded() throws IOException {
        try (var files = Files.list(home)) {
            Path dec = files.filter(f -> f.getFileName().toString().endsWith("-dec.wav")).findFirst()
                    .orElseThrow(() -> new AssertionError("no decoded audio dump in " + home + "; log " + log()));
            return Wav.read(dec);
        }
    }

    /** The log's text, or a note that there is none (for assertion messages). */
    public String logText() {
        try {
            return Files.exists(log()) ? Files.readString(log()) : "(no log at " + log() + ")";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /**
     * Sends one command to the phone's {@code ctrl_tcp} module (a JSON object in a netstring)
     * and returns the reply, e.g. {@code command("hold", "")}, {@code command("sndcode", "1357#")}.
     *
     * @throws IllegalStateException when the phone was built without {@link Builder#control()}
     */
    public String command(String command, String params) throws IOException {
        if (ctrlPort == 0) {
            throw new IllegalStateException(name + " was built without control()");
        }
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), ctrlPort)) {
            s.setSoTimeout(3000);
            String json = "{\"command\":\"" + command + "\",\"params\":\"" + params + "\",\"token\":\"t\"}";
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

    /** Writes a phone's home directory. */
    public static final class Builder {
        private final Path dir;
        private final String name;
        private Path source;
        private Codec codec = PCMU;
        private boolean control;
        private String transport = "";
        private String mediaencModule;
        private String mediaenc;
        private boolean loopbackInterface;
        private final List<String> extraConfig = new ArrayList<>();

        private Builder(Path dir, String name) {
            this.dir = Objects.requireNonNull(dir);
            this.name = Objects.requireNonNull(name);
        }

        /** The WAV the phone plays as its microphone; its rate should be the codec's. Required. */
        public Builder source(Path wav) {
            this.source = wav;
            return this;
        }

        /** The one codec the account offers (default PCMU); its module is loaded. */
        public Builder codec(Codec codec) {
            this.codec = Objects.requireNonNull(codec);
            return this;
        }

        /** Loads {@code ctrl_tcp} on a free port, for {@link BaresipPhone#command}. */
        public Builder control() {
            this.control = true;
            return this;
        }

        /** Calls over SIP-TLS ({@code transport=tls} on the account). */
        public Builder tls() {
            this.transport = ";transport=tls";
            return this;
        }

        /**
         * Encrypted media: {@code module} (e.g. {@code srtp.so}, {@code dtls_srtp.so}) and the
         * account's {@code mediaenc} (e.g. {@code srtp-mand}, {@code dtls_srtp}).
         */
        public Builder mediaenc(String module, String mediaenc) {
            this.mediaencModule = module;
            this.mediaenc = mediaenc;
            return this;
        }

        /**
         * Writes 127.0.0.1 as its address in SDP ({@code net_interface}); needed where packets
         * must come from the address in SDP (DTLS without ICE), as baresip otherwise writes
         * the first interface's.
         */
        public Builder loopbackInterface() {
            this.loopbackInterface = true;
            return this;
        }

        /** One more line for {@code config} (e.g. {@code opus_inbandfec yes}). */
        public Builder config(String line) {
            extraConfig.add(line);
            return this;
        }

        public BaresipPhone build() throws IOException {
            if (source == null) {
                throw new IllegalStateException("source(wav) is required");
            }
            Path home = Files.createDirectories(dir.resolve(name));
            int sip = FreePorts.udpAndTcp();
            int rtp = FreePorts.udpRange(10);
            int ctrl = control ? FreePorts.udpAndTcp() : 0;
            List<String> lines = new ArrayList<>(List.of(
                    "poll_method epoll",
                    "sip_listen 127.0.0.1:" + sip,
                    "audio_player aubridge," + name + "-play",
                    "audio_source aufile," + source,
                    "audio_alert aubridge," + name + "-alert",
                    "audio_srate " + codec.rateHz(),
                    "audio_channels 1",
                    "rtp_ports " + rtp + "-" + (rtp + 9),
                    "snd_path " + home,
                    "module_path /usr/lib/baresip/modules",
                    "module menu.so",
                    "module " + codec.module(),
                    "module aufile.so",
                    "module aubridge.so",
                    "module sndfile.so"));
            if (loopbackInterface) {
                lines.add("net_interface 127.0.0.1");
            }
            if (codec == OPUS) {
                lines.add("opus_stereo no");
                lines.add("opus_sprop_stereo no");
            }
            if (mediaencModule != null) {
                lines.add("module " + mediaencModule); // before account.so: the account names its mediaenc
            }
            lines.add("module account.so");
            if (ctrl > 0) {
                lines.add("module ctrl_tcp.so");
                lines.add("ctrl_tcp_listen 127.0.0.1:" + ctrl);
            }
            lines.addAll(extraConfig);
            lines.add("");
            Files.writeString(home.resolve("config"), String.join("\n", lines));
            Files.writeString(home.resolve("accounts"), "<sip:" + name + "@127.0.0.1:" + sip + transport
                    + ">;regint=0;audio_codecs=" + codec.accountName()
                    + (mediaenc != null ? ";mediaenc=" + mediaenc : "") + "\n");
            return new BaresipPhone(name, home, ctrl);
        }
    }
}
