package org.steward.portal.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.steward.portal.IntegrationTest;

/**
 * Runs the README's curl walk-through as written: every curl command, every variable it sets, and every
 * "# ->" answer it promises. The engine's jobs run after each call, as the job executor would.
 */
class ReadmeWalkthroughTest extends IntegrationTest {

    private static final Pattern REFERENCE = Pattern.compile("DR-\\d{4}-\\d{4}");
    private static final Pattern CAPTURE = Pattern.compile(
            "^(\\w+)=\\$\\((curl .*?) \\| grep -o '\"(\\w+)\":\"\\[\\^\"\\]\\*\"' \\| head -1 \\| cut -d'\"' -f4\\)$",
            Pattern.DOTALL);
    private static final Pattern ASSIGN = Pattern.compile("^(\\w+)=(\\S+)$");

    private final Map<String, String> variables = new HashMap<>();
    private String lastAnswer = "";
    private String lastSubmitted;

    @Test
    void theWalkthroughInTheReadmeDoesWhatItSays() throws IOException {
        List<String> commands = commands(walkthrough());
        assertThat(commands).as("curl commands in the walk-through").hasSizeGreaterThan(5);
        int calls = 0;
        for (String command : commands) {
            Matcher capture = CAPTURE.matcher(command);
            Matcher assign = ASSIGN.matcher(command);
            if (command.startsWith("# -> ")) {
                String promised = command.substring(5).trim();
                assertThat(normalise(lastAnswer)).as("answer promised by the README").contains(normalise(promised));
            } else if (command.startsWith("curl ")) {
                lastAnswer = curl(command);
                calls++;
            } else if (capture.matches()) {
                String answer = curl(capture.group(2));
                calls++;
                Matcher field = Pattern.compile("\"" + capture.group(3) + "\":\"([^\"]*)\"").matcher(answer);
                assertThat(field.find()).as("%s in %s", capture.group(3), answer).isTrue();
                variables.put(capture.group(1), field.group(1));
            } else if (assign.matches()) {
                String value = assign.group(2);
                // The README's reference is the one a fresh database hands out; the test database has others.
                variables.put(assign.group(1), REFERENCE.matcher(value).matches() ? lastSubmitted : value);
            } else {
                throw new AssertionError("The walk-through has a command this test cannot follow: " + command);
            }
        }
        assertThat(calls).isGreaterThanOrEqualTo(20);
        assertThat(request("alex", variables.get("REF")).get("status").asText()).isEqualTo("IN_FORCE");
    }

    private String curl(String command) {
        List<String> words = words(command);
        String user = null;
        String password = null;
        String body = null;
        String url = null;
        HttpMethod method = null;
        HttpHeaders headers = new HttpHeaders();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "-s" -> { }
                case "-u" -> {
                    String[] credentials = words.get(++i).split(":", 2);
                    user = credentials[0];
                    password = credentials[1];
                }
                case "-H" -> {
                    String[] header = words.get(++i).split(":\\s*", 2);
                    headers.add(header[0], header[1]);
                }
                case "-d" -> body = words.get(++i);
                case "-X" -> method = HttpMethod.valueOf(words.get(++i));
                default -> {
                    if (!word.startsWith("http://localhost:8080/")) {
                        throw new AssertionError("Unknown curl argument in the README: " + word);
                    }
                    url = word.substring("http://localhost:8080".length());
                }
            }
        }
        if (user != null) {
            headers.setBasicAuth(user, password);
        }
        method = method != null ? method : body != null ? HttpMethod.POST : HttpMethod.GET;
        ResponseEntity<String> response = http.exchange(url, method, new HttpEntity<>(body, headers), String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as("%s %s answered %s: %s", method, url,
                response.getStatusCode(), response.getBody()).isTrue();
        runJobs();
        String answer = response.getBody() == null ? "" : response.getBody();
        if (method == HttpMethod.POST && url.equals("/api/requests")) {
            Matcher reference = REFERENCE.matcher(answer);
            assertThat(reference.find()).isTrue();
            lastSubmitted = reference.group();
        }
        return answer;
    }

    /** Splits a shell command into words: single quotes keep text as is, $NAME expands elsewhere. */
    private List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\'') {
                int end = command.indexOf('\'', i + 1);
                word.append(command, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int end = command.indexOf('"', i + 1);
                word.append(expand(command.substring(i + 1, end)));
                i = end;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '$') {
                int end = i + 1;
                while (end < command.length() && Character.isLetterOrDigit(command.charAt(end))) {
                    end++;
                }
                word.append(expand(command.substring(i, end)));
                i = end - 1;
                inWord = true;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private String expand(String text) {
        Matcher variable = Pattern.compile("\\$(\\w+)").matcher(text);
        StringBuilder expanded = new StringBuilder();
        while (variable.find()) {
            String value = variables.get(variable.group(1));
            assertThat(value).as("$%s is set before it is used", variable.group(1)).isNotNull();
            variable.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        variable.appendTail(expanded);
        return expanded.toString();
    }

    /**
     * The commands in the walk-through's bash blocks (prose between them is skipped): a command ends at a line
     * end outside single quotes.
     */
    private static List<String> commands(String script) {
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inBlock = false;
        for (String line : script.split("\n")) {
            if (current.isEmpty() && line.startsWith("```")) {
                inBlock = line.startsWith("```bash");
                continue;
            }
            if (!inBlock || current.isEmpty() && (line.isBlank()
                    || (line.startsWith("#") && !line.startsWith("# -> ")))) {
                continue;
            }
            if (!current.isEmpty()) {
                current.append('\n');
            }
            current.append(line);
            if (current.chars().filter(c -> c == '\'').count() % 2 == 0) {
                commands.add(current.toString().trim());
                current.setLength(0);
            }
        }
        return commands;
    }

    private static String walkthrough() throws IOException {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int start = text.indexOf("<!-- walkthrough:start -->");
        int end = text.indexOf("<!-- walkthrough:end -->");
        assertThat(start).as("the README marks its walk-through").isPositive();
        return text.substring(start + "<!-- walkthrough:start -->".length(), end);
    }

    private static String normalise(String text) {
        return REFERENCE.matcher(text.replaceAll("\\s+", "")).replaceAll("DR-REF");
    }
}
