package org.voxgate.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** How a setting's text is checked and converted. Each type says what it allows. */
public sealed interface SettingType {

    /** Converts and checks; the message of the exception says what is allowed. */
    Object parse(String text) throws IllegalArgumentException;

    /** Human description of allowed values, used in errors and reference.yaml. */
    String allowed();

    record IntRange(int min, int max) implements SettingType {
        @Override
        public Object parse(String text) {
            int v;
            try {
                v = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a whole number; allowed: " + allowed());
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException(v + " is out of range; allowed: " + allowed());
            }
            return v;
        }

        @Override
        public String allowed() {
            return "an integer from " + min + " to " + max;
        }
    }

    record OneOf(Set<String> values) implements SettingType {
        @Override
        public Object parse(String text) {
            String v = text.trim();
            if (!values.contains(v)) {
                throw new IllegalArgumentException("'" + v + "' is not allowed; allowed: " + allowed());
            }
            return v;
        }

        @Override
        public String allowed() {
            return "one of " + String.join(", ", values.stream().sorted().toList());
        }
    }

    /** A boolean: true/false (also yes/no, on/off, 1/0, as YAML and shells write them). */
    record Bool() implements SettingType {
        @Override
        public Object parse(String text) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> { return Boolean.TRUE; }
                case "false", "no", "off", "0" -> { return Boolean.FALSE; }
                default -> throw new IllegalArgumentException("'" + text + "' is not a boolean; allowed: " + allowed());
            }
        }

        @Override
        public String allowed() {
            return "true or false";
        }
    }

    /** A literal IP address (no host names: start-up must not depend on DNS). Empty = auto. */
    record IpAddress(boolean emptyAllowed) implements SettingType {
        private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
        private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

        @Override
        public Object parse(String text) {
            String v = text.trim();
            if (v.isEmpty() && emptyAllowed) {
                return "";
            }
            java.util.regex.Matcher m = IPV4.matcher(v);
            boolean ok;
            if (m.matches()) {
                ok = true;
                for (int i = 1; i <= 4; i++) {
                    ok &= Integer.parseInt(m.group(i)) <= 255;
                }
            } else if (IPV6.matcher(v).matches()) {
                try {
                    InetAddress.getByName(v); // a literal with ':' never goes to DNS
                    ok = true;
                } catch (UnknownHostException e) {
                    ok = false;
                }
            } else {
                ok = false;
            }
            if (!ok) {
                throw new IllegalArgumentException("'" + v + "' is not an IP address; allowed: " + allowed());
            }
            return v;
        }

        @Override
        public String allowed() {
            return "an IPv4 or IPv6 address such as 0.0.0.0 or 192.0.2.10" + (emptyAllowed ? " (empty: chosen automatically)" : "");
        }
    }

    /** Free text matching a pattern. */
    record Text(Pattern pattern, String allowedText) implements SettingType {
        @Override
        public Object parse(String text) {
            String v = text.trim();
            if (!pattern.matcher(v).matches()) {
                throw new IllegalArgumentException("'" + v + "' is not allowed; allowed: " + allowedText);
            }
            return v;
        }

        @Override
        public String allowed() {
            return allowedText;
        }
    }

    /** A comma-separated list drawn from a fixed set, order kept, no duplicates, not empty. */
    record ListOf(Set<String> values) implements SettingType {
        @Override
        public Object parse(String text) {
            List<String> out = new ArrayList<>();
            for (String raw : Arrays.asList(text.split(","))) {
                String v = raw.trim();
                if (v.isEmpty()) {
                    continue;
                }
                if (!values.contains(v)) {
                    throw new IllegalArgumentException("'" + v + "' is not allowed; allowed: " + allowed());
                }
                if (out.contains(v)) {
                    throw new IllegalArgumentException("'" + v + "' appears twice; allowed: " + allowed());
                }
                out.add(v);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("the list is empty; allowed: " + allowed());
            }
            return List.copyOf(out);
        }

        @Override
        public String allowed() {
            return "a non-empty list of " + String.join(", ", values.stream().sorted().toList());
        }
    }

    /** A comma-separated list of IPv4/IPv6 networks in CIDR notation ("192.0.2.0/24,::1/128"); may be empty. */
    record NetworkList() implements SettingType {
        @Override
        public Object parse(String text) {
            List<String> out = new ArrayList<>();
            for (String raw : text.split(",")) {
                String v = raw.trim();
                if (v.isEmpty()) {
                    continue;
                }
                int slash = v.indexOf('/');
                String addr = slash < 0 ? v : v.substring(0, slash);
                String prefix = slash < 0 ? null : v.substring(slash + 1);
                try {
                    new IpAddress(false).parse(addr);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + v + "' is not a network; allowed: " + allowed());
                }
                int max = addr.indexOf(':') >= 0 ? 128 : 32;
                if (prefix != null && (!prefix.matches("[0-9]{1,3}") || Integer.parseInt(prefix) > max)) {
                    throw new IllegalArgumentException("'" + v + "' has a bad prefix length; allowed: " + allowed());
                }
                out.add(v);
            }
            return List.copyOf(out);
        }

        @Override
        public String allowed() {
            return "a comma-separated list of networks such as 127.0.0.0/8,::1/128 (an address alone is one host), or empty";
        }
    }
}
