package org.voxgate.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The kinds of value a resource field holds, each with its check, the text that tells a
 * client what is allowed, and its database form. Values arrive as decoded JSON (String,
 * Number, Boolean, List); {@link #check} returns the canonical Java value or throws
 * {@link ValidationException} naming the field.
 */
public sealed interface FieldType {

    /** @return the canonical value (String, Integer, Boolean or List of String) */
    Object check(String field, Object json, CheckContext ctx);

    /** What is allowed, in words, for error messages and the OpenAPI description. */
    String allowed();

    /** A JSON Schema fragment for the OpenAPI document. */
    Map<String, Object> schema();

    /** Canonical value to the column value. */
    default Object toDb(Object value) {
        return value;
    }

    /** Column value to the canonical value. */
    default Object fromDb(Object column) {
        return column;
    }

    /** Settings that some checks consult. */
    record CheckContext(boolean allowInternalHosts) {}

    private static ValidationException bad(String field, String problem, String allowed) {
        return ValidationException.of(field, problem, allowed);
    }

    /** Text matching a pattern. */
    record Text(Pattern pattern, String allowed) implements FieldType {
        @Override
        public Object check(String field, Object json, CheckContext ctx) {
            if (!(json instanceof String s)) {
                throw bad(field, "must be a string", allowed);
            }
            if (!pattern.matcher(s).matches()) {
                throw bad(field, "does not match", allowed);
            }
            return s;
        }

        @Override
        public Map<String, Object> schema() {
            return Map.of("type", "string", "pattern", pattern.pattern(), "description", allowed);
        }
    }

    /** One of a fixed set of lower-case words. */
    record OneOf(List<String> values) implements FieldType {
        @Override
        public Object check(String field, Object json, CheckContext ctx) {
            if (!(json instanceof String s) || !values.contains(s)) {
                throw bad(field, "is not one of the allowed values", allowed());
            }
            return s;
        }

        @Override
        public String allowed() {
            return "one of " + String.join(", ", values);
        }

        @Override
        public Map<String, Object> schema() {
            return Map.of("type", "string", "enum", values);
        }
    }

    /** A whole number in a closed range. */
    record IntRange(int min, int max) implements FieldType {
        @Override
        public Object check(String field, Object json, CheckContext ctx) {
            if (!(json instanceof Integer || json instanceof Long)) {
                throw bad(field, "must be a whole number", allowed());
            }
            long v = ((Number) json).longValue();
            if (v < min || v > max) {
                throw bad(field, "is out of range", allowed());
            }
            return (int) v;
        }

        @Override
        public String allowed() {
            return "a whole number from " + min + " to " + max;
        }

        @Override
        public Map<String, Object> schema() {
            return Map.of("type", "integer", "minimum", min, "maximum", max);
        }
    }

    /** true or false. */
    record Bool() implements FieldType {
        @Override
        public Object check(String field, Object json, CheckContext ctx) {
            if (!(json instanceof Boolean b)) {
                throw bad(field, "must be true or false", allowed());
            }
            return b;
        }

        @Override
        public String allowed() {
            return "true or false";
        }

        @Override
        public Map<String, Object> schema() {
            return Map.of("type", "boolean");
        }
    }

    /**
     * A list of items of one kind, stored as one comma-separated column.
     *
     * @param item     how each item is checked
     * @param minItems at least this many
     * @param maxItems at most this many
     * @param unique   the items must differ
     */
    record ListOf(FieldType item, int minItems, int maxItems, boolean unique) implements FieldType {
        @Override
        public Object check(String field, Object json, CheckContext ctx) {
            if (!(json instanceof List<?> l)) {
                throw bad(field, "must be a list", allowed());
            }
            if (l.size() < minItems || l.size() > maxItems) {
                throw bad(field, "has " + l.size() + " items", allowed());
            }
            List<String> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                String s = (String) item.check(field + "[" + i + "]", l.get(i), ctx);
                if (unique && out.contains(s)) {
                    throw bad(field + "[" + i + "]", "repeats an earlier item", allowed());
                }
                out.add(s);
            }
            return List.copyOf(out);
        }

        @Override
        public String allowed() {
            return "a list of " + minItems + " to " + maxItems + (unique ? " different" : "") + " items, each "
                    + item.allowed();
        }

        @Override
        public Map<String, Object> schema() {
            return Map.of("type", "array", "minItems", minItems, "maxItems", maxItems, "uniqueItems", unique,
                    "items", item.schema());
        }

        @Override
        public Object toDb(Object value) {
            return String.join(",", castList(value));
        }

        @Override
        public Object fromDb(Object column) {
            String s = (String) column;
            return s == null || s.isEmpty() ? List.of() : List.of(s.split(","));
        }

        @SuppressWarnings("unchecked")
        private static List<String> castList(Object v) {
            return (List<String>) v;
        }
    }

    /** A SIP host: a DNS name or an IP address, never an internal one unless allowed. */
    record Host() implements FieldType {
        private static final Pattern NAME = Pattern.compile(
                "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

        @Override
        public Object check(String field, Object json, CheckContext ctx) {
            if (!(json instanceof String s) || !(NAME.matcher(s).matches() || HostPolicy.isIpLiteral(s))) {
                throw bad(field, "is not a host name or IP address", allowed());
            }
            if (!ctx.allowInternalHosts() && HostPolicy.isInternal(s)) {
                throw bad(field, "points at a loopback, link-local, unspecified or cloud metadata address",
                        "a public or private carrier address; internal addresses need the server setting "
                                + "admin.allowInternalTrunkHosts");
            }
            return s.toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public String allowed() {
            return "a DNS name or IPv4/IPv6 address, not loopback, link-local or metadata";
        }

        @Override
        public Map<String, Object> schema() {
            return Map.of("type", "string", "description", allowed());
        }
    }

    /** An IPv4 or IPv6 network in CIDR notation, or one address. */
    record Cidr() implements FieldType {
        @Override
        public Object check(String field, Object json, CheckContext ctx) {
            if (!(json instanceof String s) || !HostPolicy.isCidr(s)) {
                throw bad(field, "is not an address or CIDR network", allowed());
            }
            return s;
        }

        @Override
        public String allowed() {
            return "an IPv4 or IPv6 address, or a network like 192.0.2.0/24 or 2001:db8::/32";
        }

        @Override
        public Map<String, Object> schema() {
            return Map.of("type", "string", "description", allowed());
        }
    }

    /**
     * The id of another object of the caller's account in {@code table}; the repository checks
     * that it exists there (a foreign id reads as absent).
     */
    record Ref(String table, String noun) implements FieldType {
        private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

        @Override
        public Object check(String field, Object json, CheckContext ctx) {
            if (!(json instanceof String s) || !UUID.matcher(s).matches()) {
                throw bad(field, "is not an id", allowed());
            }
            return s;
        }

        @Override
        public String allowed() {
            return "the id of a " + noun + " of your account";
        }

        @Override
        public Map<String, Object> schema() {
            return Map.of("type", "string", "format", "uuid", "description", allowed());
        }
    }

    /** Known codec names, as written in SDP rtpmap. */
    Set<String> CODECS = Set.of("PCMU", "PCMA", "G722", "opus");
}
