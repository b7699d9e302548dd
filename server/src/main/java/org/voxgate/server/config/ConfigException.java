package org.voxgate.server.config;

/**
 * A setting that cannot be used. The message names the key (as written in YAML and as the
 * environment variable) and what is allowed, so an operator can fix it without reading code.
 */
public final class ConfigException extends Exception {

    private final String key;

    public ConfigException(String key, String message) {
        super(key == null ? message : "setting '" + key + "': " + message);
        this.key = key;
    }

    /** The dotted key at fault, or null when the file as a whole is at fault. */
    public String key() {
        return key;
    }
}
