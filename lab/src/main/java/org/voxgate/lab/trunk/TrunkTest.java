package org.voxgate.lab.trunk;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.voxgate.lab.trunk.Step.Outcome;
import org.voxgate.server.cli.AdminClient;
import org.voxgate.sip.SipLocator;
import org.voxgate.sip.SipTarget;
import org.voxgate.sip.Trunk;

/**
 * The admin's check that a trunk works, step by step, each with its result, its time and what
 * a failure most likely means: the trunk as stored (exists, enabled), each carrier host's name
 * (DNS: the RFC 3263 targets in the order the node tries them, NAPTR and SRV for a trunk
 * without a port), an OPTIONS ping to each host (to each of its first {@value #MAX_PINGED_TARGETS}
 * targets when NAPTR/SRV located them) on the trunk's transport, the live registration state, and
 * optionally a test call: a dial-out through the trunk into a meeting, followed until the callee
 * joins or it fails. Talks to the node only through its HTTPS admin API and to the carrier only
 * with OPTIONS; the test call is placed by the node, so it tests the node's own path.
 */
public final class TrunkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to test. {@code number} and {@code meetingId} both null: no test call. */
    public record Plan(String trunkId, String number, String meetingId, Duration pingTimeout, Duration callTimeout) {}

    private final AdminClient api;
    private final SSLContext sipTls;
    private final Consumer<Step> progress;
    private final SipLocator locator;

    /** Targets of one SRV-located host that get an OPTIONS ping. */
    static final int MAX_PINGED_TARGETS = 4;

    /**
     * @param sipTls   trust for TLS trunks' OPTIONS (the JDK default, or a PEM bundle)
     * @param progress hears each step as it finishes
     */
    public TrunkTest(AdminClient api, SSLContext sipTls, Consumer<Step> progress) {
        this(api, sipTls, SipLocator.create(List.of()), progress);
    }

    /** @param locator how host names become targets (the DNS servers of sip.dnsServers, or the system's) */
    public TrunkTest(AdminClient api, SSLContext sipTls, SipLocator locator, Consumer<Step> progress) {
        this.api = api;
        this.sipTls = sipTls;
        this.locator = locator;
        this.progress = progress;
    }

    public List<Step> run(Plan plan) throws IOException {
        List<Step> steps = new ArrayList<>();
        Consumer<Step> add = s -> {
            steps.add(s);
            progress.accept(s);
        };
        long t0 = System.nanoTime();
        AdminClient.Answer a = api.send("GET", "/trunks/" + plan.trunkId(), null, null);
        long ms = millisSince(t0);
        if (a.status() == 404) {
            add.accept(new Step("trunk", Outcome.FAIL, ms, "404", "no trunk with this id in your account"));
            return steps;
        }
        if (a.status() != 200) {
            add.accept(new Step("trunk", Outcome.FAIL, ms, "HTTP " + a.status(), "the admin API refused: "
                    + a.body()));
            return steps;
        }
        Map<String, Object> trunk = JSON.readValue(a.body(), new TypeReference<>() {});
        boolean enabled = Boolean.TRUE.equals(trunk.get("enabled"));
        String transport = String.valueOf(trunk.get("transport"));
        int port = ((Number) trunk.get("port")).intValue();
        @SuppressWarnings("unchecked")
        List<String> hosts = (List<String>) trunk.get("hosts");
        String summary = trunk.get("name") + ", " + trunk.get("direction") + ", " + String.join(" ", hosts)
                + (port == 0 ? " (port by NAPTR/SRV)" : ":" + port) + "/" + transport;
        add.accept(enabled ? Step.ok("trunk", ms, summary)
                : new Step("trunk", Outcome.FAIL, ms, summary + ", disabled",
                "the trunk is disabled: it refuses new calls in both directions (set enabled to true)"));

        Trunk.Transport wireTransport = Trunk.Transport.valueOf(transport.toUpperCase(java.util.Locale.ROOT));
        for (String host : hosts) {
            t0 = System.nanoTime();
            List<SipTarget> targets = locator.locate(host, port, wireTransport);
            if (targets.isEmpty()) {
                add.accept(new Step("dns " + host, Outcome.FAIL, millisSince(t0), "does not resolve",
                        port == 0 ? "no NAPTR, SRV (" + SipLocator.srvName(host, wireTransport)
                                + ") or address record: check the name with the carrier, or set the trunk's port"
                                : "the host name has no address: check its spelling with the carrier"));
                continue;
            }
            add.accept(Step.ok("dns " + host, millisSince(t0), describe(targets)));
            List<SipTarget> pinged = port == 0 ? targets.subList(0, Math.min(MAX_PINGED_TARGETS, targets.size()))
                    : targets.subList(0, 1);
            for (SipTarget target : pinged) {
                t0 = System.nanoTime();
                OptionsPing.Result r = OptionsPing.ping(host, target.address(), target.port(), transport,
                        plan.pingTimeout(), sipTls);
                String name = port == 0 ? "OPTIONS " + host + " " + target : "OPTIONS " + host + ":" + port + "/" + transport;
                String why = Explanations.options(r.status());
                if (r.status() == 0) {
                    add.accept(new Step(name, Outcome.FAIL, millisSince(t0), r.error(), transport.equals("tls")
                            && r.error() != null && r.error().startsWith("SSL")
                            ? "TLS failed: the carrier's certificate is not trusted or does not name " + host
                            + " (sip.tlsTrustStore), or it speaks no TLS 1.2+" : why));
                } else {
                    add.accept(new Step(name, r.status() < 300 ? Outcome.OK : Outcome.WARN, millisSince(t0),
                            r.statusLine(), why));
                }
            }
        }

        t0 = System.nanoTime();
        a = api.send("GET", "/trunks/" + plan.trunkId() + "/registration", null, null);
        ms = millisSince(t0);
        if (a.status() != 200) {
            add.accept(new Step("registration", Outcome.FAIL, ms, "HTTP " + a.status(), a.body()));
        } else {
            Map<String, Object> reg = JSON.readValue(a.body(), new TypeReference<>() {});
            String state = String.valueOf(reg.get("state"));
            int lastStatus = reg.get("lastStatusCode") instanceof Number n ? n.intValue() : 0;
            String lastFailure = (String) reg.get("lastFailure");
            String detail = state + (reg.get("registrar") != null ? " at " + reg.get("registrar") : "")
                    + (reg.get("expiresAt") != null ? ", expires " + reg.get("expiresAt") : "");
            Outcome o = switch (state) {
                case "REGISTERED" -> Outcome.OK;
                case "NOT_CONFIGURED" -> Outcome.SKIPPED;
                case "REGISTERING", "UNREGISTERING" -> Outcome.WARN;
                default -> Outcome.FAIL;
            };
            add.accept(new Step("registration", o, ms, detail, Explanations.registration(state, lastFailure, lastStatus)));
        }

        if (plan.number() == null || plan.meetingId() == null) {
            add.accept(new Step("test call", Outcome.SKIPPED, 0, "no --number and --meeting given", ""));
            return steps;
        }
        testCall(plan, add);
        return steps;
    }

    /** "1) 192.0.2.1:5060/udp via NAPTR SIP+D2U -> SRV ... 2) ...": the targets in the order the node tries them. */
    static String describe(List<SipTarget> targets) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < targets.size(); i++) {
            SipTarget t = targets.get(i);
            if (i > 0) {
                sb.append("  ");
            }
            sb.append(i + 1).append(") ").append(t).append(" via ").append(t.via());
        }
        return sb.toString();
    }

    private void testCall(Plan plan, Consumer<Step> add) throws IOException {
        long t0 = System.nanoTime();
        String body = JSON.writeValueAsString(Map.of("number", plan.number(), "trunkId", plan.trunkId()));
        AdminClient.Answer a = api.send("POST", "/meetings/" + plan.meetingId() + "/dial-out", body, null);
        if (a.status() != 202) {
            add.accept(new Step("test call", Outcome.FAIL, millisSince(t0), "HTTP " + a.status(),
                    "the node refused to place the call: " + problemDetail(a.body())));
            return;
        }
        Map<String, Object> d = JSON.readValue(a.body(), new TypeReference<>() {});
        String id = String.valueOf(d.get("id"));
        String last = String.valueOf(d.get("status"));
        add.accept(Step.ok("call " + last, millisSince(t0), "dial-out " + id + " to " + plan.number()));
        long deadline = System.nanoTime() + plan.callTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            sleep(200);
            a = api.send("GET", "/meetings/" + plan.meetingId() + "/dial-out/" + id, null, null);
            if (a.status() != 200) {
                add.accept(new Step("test call", Outcome.FAIL, millisSince(t0), "HTTP " + a.status(), a.body()));
                return;
            }
            d = JSON.readValue(a.body(), new TypeReference<>() {});
            String status = String.valueOf(d.get("status"));
            if (status.equals(last)) {
                continue;
            }
            last = status;
            int sip = d.get("sipStatus") instanceof Number n ? n.intValue() : 0;
            switch (status) {
                case "JOINED", "ENDED" -> {
                    add.accept(Step.ok("call " + status, millisSince(t0), "the callee is in the meeting"));
                    return;
                }
                case "FAILED" -> {
                    String failure = (String) d.get("failure");
                    add.accept(new Step("call FAILED", Outcome.FAIL, millisSince(t0),
                            failure + (sip > 0 ? " (SIP " + sip + ")" : ""), Explanations.dialOut(failure, sip)));
                    return;
                }
                default -> add.accept(Step.ok("call " + status, millisSince(t0), sip > 0 ? "SIP " + sip : ""));
            }
        }
        add.accept(new Step("test call", Outcome.WARN, millisSince(t0), "still " + last + " after "
                + plan.callTimeout().toSeconds() + " s", "the call is still up; it was not hung up by this test"));
    }

    private static String problemDetail(String body) {
        try {
            Map<String, Object> p = JSON.readValue(body, new TypeReference<>() {});
            Object detail = p.get("detail");
            return detail != null ? detail.toString() : body;
        } catch (IOException e) {
            return body;
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000L;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
