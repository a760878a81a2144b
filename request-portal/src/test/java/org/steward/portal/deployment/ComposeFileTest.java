package org.steward.portal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads docker/compose.yaml and the files it mounts, and checks what a city's operator relies on without a container
 * engine to try it: the services are there and wait for each other's health, no password is written in a committed
 * file, .env.example names every setting, the proxy balances both nodes and keeps /actuator private, and the image
 * does not run as root. Each test lists every problem it finds in plain words.
 */
class ComposeFileTest {

    private static final Path DOCKER = Path.of("..", "docker");
    private static final Path COMPOSE = DOCKER.resolve("compose.yaml");
    private static final Path ENV_EXAMPLE = DOCKER.resolve(".env.example");
    private static final List<String> SERVICES =
            List.of("mysql", "mailpit", "steward-a", "steward-b", "proxy", "prometheus", "grafana");
    private static final List<String> NODES = List.of("steward-a", "steward-b");

    /** A name that holds a secret: its value must come from docker/.env. */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|passwd|secret|token|credential|_pwd|api_?key).*");
    /** ${NAME}, ${NAME:-default}, ${NAME:?message} and the same without the colon; $${...} is no reference. */
    private static final Pattern REFERENCE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)([:]?[-?][^}]*)?}");
    /** A secret's value: a whole reference, with at most an error message, never a default. */
    private static final Pattern SECRET_VALUE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(:?\\?[^}]*)?}");

    @Test
    void theServicesACityRunsAreAllThere() {
        Map<String, Map<String, Object>> services = services();
        List<String> problems = new ArrayList<>();
        for (String name : SERVICES) {
            if (!services.containsKey(name)) {
                problems.add("there is no service named " + name);
            }
        }
        for (String node : NODES) {
            Map<String, Object> service = services.getOrDefault(node, Map.of());
            Map<String, Object> build = map(service.get("build"));
            if (!"..".equals(build.get("context")) || !"docker/Dockerfile".equals(build.get("dockerfile"))) {
                problems.add(node + " is not built from docker/Dockerfile with the repository root as its context"
                        + " (build: context: .., dockerfile: docker/Dockerfile)");
            }
            Map<String, Object> environment = environment(service);
            for (String setting : List.of("SPRING_PROFILES_ACTIVE", "SPRING_DATASOURCE_URL",
                    "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "SPRING_MAIL_HOST", "STEWARD_BASEURL",
                    "STEWARD_METRICS_USER", "STEWARD_METRICS_PASSWORD", "STEWARD_LOG_FORMAT", "JAVA_OPTS")) {
                if (!environment.containsKey(setting)) {
                    problems.add(node + " does not set " + setting);
                }
            }
            if (!"mysql".equals(String.valueOf(environment.get("SPRING_PROFILES_ACTIVE")))) {
                problems.add(node + " does not run with the mysql profile (SPRING_PROFILES_ACTIVE=mysql)");
            }
            if (service.get("mem_limit") == null) {
                problems.add(node + " has no memory limit (mem_limit), so one node could take the server's memory");
            }
        }
        assertThat(problems).as("problems in docker/compose.yaml").isEmpty();
    }

    @Test
    void everyServiceHasAHealthCheckAndWaitsForTheOthersToBeHealthy() {
        List<String> problems = new ArrayList<>();
        services().forEach((name, service) -> {
            Map<String, Object> healthcheck = map(service.get("healthcheck"));
            if (healthcheck.get("test") == null || Boolean.TRUE.equals(healthcheck.get("disable"))) {
                problems.add(name + " has no health check, so nothing can wait until it works");
            }
            Object dependsOn = service.get("depends_on");
            if (dependsOn instanceof List<?>) {
                problems.add(name + " lists depends_on without conditions, so it starts before the others work;"
                        + " give each one condition: service_healthy");
            } else {
                map(dependsOn).forEach((other, how) -> {
                    if (!"service_healthy".equals(map(how).get("condition"))) {
                        problems.add(name + " does not wait for " + other + " to be healthy"
                                + " (depends_on: " + other + ": condition: service_healthy)");
                    }
                });
            }
        });
        for (String node : NODES) {
            String test = String.valueOf(map(services().getOrDefault(node, Map.of()).get("healthcheck")).get("test"));
            if (!test.contains("/actuator/health/readiness") && !test.contains("/actuator/health/liveness")) {
                problems.add(node + "'s health check does not ask /actuator/health/readiness or liveness: " + test);
            }
        }
        assertThat(problems).as("problems in docker/compose.yaml").isEmpty();
    }

    @Test
    void noPasswordIsWrittenInTheCommittedFiles() throws IOException {
        List<String> problems = new ArrayList<>();
        services().forEach((name, service) -> environment(service).forEach((setting, value) -> {
            if (SECRET_NAME.matcher(setting).matches() && !SECRET_VALUE.matcher(String.valueOf(value)).matches()) {
                problems.add(name + " sets " + setting + " to a value written in compose.yaml (" + value
                        + "); take it from docker/.env as a ${NAME} reference, with no default");
            }
        }));
        for (Path file : mountedYamlFiles()) {
            for (Object document : new Yaml().loadAll(read(file))) {
                secretKeys(document, "", problems, DOCKER.relativize(file).toString());
            }
        }
        String caddyfile = read(caddyfile());
        if (Pattern.compile("(?i)basic_?auth").matcher(caddyfile).find()) {
            problems.add("the proxy's Caddyfile holds a login (basicauth); keep passwords in docker/.env");
        }
        Map<String, String> example = envExample();
        example.forEach((setting, value) -> {
            if (SECRET_NAME.matcher(setting).matches() && !value.startsWith("change-me")) {
                problems.add(".env.example gives " + setting + " a value that looks real (" + value
                        + "); use a placeholder that starts with change-me");
            }
        });
        assertThat(problems).as("passwords written in committed files").isEmpty();
    }

    @Test
    void envExampleNamesEverySettingTheComposeFileUses() throws IOException {
        Set<String> used = new TreeSet<>();
        Matcher reference = REFERENCE.matcher(read(COMPOSE));
        while (reference.find()) {
            used.add(reference.group(1));
        }
        Set<String> named = envExample().keySet();
        List<String> problems = new ArrayList<>();
        for (String setting : used) {
            if (!named.contains(setting)) {
                problems.add("compose.yaml uses ${" + setting + "} but .env.example does not name it,"
                        + " so an operator copying .env.example would not know to set it");
            }
        }
        for (String setting : named) {
            if (!used.contains(setting)) {
                problems.add(".env.example names " + setting + ", which compose.yaml never uses");
            }
        }
        assertThat(used).as("settings compose.yaml takes from docker/.env").contains("MYSQL_PASSWORD");
        assertThat(problems).as("docker/.env.example and docker/compose.yaml disagree").isEmpty();
    }

    @Test
    void theProxyBalancesBothNodesAndKeepsActuatorPrivate() throws IOException {
        String caddyfile = read(caddyfile());
        List<String> problems = new ArrayList<>();
        Matcher upstreams = Pattern.compile("(?m)^\\s*reverse_proxy\\s+([^{\\n]+)").matcher(caddyfile);
        Set<String> targets = new LinkedHashSet<>();
        while (upstreams.find()) {
            targets.addAll(List.of(upstreams.group(1).trim().split("\\s+")));
        }
        for (String node : NODES) {
            if (!targets.contains(node + ":8080")) {
                problems.add("the proxy does not send requests to " + node + ":8080 (its upstreams: " + targets + ")");
            }
        }
        Matcher matcher = Pattern.compile("(?m)^\\s*@(\\w+)\\s+path\\s+(.*)$").matcher(caddyfile);
        String blocked = null;
        while (matcher.find()) {
            List<String> paths = List.of(matcher.group(2).trim().split("\\s+"));
            if (paths.contains("*/actuator*") || paths.contains("/actuator*")) {
                blocked = matcher.group(1);
            }
        }
        if (blocked == null) {
            problems.add("the proxy has no path matcher for /actuator (@name path */actuator*)");
        } else if (!Pattern.compile("(?s)handle\\s+@" + blocked + "\\s*\\{[^}]*respond\\s+(\"[^\"]*\"\\s+)?404")
                .matcher(caddyfile).find()) {
            problems.add("the proxy does not answer 404 for @" + blocked
                    + " (handle @" + blocked + " { respond \"Not found\" 404 })");
        }
        // Around the proxy, a published node port would open /actuator to the network.
        services().forEach((name, service) -> {
            if ((NODES.contains(name) || name.equals("mysql")) && service.get("ports") != null) {
                problems.add(name + " publishes a port (" + service.get("ports") + "), so people could reach it"
                        + " without the proxy; only the proxy may publish Steward");
            }
        });
        assertThat(problems).as("problems with the proxy").isEmpty();
    }

    @Test
    void theImageRunsAsAUserOtherThanRoot() throws IOException {
        List<String> lines = read(DOCKER.resolve("Dockerfile")).lines().map(String::trim).toList();
        int lastStage = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).toUpperCase().startsWith("FROM ")) {
                lastStage = i;
            }
        }
        String user = null;
        for (String line : lines.subList(lastStage, lines.size())) {
            if (line.toUpperCase().startsWith("USER ")) {
                user = line.substring(5).trim();
            }
        }
        assertThat(user).as("docker/Dockerfile's runtime stage has no USER line, so Steward would run as root")
                .isNotNull();
        assertThat(user.split(":")[0]).as("docker/Dockerfile runs Steward as root (USER %s)", user)
                .isNotIn("root", "0");
        assertThat(lines.get(lastStage)).as("docker/Dockerfile's runtime stage is not a JRE 17 image")
                .containsPattern("(?i)^FROM\\s+\\S*17\\S*jre");
    }

    private static Map<String, Map<String, Object>> services() {
        Map<String, Object> compose;
        try {
            compose = map(new Yaml().load(read(COMPOSE)));
        } catch (IOException e) {
            throw new AssertionError("docker/compose.yaml cannot be read: " + e.getMessage(), e);
        }
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        map(compose.get("services")).forEach((name, service) -> services.put(name, map(service)));
        return services;
    }

    /** A service's environment, written as a map or as a list of NAME=value. */
    private static Map<String, Object> environment(Map<String, Object> service) {
        Object environment = service.get("environment");
        if (environment instanceof List<?> list) {
            Map<String, Object> entries = new LinkedHashMap<>();
            for (Object entry : list) {
                String[] parts = String.valueOf(entry).split("=", 2);
                entries.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
            return entries;
        }
        return map(environment);
    }

    /** The settings .env.example names, with their placeholder values. */
    private static Map<String, String> envExample() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        Matcher line = Pattern.compile("(?m)^([A-Za-z_][A-Za-z0-9_]*)=(.*)$").matcher(read(ENV_EXAMPLE));
        while (line.find()) {
            settings.put(line.group(1), line.group(2).trim());
        }
        return settings;
    }

    /** The proxy's Caddyfile, found where compose.yaml mounts it. */
    private static Path caddyfile() {
        for (Object volume : list(services().getOrDefault("proxy", Map.of()).get("volumes"))) {
            String[] parts = String.valueOf(volume).split(":");
            if (parts.length >= 2 && parts[1].equals("/etc/caddy/Caddyfile")) {
                return DOCKER.resolve(parts[0]).normalize();
            }
        }
        throw new AssertionError("docker/compose.yaml does not mount a Caddyfile into the proxy at /etc/caddy/Caddyfile");
    }

    /** The YAML configuration files under docker/ that compose.yaml mounts into Prometheus and Grafana. */
    private static List<Path> mountedYamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(DOCKER.resolve("monitoring"))) {
            return files.filter(file -> file.toString().endsWith(".yml") || file.toString().endsWith(".yaml"))
                    .sorted().toList();
        }
    }

    private static void secretKeys(Object node, String at, List<String> problems, String file) {
        if (node instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> {
                String name = String.valueOf(key);
                if (SECRET_NAME.matcher(name).matches() && !name.endsWith("_file") && !(value instanceof Map<?, ?>)) {
                    problems.add(file + " writes " + at + name + " in the file; read it from a file (" + name
                            + "_file) filled from docker/.env");
                }
                secretKeys(value, at + name + ".", problems, file);
            });
        } else if (node instanceof List<?> items) {
            items.forEach(item -> secretKeys(item, at, problems, file));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
