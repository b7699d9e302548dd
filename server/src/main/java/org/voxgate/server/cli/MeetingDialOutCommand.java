package org.voxgate.server.cli;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code voxgate meeting dial-out <meetingId> <number> --trunk <id>}: calls a number into a
 * meeting through one of the account's trunks ({@code POST /meetings/{id}/dial-out}) and prints
 * the dial-out's id and status; {@code --wait} polls the status until the callee joined or the
 * call failed (at most {@code --wait-seconds}).
 */
@Command(name = "dial-out", mixinStandardHelpOptions = true,
        description = "Call a number (E.164, +4930...) into a meeting through a trunk; the callee presses 1 to join.")
public final class MeetingDialOutCommand extends TableCommand {

    @Parameters(index = "0", description = "the meeting's id")
    String meetingId;

    @Parameters(index = "1", description = "the number to call, E.164 (+ then digits)")
    String number;

    @Option(names = "--trunk", required = true, description = "the id of the trunk to dial through")
    String trunkId;

    @Option(names = "--wait", description = "poll the status until JOINED, FAILED or ENDED")
    boolean await;

    @Option(names = "--wait-seconds", defaultValue = "90", description = "longest wait with --wait")
    int waitSeconds;

    public MeetingDialOutCommand() {
        this(System.getenv());
    }

    /** For tests: reads VOXGATE_ADMIN_KEY from {@code env}. */
    public MeetingDialOutCommand(Map<String, String> env) {
        super(env);
    }

    @Override
    int run(AdminClient c) throws IOException {
        String body = new JsonObject().put("number", number).put("trunkId", trunkId).encode();
        String path = "/meetings/" + URLEncoder.encode(meetingId, StandardCharsets.UTF_8) + "/dial-out";
        AdminClient.Answer a = c.send("POST", path, body, null);
        if (!a.ok()) {
            return failed(a);
        }
        JsonObject o = new JsonObject(a.body());
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        while (await && !done(o.getString("status")) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            AdminClient.Answer s = c.send("GET", path + "/" + o.getString("id"), null, null);
            if (!s.ok()) {
                return failed(s);
            }
            o = new JsonObject(s.body());
        }
        printObject(o);
        return "FAILED".equals(o.getString("status")) ? 1 : 0;
    }

    private static boolean done(String status) {
        return "JOINED".equals(status) || "FAILED".equals(status) || "ENDED".equals(status);
    }
}
