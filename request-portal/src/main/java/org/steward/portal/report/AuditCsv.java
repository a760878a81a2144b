package org.steward.portal.report;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.steward.portal.request.PlainWords;
import org.steward.portal.system.CsvFile;
import org.steward.workflow.audit.AuditSearch.Entry;

/** The audit trail's events as a CSV file (RFC 4180, UTF-8, CRLF), oldest first, in plain words beside the codes. */
final class AuditCsv {

    static final List<String> HEADER = List.of("Time", "Event type", "Event", "Request", "Person", "Name", "How",
            "Client address", "Detail");

    private AuditCsv() {
    }

    static ResponseEntity<byte[]> download(List<Entry> entries, PlainWords words, ZoneId zone) {
        return CsvFile.download("steward-audit-trail.csv", CsvFile.write(HEADER, entries.stream()
                .map(e -> List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(e.time().atZone(zone)),
                        e.type().name(), e.typeWords(), text(e.reference()), text(e.actor()), text(e.actorName()),
                        words.channel(e.channel()), text(e.clientAddress()), text(e.words())))
                .toList()));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
