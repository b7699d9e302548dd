package org.voxgate.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads settings: defaults, then the YAML file (when given), then environment variables
 * ({@code VOXGATE_SIP_UDP_PORT} for {@code sip.udpPort}). Every value is checked; the first bad
 * one stops start-up with a {@link ConfigException} naming the key and what is allowed.
 */
public final class ConfigLoader {

    private ConfigLoader() {}

    public static ServerConfig load(Path yamlFile, Map<String, String> env) throws ConfigException {
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, String> origin = new LinkedHashMap<>();
        for (Setting s : Settings.ALL) {
            raw.put(s.key(), s.defaultValue());
            origin.put(s.key(), "default");
        }
        if (yamlFile != null) {
            for (Map.Entry<String, String> e : readYaml(yamlFile).entrySet()) {
                raw.put(e.getKey(), e.getValue());
                origin.put(e.getKey(), yamlFile.toString());
            }
        }
        for (Setting s : Settings.ALL) {
            String v = env.get(s.envName());
            if (v != null) {
                raw.put(s.key(), v);
                origin.put(s.key(), "environment variable " + s.envName());
            }
        }
        Map<String, Object> typed = new LinkedHashMap<>();
        for (Setting s : Settings.ALL) {
            try {
                typed.put(s.key(), s.type().parse(raw.get(s.key())));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(s.key(), e.getMessage() + " (from " + origin.get(s.key())
                        + "; environment variable " + s.envName() + ")");
            }
        }
        return ServerConfig.from(typed);
    }

    /** Flattens a YAML document into dotted keys; unknown keys are an error. */
    static Map<String, String> readYaml(Path file) throws ConfigException {
        if (!Files.isReadable(file)) {
            throw new ConfigException(null, "configuration file " + file + " does not exist or cannot be read");
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException(null, "configuration file " + file + " is not valid YAML" + where + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(null, "configuration file " + file + " cannot be read: " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return out; // an empty file keeps every default
        }
        if (!root.isObject()) {
            throw new ConfigException(null, "configuration file " + file + " must hold a mapping of settings at its top");
        }
        flatten("", root, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) throws ConfigException {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
            JsonNode v = f.getValue();
            if (v.isObject()) {
                if (Settings.byKey(key) != null) {
                    throw new ConfigException(key, "expected a single value, found a mapping");
                }
                flatten(key, v, out);
                continue;
            }
            Setting s = Settings.byKey(key);
            if (s == null) {
                throw new ConfigException(key, "unknown setting; known settings are " + knownNear(key));
            }
            if (v.isNull()) {
                continue; // "key:" with no value keeps the default
            }
            if (v.isArray()) {
                StringJoiner j = new StringJoiner(",");
                for (JsonNode item : v) {
                    if (!item.isValueNode()) {
                        throw new ConfigException(key, "list items must be plain values");
                    }
                    j.add(item.asText());
                }
                out.put(key, j.toString());
            } else {
                out.put(key, v.asText());
            }
        }
    }

    private static String knownNear(String key) {
        String section = key.contains(".") ? key.substring(0, key.indexOf('.') + 1) : "";
        List<String> near = Settings.ALL.stream().map(Setting::key)
                .filter(k -> !section.isEmpty() && k.startsWith(section)).toList();
        if (near.isEmpty()) {
            near = Settings.ALL.stream().map(Setting::key).toList();
        }
        return String.join(", ", near);
    }
}
