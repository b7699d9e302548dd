package org.voxgate.server.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One documented setting: its dotted YAML key, default, the environment variable that
 * overrides it, and how a text value is turned into a typed one.
 *
 * @param key          dotted path in YAML, e.g. {@code sip.udpPort}
 * @param defaultValue used when neither file nor environment sets it; null means "none"
 * @param type         how values are read and checked
 * @param description  one line for reference.yaml and error messages
 */
public record Setting(String key, String defaultValue, SettingType type, String description) {

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }

    /**
     * The environment variable for this key: {@code VOXGATE_} followed by the key with dots
     * as underscores and camelCase split, upper case. {@code sip.udpPort} becomes
     * {@code VOXGATE_SIP_UDP_PORT}.
     */
    public String envName() {
        StringBuilder sb = new StringBuilder("VOXGATE_");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.') {
                sb.append('_');
            } else if (Character.isUpperCase(c)) {
                sb.append('_').append(c);
            } else {
                sb.append(Character.toUpperCase(c));
            }
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }
}
