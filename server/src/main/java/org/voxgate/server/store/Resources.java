package org.voxgate.server.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.voxgate.server.store.FieldType.Bool;
import org.voxgate.server.store.FieldType.Cidr;
import org.voxgate.server.store.FieldType.Host;
import org.voxgate.server.store.FieldType.IntRange;
import org.voxgate.server.store.FieldType.ListOf;
import org.voxgate.server.store.FieldType.OneOf;
import org.voxgate.server.store.FieldType.Ref;
import org.voxgate.server.store.FieldType.Text;

/** The resource kinds of the admin model: users, SIP trunks, meetings and phone numbers. */
public final class Resources {

    private Resources() {}

    private static Text text(String regex, String allowed) {
        return new Text(Pattern.compile(regex), allowed);
    }

    private static final Text NAME = text("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}",
            "1 to 64 characters: letters, digits, space . _ -, starting with a letter or digit");
    private static final Text SIP_USER = text("[A-Za-z0-9!$&'()*+,;=._~%-]{1,64}",
            "a SIP user name of 1 to 64 characters (RFC 3261 user part, unescaped)");
    private static final Text SIP_PASSWORD = text("[\\x21-\\x7e]{8,128}",
            "8 to 128 printable ASCII characters without spaces");
    private static final Text REALM = text("[\\x21-\\x7e]{1,255}", "1 to 255 printable ASCII characters");
    private static final Text PIN = text("[0-9]{4,12}", "4 to 12 digits 0-9");

    public static final ResourceDef USERS = new ResourceDef("users", "users", "user", List.of(
            Field.required("name", "name", text("[A-Za-z0-9._@+-]{1,100}",
                    "1 to 100 characters: letters, digits, . _ @ + -")),
            Field.required("role", "role", new OneOf(List.of("owner", "admin", "operator", "viewer")))),
            ResourceDef.Rules.NONE, Map.of("users_name_unique", "name"), "API keys");

    public static final ResourceDef TRUNKS = new ResourceDef("trunks", "trunks", "trunk", List.of(
            Field.required("name", "name", NAME),
            Field.optional("direction", "direction", new OneOf(List.of("inbound", "outbound", "both")), "both"),
            Field.required("hosts", "hosts", new ListOf(new Host(), 1, 10, true)),
            Field.optional("port", "port", new IntRange(0, 65535), 5060), // 0: none, NAPTR/SRV locate (RFC 3263)
            Field.optional("transport", "transport", new OneOf(List.of("udp", "tcp", "tls")), "udp"),
            Field.optional("inboundCidrs", "inbound_cidrs", new ListOf(new Cidr(), 0, 50, true), List.of()),
            Field.nullable("inboundUsername", "inbound_username", SIP_USER),
            Field.secret("inboundPassword", "inbound_password_sealed", SIP_PASSWORD),
            Field.optional("registerEnabled", "register_enabled", new Bool(), false),
            Field.nullable("registerUsername", "register_username", SIP_USER),
            Field.secret("registerPassword", "register_password_sealed", SIP_PASSWORD),
            Field.nullable("registerRealm", "register_realm", REALM),
            Field.optional("registerExpirySeconds", "register_expiry_seconds", new IntRange(60, 86_400), 3600),
            Field.optional("codecs", "codecs", new ListOf(new OneOf(List.of("PCMU", "PCMA", "G722", "opus")), 1, 4, true),
                    List.of("PCMU", "PCMA")),
            Field.optional("maxChannels", "max_channels", new IntRange(1, 100_000), 30),
            Field.optional("maxCallsPerSecond", "max_calls_per_second", new IntRange(1, 1000), 5),
            Field.optional("srtpPolicy", "srtp_policy", new OneOf(List.of("off", "optional", "required")), "off"),
            Field.optional("callerIdPolicy", "caller_id_policy",
                    new OneOf(List.of("passthrough", "asserted-only", "anonymous")), "passthrough"),
            Field.optional("dialOutPrefixes", "dial_out_prefixes", new ListOf(text("\\+[0-9]{1,15}",
                    "+ then 1 to 15 digits (an E.164 prefix; \"+\" alone is not allowed)"), 0, 50, true), List.of()),
            Field.optional("enabled", "enabled", new Bool(), true)),
            Resources::trunkRules, Map.of("trunks_name_unique", "name"), "phone numbers");

    public static final ResourceDef MEETINGS = new ResourceDef("meetings", "meetings", "meeting", List.of(
            Field.required("name", "name", text("[^\\p{Cntrl}]{1,100}", "1 to 100 characters, no control characters")),
            Field.required("accessCode", "access_code", text("[0-9]{4,16}", "4 to 16 digits 0-9, unique on this server")),
            Field.secret("participantPin", "participant_pin_sealed", PIN),
            Field.secret("moderatorPin", "moderator_pin_sealed", PIN),
            Field.optional("maxParticipants", "max_participants", new IntRange(2, 10_000), 100),
            Field.optional("locked", "locked", new Bool(), false),
            Field.optional("recordingPolicy", "recording_policy", new OneOf(List.of("never", "optional", "always")), "never")),
            Resources::meetingRules, Map.of("meetings_access_code_unique", "accessCode"), "phone numbers");

    public static final ResourceDef NUMBERS = new ResourceDef("numbers", "phone_numbers", "phone number", List.of(
            Field.required("e164", "e164", text("\\+[1-9][0-9]{6,14}", "E.164: + then 7 to 15 digits, the first not 0")),
            Field.required("trunkId", "trunk_id", new Ref("trunks", "trunk")),
            Field.optional("route", "route", new OneOf(List.of("ivr", "meeting")), "ivr"),
            Field.nullable("meetingId", "meeting_id", new Ref("meetings", "meeting"))),
            Resources::numberRules, Map.of("phone_numbers_e164_unique", "e164"), null);

    /** Every kind the generic repository stores, in API order. */
    public static final List<ResourceDef> ALL = List.of(USERS, TRUNKS, MEETINGS, NUMBERS);

    private static void trunkRules(Map<String, Object> m, List<FieldError> errors) {
        boolean inbound = !"outbound".equals(m.get("direction"));
        boolean hasUser = m.get("inboundUsername") != null;
        boolean hasPassword = m.get("inboundPassword") != null;
        if (hasUser != hasPassword) {
            errors.add(new FieldError(hasUser ? "inboundPassword" : "inboundUsername",
                    "must be set together with " + (hasUser ? "inboundUsername" : "inboundPassword"),
                    "both inboundUsername and inboundPassword, or neither"));
        }
        if (inbound && ((List<?>) m.get("inboundCidrs")).isEmpty() && !(hasUser && hasPassword)) {
            errors.add(new FieldError("inboundCidrs", "is empty and no digest credentials are set for an inbound trunk",
                    "at least one source address or network, or inboundUsername and inboundPassword"));
        }
        if ("inbound".equals(m.get("direction")) && !((List<?>) m.get("dialOutPrefixes")).isEmpty()) {
            errors.add(new FieldError("dialOutPrefixes", "is set on an inbound-only trunk",
                    "an empty list, or direction outbound or both"));
        }
        if (Boolean.TRUE.equals(m.get("registerEnabled"))) {
            if (m.get("registerUsername") == null) {
                errors.add(new FieldError("registerUsername", "is required when registerEnabled is true",
                        "a SIP user name"));
            }
            if (m.get("registerPassword") == null) {
                errors.add(new FieldError("registerPassword", "is required when registerEnabled is true",
                        "8 to 128 printable ASCII characters"));
            }
        }
    }

    private static void meetingRules(Map<String, Object> m, List<FieldError> errors) {
        Object p = m.get("participantPin");
        if (p != null && Objects.equals(p, m.get("moderatorPin"))) {
            errors.add(new FieldError("moderatorPin", "is the same as participantPin",
                    "a PIN different from participantPin, or none"));
        }
    }

    private static void numberRules(Map<String, Object> m, List<FieldError> errors) {
        boolean toMeeting = "meeting".equals(m.get("route"));
        if (toMeeting && m.get("meetingId") == null) {
            errors.add(new FieldError("meetingId", "is required when route is meeting", "the id of a meeting of your account"));
        } else if (!toMeeting && m.get("meetingId") != null) {
            errors.add(new FieldError("meetingId", "must be null when route is ivr", "null, or set route to meeting"));
        }
    }
}
