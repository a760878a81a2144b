package db.steward;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Audit events become typed: each keeps its sentence ({@code detail}, for people) and gains its structured detail as
 * JSON ({@code detail_data}) and the client's address. The rows already there are converted here, once: the sentences
 * the code wrote are read back into their fields (a revision's changed fields, a withdrawal's reason, a move's
 * versions...). A sentence that does not read as its type's leaves {@code detail_data} empty, and the event keeps its
 * words only. The SQL is the same on H2 and MySQL/MariaDB; the conversion is Java, the same on both.
 */
public class V9__typed_audit_events extends BaseJavaMigration {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE audit_event ADD COLUMN detail_data TEXT");
            statement.execute("ALTER TABLE audit_event ADD COLUMN client_address VARCHAR(64)");
            statement.execute("CREATE INDEX ix_audit_event_actor ON audit_event (actor, occurred_at)");
        }
        convert(connection);
    }

    /** Converts every row with a sentence and no structured detail yet; answers how many it converted. */
    public static int convert(Connection connection) throws SQLException {
        List<Object[]> converted = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT id, type, detail FROM audit_event WHERE detail_data IS NULL AND detail IS NOT NULL")) {
            while (rows.next()) {
                ObjectNode data = read(rows.getString("type"), rows.getString("detail"));
                if (data != null) {
                    converted.add(new Object[] {data.toString(), rows.getLong("id")});
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE audit_event SET detail_data = ? WHERE id = ?")) {
            for (Object[] row : converted) {
                update.setString(1, (String) row[0]);
                update.setLong(2, (Long) row[1]);
                update.addBatch();
            }
            if (!converted.isEmpty()) {
                update.executeBatch();
            }
        }
        return converted.size();
    }

    /** The sentence's fields as the typed event stores them, or null when it does not read as its type's. */
    static ObjectNode read(String type, String detail) {
        String d = detail.strip();
        return switch (type) {
            case "SUBMITTED" -> match("^(.*) \\(renewal of ([A-Za-z0-9-]+)\\)$", d)
                    .map(m -> object("title", m.group(1), "renewalOf", m.group(2)))
                    .orElseGet(() -> object("title", d, "renewalOf", null));
            case "REVISED" -> match("^Revision (\\d+); changed: ?(.*)$", d).map(m -> {
                ObjectNode node = object();
                node.put("revision", Integer.parseInt(m.group(1)));
                node.set("fields", list(m.group(2), ","));
                return node;
            }).orElse(null);
            case "WITHDRAWN" -> object("reason", d);
            case "COMMENTED" -> object("text", d);
            case "ATTACHMENT_ADDED" -> match("^(.*) \\(([^()]*)\\)$", d)
                    .map(m -> object("fileName", m.group(1), "size", m.group(2))).orElse(null);
            case "ROUTE_DECIDED" -> match("^Privacy review (required|not required); data-sharing agreement "
                    + "(required|not required)\\.$", d).map(m -> {
                        ObjectNode node = object();
                        node.put("privacyReview", m.group(1).equals("required"));
                        node.put("agreement", m.group(2).equals("required"));
                        return node;
                    }).orElse(null);
            case "STATUS_CHANGED" -> match("^(\\S+) -> (\\S+)(?: \\((.*)\\))?$", d)
                    .map(m -> object("from", m.group(1), "to", m.group(2), "step", m.group(3))).orElse(null);
            case "TASK_CREATED" -> match("^(.*) \\(([^()]*)\\)$", d)
                    .map(m -> object("taskName", m.group(1), "step", m.group(2))).orElse(null);
            case "TASK_CANCELLED" -> match("^(.*) \\(([^()]*)\\) ended without a decision\\.$", d)
                    .map(m -> object("taskName", m.group(1), "step", m.group(2))).orElse(null);
            case "TASK_COMPLETED" -> match("^(.*): (\\S+)$", d).map(m -> object("taskName", m.group(1), "outcome",
                    m.group(2).equals("completed") ? null : m.group(2))).orElse(null);
            case "TASK_CLAIMED", "TASK_UNCLAIMED" -> object("taskName", d);
            case "REMINDER", "ESCALATION" -> match("^(\\S+)(?: \\((.*)\\))? -> (.*)$", d).map(m -> {
                ObjectNode node = object("step", m.group(1), "department", m.group(2));
                node.set("people", list(m.group(3), ","));
                node.set("groups", JSON.createArrayNode());
                return node;
            }).orElse(null);
            case "AGREEMENT_DRAFTED" -> match("^(\\S+) version (\\d+), SHA-256 (\\S+)$", d)
                    .map(m -> versioned(m, object("sha256", m.group(3)))).orElse(null);
            case "AGREEMENT_SIGNED" -> match("^(\\S+) version (\\d+) signed by (.*) for (.*)$", d).map(m -> {
                ObjectNode node = versioned(m, object("signedAs", m.group(3)));
                node.set("represented", list(m.group(4), " and "));
                return node;
            }).orElse(null);
            case "AGREEMENT_IN_FORCE" -> match(
                    "^(\\S+) version (\\d+) in force until (\\S+); signed PDF SHA-256 (\\S+)$", d).map(m -> versioned(m, object("expires", m.group(3), "pdfSha256", m.group(4)))).orElse(null);
            case "EXPIRY_REMINDER" -> match("^(\\S+) ends on (\\S+)$", d)
                    .map(m -> object("number", m.group(1), "expires", m.group(2))).orElse(null);
            case "AGREEMENT_EXPIRED" -> match("^(\\S+) expired$", d).map(m -> object("number", m.group(1)))
                    .orElse(null);
            case "AGREEMENT_TERMINATED" -> match("^(\\S+) version (\\d+) ended early by (.*?): (.*)$", d)
                    .map(m -> versioned(m, object("endedBy", m.group(3), "reason", m.group(4))))
                    .or(() -> match("^(\\S+) version (\\d+) (was never signed by all: .*)$", d)
                            .map(m -> versioned(m, object("reason", m.group(3)))))
                    .orElse(null);
            case "PROCESS_VERSION_CHANGED" -> match("^Moved from (\\S+) version (\\d+) to version (\\d+)\\b.*$", d)
                    .map(m -> {
                        ObjectNode node = object("process", m.group(1));
                        node.put("fromVersion", Integer.parseInt(m.group(2)));
                        node.put("toVersion", Integer.parseInt(m.group(3)));
                        return node;
                    }).orElse(null);
            case "DEPARTMENT_CREATED", "DATASET_CREATED" -> match("^(\\S+) (.*?): (.*?)\\.?$", d).map(m -> {
                ObjectNode node = object("code", m.group(1), "name", m.group(2));
                node.set("changes", JSON.createArrayNode().add(m.group(3)));
                return node;
            }).orElse(null);
            case "DEPARTMENT_CHANGED", "DATASET_CHANGED" -> match("^(\\S+): (.*?)\\.?$", d).map(m -> {
                ObjectNode node = object("code", m.group(1), "name", null);
                node.set("changes", list(m.group(2), ";"));
                return node;
            }).orElse(null);
            case "GROUP_CREATED" -> match("^(\\S+) \\((.*?)\\)(?:, for (.*))?$", d)
                    .map(m -> object("group", m.group(1), "label", m.group(2), "forWhom", m.group(3))).orElse(null);
            case "MEMBERSHIP_CHANGED" -> match("^(Added|Removed) (\\S+) (?:to|from) (\\S+?)\\.?$", d).map(m -> {
                ObjectNode node = object("userId", m.group(2), "group", m.group(3));
                node.put("added", m.group(1).equals("Added"));
                return node;
            }).orElse(null);
            case "PERSON_CREATED", "PERSON_UNLOCKED" -> match("^(\\S+)(?: (.*))?$", d)
                    .map(m -> object("userId", m.group(1), "note", m.group(2))).orElse(null);
            default -> null;
        };
    }

    private static java.util.Optional<Matcher> match(String pattern, String text) {
        Matcher matcher = Pattern.compile(pattern, Pattern.DOTALL).matcher(text);
        return matcher.matches() ? java.util.Optional.of(matcher) : java.util.Optional.empty();
    }

    private static ObjectNode versioned(Matcher m, ObjectNode node) {
        node.put("number", m.group(1));
        node.put("version", Integer.parseInt(m.group(2)));
        return node;
    }

    private static ObjectNode object(String... namesAndValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            node.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return node;
    }

    private static ArrayNode list(String text, String separator) {
        ArrayNode items = JSON.createArrayNode();
        for (String item : text.split(Pattern.quote(separator))) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }
}
