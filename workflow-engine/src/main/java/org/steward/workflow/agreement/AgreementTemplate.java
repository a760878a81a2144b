package org.steward.workflow.agreement;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.springframework.stereotype.Component;

/**
 * The agreement template: an XHTML file with named placeholders ({@code {{purpose}}}), and no expression language,
 * so an edited template cannot run code. Admins replace it by putting {@code agreement-template.html} in
 * {@code steward.agreements.template-folder}; a file that does not parse or names an unknown placeholder is
 * reported and the built-in template is used instead, so drafting never stops.
 */
@Component
public class AgreementTemplate {

    /** The file name looked for in the configured folder. */
    public static final String FILE_NAME = "agreement-template.html";
    private static final String BUILT_IN = "steward/agreement/agreement-template.html";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}}");

    /** Every placeholder a template may use, with what it is filled with. */
    public static final Map<String, String> PLACEHOLDERS;

    static {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("number", "The agreement's number, e.g. DSA-2026-0001");
        p.put("version", "Its version: 1, then one more for each round of changes");
        p.put("draftedOn", "The day this version was drafted");
        p.put("reference", "The request's reference, e.g. DR-2026-0001");
        p.put("title", "The request's title");
        p.put("requestingParty", "Who receives the data: the requesting department or outside organisation");
        p.put("owningParties", "The departments that provide the data, in a sentence");
        p.put("parties", "Every party and its role, as a list");
        p.put("purpose", "The purpose and permitted use, as the requester wrote it");
        p.put("legalAuthority", "The legal authority, as the requester wrote it");
        p.put("classification", "The highest classification of the data, and whether it holds personal information");
        p.put("dataElements", "A table: each dataset, its owner, classification and the elements shared");
        p.put("frequency", "Once, or recurring");
        p.put("deliveryMethod", "How the data is delivered");
        p.put("securityControls", "The security controls promised");
        p.put("retention", "The retention and destruction plan");
        p.put("breachWindowHours", "Hours within which a breach must be reported (steward.agreements.breach-window-hours)");
        p.put("startDate", "The earliest day the agreement takes effect");
        p.put("expiryDate", "The day it ends");
        p.put("conditions", "The reviewers' conditions, word for word, as a list (or \"None.\")");
        p.put("signatories", "Who signs for each party, as a list");
        PLACEHOLDERS = java.util.Collections.unmodifiableMap(p);
    }

    private final AgreementSettings settings;

    AgreementTemplate(AgreementSettings settings) {
        this.settings = settings;
    }

    /** The template in use, where it came from, and what is wrong with the configured one (empty when nothing). */
    public record Loaded(String html, String source, List<String> problems) {
    }

    /** Reads the template now, so that an admin's new file is used for the next agreement without a restart. */
    public Loaded load() {
        String folder = settings.templateFolder();
        if (folder.isEmpty()) {
            return new Loaded(builtIn(), "the built-in template", List.of());
        }
        Path file;
        try {
            file = Path.of(folder).resolve(FILE_NAME);
        } catch (java.nio.file.InvalidPathException notAPath) {
            return new Loaded(builtIn(), "the built-in template", List.of("The template folder \"" + folder
                    + "\" (" + AgreementSettings.TEMPLATE_FOLDER + ") is not a folder name this server can use ("
                    + notAPath.getReason() + "), so the built-in template is used."));
        }
        if (!Files.isRegularFile(file)) {
            return new Loaded(builtIn(), "the built-in template", List.of("There is no " + FILE_NAME + " in "
                    + file.getParent().toAbsolutePath() + ", so the built-in template is used."));
        }
        String html;
        try {
            html = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException unreadable) {
            return new Loaded(builtIn(), "the built-in template", List.of("The file " + file.toAbsolutePath()
                    + " cannot be read (" + unreadable.getMessage() + "), so the built-in template is used."));
        }
        List<String> problems = check(html);
        if (!problems.isEmpty()) {
            List<String> all = new ArrayList<>(problems);
            all.add("Because of this the built-in template is used until the file is fixed.");
            return new Loaded(builtIn(), "the built-in template", List.copyOf(all));
        }
        return new Loaded(html, file.toAbsolutePath().toString(), List.of());
    }

    /** What is wrong with a template: XHTML that does not parse, or placeholders nobody fills. */
    public static List<String> check(String html) {
        List<String> problems = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(html);
        while (m.find()) {
            if (!PLACEHOLDERS.containsKey(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        unknown.forEach(name -> problems.add("The placeholder {{" + name + "}} is not one Steward fills. "
                + "The placeholders are: " + String.join(", ", PLACEHOLDERS.keySet()) + "."));
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setExpandEntityReferences(false);
            factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception notXhtml) {
            problems.add("The template is not well-formed XHTML (every tag closed, & written as &amp;amp;): "
                    + notXhtml.getMessage());
        }
        return problems;
    }

    /** The template with every placeholder replaced by its value; values are HTML already (see AgreementText). */
    public static String fill(String html, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String builtIn() {
        try (InputStream in = AgreementTemplate.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException missing) {
            throw new IllegalStateException("The built-in agreement template " + BUILT_IN + " is missing", missing);
        }
    }
}
