package org.voxgate.server.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.voxgate.server.store.Field;
import org.voxgate.server.store.FieldError;
import org.voxgate.server.store.FieldType;
import org.voxgate.server.store.ValidationException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * The YAML form of an account's configuration: sections {@code users}, {@code trunks},
 * {@code meetings}, {@code numbers}, each a list of objects with the API's field names (a
 * number names its {@code trunk} by name and its {@code meeting} by access code). Secrets are
 * written only as references {@code ${env:NAME}}, resolved from the environment when the file
 * is read, so a file can be committed. A section that is absent is not managed: apply leaves
 * those objects alone; a present section (even empty) is the whole truth for its kind.
 */
final class ConfigFile {

    /** A whole-value reference to an environment variable. */
    static final Pattern ENV_REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]{0,127})}");

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    /** Checks with internal hosts allowed: the server applies its own host policy. */
    private static final FieldType.CheckContext LENIENT = new FieldType.CheckContext(true);

    /** The file's problems, each naming where (section, index, field); never a secret value. */
    static final class Invalid extends Exception {
        private final List<String> problems;

        Invalid(List<String> problems) {
            super(problems.size() + " problem(s) in the configuration file", null, false, false);
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }

    /**
     * What a file asks for: per managed kind, objects by natural key with canonical field
     * values (secrets resolved, held only in memory).
     */
    record Desired(Map<ConfigKind, TreeMap<String, Map<String, Object>>> sections) {
        boolean manages(ConfigKind k) {
            return sections.containsKey(k);
        }
    }

    private ConfigFile() {}

    /** The account's configuration as YAML text; the same server state always gives the same text. */
    static String export(ConfigSnapshot s, String accountName, String accountId) {
        Map<String, Object> doc = new LinkedHashMap<>();
        for (ConfigKind k : ConfigKind.values()) {
            if (!s.readable(k)) {
                continue;
            }
            List<Map<String, Object>> items = new ArrayList<>();
            for (ConfigSnapshot.Current cur : s.of(k).values()) {
                Map<String, Object> item = new LinkedHashMap<>();
                String key = String.valueOf(cur.natural().get(k.key));
                for (Field f : k.def.fields()) {
                    if (f.secret()) {
                        if (Boolean.TRUE.equals(cur.natural().get(f.setFlagName()))) {
                            item.put(f.name(), "${env:" + k.secretVariable(key, f.name()) + "}");
                        }
                    } else {
                        Object v = cur.natural().get(ConfigKind.naturalName(f));
                        if (v != null) {
                            item.put(ConfigKind.naturalName(f), v);
                        }
                    }
                }
                items.add(item);
            }
            doc.put(k.section, items);
        }
        try {
            return "# Voxgate configuration of account \"" + accountName.replaceAll("\\p{Cntrl}", "?") + "\" ("
                    + accountId + ")\n"
                    + "# Secrets are ${env:NAME} references: set those variables before voxgate config apply.\n"
                    + YAML.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a file and checks every object as the server would (so mistakes show before any
     * change is made), resolving secret references from {@code env}.
     *
     * @throws Invalid listing every problem found
     */
    static Desired parse(String text, Map<String, String> env) throws Invalid {
        Object root;
        try {
            root = YAML.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new Invalid(List.of("not valid YAML" + where + ": " + e.getOriginalMessage()));
        }
        if (!(root instanceof Map<?, ?> m)) {
            throw new Invalid(List.of("the file must be a mapping with sections users, trunks, meetings, numbers"));
        }
        List<String> problems = new ArrayList<>();
        Map<ConfigKind, TreeMap<String, Map<String, Object>>> sections = new EnumMap<>(ConfigKind.class);
        for (Map.Entry<?, ?> e : m.entrySet()) {
            ConfigKind k = Arrays.stream(ConfigKind.values()).filter(x -> x.section.equals(e.getKey())).findFirst()
                    .orElse(null);
            if (k == null) {
                problems.add(e.getKey() + ": is not a section; allowed: users, trunks, meetings, numbers");
                continue;
            }
            Object list = e.getValue() == null ? List.of() : e.getValue();
            if (!(list instanceof List<?> items)) {
                problems.add(k.section + ": must be a list of " + k.noun + "s");
                continue;
            }
            TreeMap<String, Map<String, Object>> objects = new TreeMap<>();
            for (int i = 0; i < items.size(); i++) {
                String where = k.section + "[" + i + "]";
                if (!(items.get(i) instanceof Map<?, ?> item)) {
                    problems.add(where + ": must be a mapping of fields");
                    continue;
                }
                Map<String, Object> obj = object(k, where, item, env, problems);
                if (obj == null) {
                    continue;
                }
                String key = String.valueOf(obj.get(k.key));
                if (objects.put(key, obj) != null) {
                    problems.add(where + "." + k.key + ": " + key + " appears twice; allowed: each "
                            + k.noun + " once");
                }
            }
            sections.put(k, objects);
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return new Desired(sections);
    }

    /** One object's canonical fields, or null after adding its problems. */
    private static Map<String, Object> object(ConfigKind k, String where, Map<?, ?> item, Map<String, String> env,
                                              List<String> problems) {
        int before = problems.size();
        for (Object name : item.keySet()) {
            if (k.field(String.valueOf(name)) == null) {
                problems.add(where + "." + name + ": is not a field of a " + k.noun + "; allowed: "
                        + String.join(", ", k.fileFields()));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : k.def.fields()) {
            String name = ConfigKind.naturalName(f);
            Object v = item.get(name);
            String at = where + "." + name;
            if (v == null) {
                if (f.required()) {
                    problems.add(at + ": is required");
                }
                out.put(name, f.defaultValue());
            } else if (f.secret()) {
                Matcher r = v instanceof String s ? ENV_REF.matcher(s) : null;
                if (r == null || !r.matches()) {
                    problems.add(at + ": must be a reference like ${env:NAME}, never the secret itself");
                } else if (env.get(r.group(1)) == null) {
                    problems.add(at + ": the environment variable " + r.group(1) + " is not set");
                } else {
                    out.put(name, check(f, at, env.get(r.group(1)), problems));
                }
            } else if (f.type() instanceof FieldType.Ref) {
                if (!(v instanceof String)) {
                    problems.add(at + ": must be the " + (name.equals("trunk") ? "name of a trunk" : "access code of a meeting"));
                } else {
                    out.put(name, v);
                }
            } else {
                out.put(name, check(f, at, v, problems));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        // The kind's cross-field rules see the natural references in place of ids.
        Map<String, Object> forRules = new LinkedHashMap<>(out);
        forRules.put("trunkId", out.get("trunk"));
        forRules.put("meetingId", out.get("meeting"));
        List<FieldError> errors = new ArrayList<>();
        k.def.rules().check(forRules, errors);
        for (FieldError fe : errors) {
            String field = fe.field().equals("meetingId") ? "meeting" : fe.field();
            problems.add(where + "." + field + ": " + fe.problem() + "; allowed: " + fe.allowed());
        }
        return problems.size() > before ? null : out;
    }

    private static Object check(Field f, String at, Object v, List<String> problems) {
        try {
            return f.type().check(f.name(), v, LENIENT);
        } catch (ValidationException e) {
            for (FieldError fe : e.errors()) {
                String sub = fe.field().startsWith(f.name()) ? fe.field().substring(f.name().length()) : "";
                problems.add(at + sub + ": " + fe.problem() + "; allowed: " + fe.allowed());
            }
            return null;
        }
    }
}
