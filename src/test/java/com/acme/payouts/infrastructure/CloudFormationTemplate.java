package com.acme.payouts.infrastructure;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A CloudFormation YAML template as plain maps and lists, short-form intrinsic functions turned into
 * their long form ({@code !Sub x} becomes {@code {"Fn::Sub": x}}), so tests can read what the
 * template declares without AWS.
 */
final class CloudFormationTemplate {

    static final Path MAIN = Path.of("infrastructure", "monoova-payouts.yaml");

    private static final List<String> FUNCTIONS = List.of("Ref", "Condition", "Sub", "GetAtt", "If", "Not", "Equals",
            "And", "Or", "Join", "Select", "Split", "FindInMap", "GetAZs", "ImportValue", "Base64", "Cidr",
            "Transform", "ToJsonString", "Length");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final Path path;
    private final Map<String, Object> root;

    private CloudFormationTemplate(Path path, Map<String, Object> root) {
        this.path = path;
        this.root = root;
    }

    /** The service's template. */
    static CloudFormationTemplate main() {
        return load(ExternalTool.projectDir().resolve(MAIN));
    }

    /** Every template the lint runs over: {@code infrastructure/*.yaml}. */
    static List<Path> all() {
        try (Stream<Path> files = Files.list(ExternalTool.projectDir().resolve("infrastructure"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CloudFormationTemplate load(Path path) {
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Map<String, Object> root = map(new Yaml(new IntrinsicFunctions()).load(in));
            return new CloudFormationTemplate(path, root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path() {
        return path;
    }

    String body() {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> parameters() {
        return map(root.get("Parameters"));
    }

    Map<String, Object> outputs() {
        return map(root.get("Outputs"));
    }

    Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    Map<String, Object> resource(String logicalId) {
        Object r = resources().get(logicalId);
        if (r == null) {
            throw new AssertionError(path + " has no resource " + logicalId);
        }
        return map(r);
    }

    String type(String logicalId) {
        return (String) resource(logicalId).get("Type");
    }

    Map<String, Object> properties(String logicalId) {
        return map(resource(logicalId).get("Properties"));
    }

    /** Logical id to resource, in template order. */
    Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, r) -> {
            if (type.equals(map(r).get("Type"))) {
                found.put(id, map(r));
            }
        });
        return found;
    }

    /**
     * Replaces {@code Ref}, {@code Fn::GetAtt} and {@code Fn::Sub} variables whose value {@code values}
     * knows (parameters, pseudo parameters such as {@code AWS::Region}, {@code Resource.Attribute});
     * anything else is left as it is.
     */
    static Object resolve(Object node, Map<String, String> values) {
        if (node instanceof List<?> items) {
            List<Object> out = new ArrayList<>();
            items.forEach(i -> out.add(resolve(i, values)));
            return out;
        }
        if (!(node instanceof Map<?, ?> m)) {
            return node;
        }
        if (m.size() == 1 && m.containsKey("Ref") && values.containsKey(String.valueOf(m.get("Ref")))) {
            return values.get(String.valueOf(m.get("Ref")));
        }
        if (m.size() == 1 && m.get("Fn::GetAtt") instanceof List<?> att
                && values.containsKey(att.get(0) + "." + att.get(1))) {
            return values.get(att.get(0) + "." + att.get(1));
        }
        if (m.size() == 1 && m.get("Fn::Sub") instanceof String text) {
            Matcher v = SUB_VARIABLE.matcher(text);
            StringBuilder out = new StringBuilder();
            boolean complete = true;
            while (v.find()) {
                String value = values.get(v.group(1));
                complete &= value != null;
                v.appendReplacement(out, Matcher.quoteReplacement(value == null ? v.group() : value));
            }
            v.appendTail(out);
            return complete ? out.toString() : Map.of("Fn::Sub", out.toString());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), resolve(v, values)));
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        if (o == null) {
            return Map.of();
        }
        if (!(o instanceof Map)) {
            throw new AssertionError("expected a mapping, found " + o);
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        if (o == null) {
            return List.of();
        }
        if (o instanceof List) {
            return (List<Object>) o;
        }
        return List.of(o);
    }

    /** {@code !Fn value} to {@code {"Fn::Fn": value}}; {@code !GetAtt A.b} to {@code {"Fn::GetAtt": [A, b]}}. */
    private static final class IntrinsicFunctions extends SafeConstructor {
        IntrinsicFunctions() {
            super(new LoaderOptions());
            for (String fn : FUNCTIONS) {
                String key = fn.equals("Ref") || fn.equals("Condition") ? fn : "Fn::" + fn;
                yamlConstructors.put(new Tag("!" + fn), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        Object value;
                        if (node instanceof ScalarNode scalar) {
                            value = constructScalar(scalar);
                            if (fn.equals("GetAtt")) {
                                value = List.of(((String) value).split("\\.", 2));
                            }
                        } else if (node instanceof SequenceNode sequence) {
                            value = constructSequence(sequence);
                        } else {
                            value = constructMapping((MappingNode) node);
                        }
                        return Map.of(key, value);
                    }
                });
            }
        }
    }
}
