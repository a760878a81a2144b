package org.steward.workflow.request;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The bytes of attachments, in pieces of at most 1 MiB (table request_attachment_chunk): a file is written as it is
 * read and read back piece by piece, so no statement carries more than a piece, whatever the server's packet limit.
 */
@Component
class AttachmentChunks {

    /** The largest piece: far under MariaDB's and MySQL's smallest default max_allowed_packet (16 MiB). */
    static final int CHUNK_BYTES = 1024 * 1024;

    private final JdbcTemplate jdbc;

    AttachmentChunks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the stream's bytes as the attachment's pieces, in the caller's transaction; answers how many bytes. */
    long store(long attachmentId, InputStream content) throws IOException {
        byte[] buffer = new byte[CHUNK_BYTES];
        long total = 0;
        for (int position = 0;; position++) {
            int read = content.readNBytes(buffer, 0, CHUNK_BYTES);
            if (read == 0) {
                return total;
            }
            jdbc.update("INSERT INTO request_attachment_chunk (attachment_id, position, content) VALUES (?, ?, ?)",
                    attachmentId, position, read == CHUNK_BYTES ? buffer : Arrays.copyOf(buffer, read));
            total += read;
            if (read < CHUNK_BYTES) {
                return total;
            }
        }
    }

    /** The attachment's bytes as a stream that reads one piece at a time, each when it is needed. */
    InputStream read(long attachmentId) {
        return new InputStream() {
            private int next;
            private InputStream piece = InputStream.nullInputStream();
            private boolean ended;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] into, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                while (!ended) {
                    int read = piece.read(into, offset, length);
                    if (read > 0) {
                        return read;
                    }
                    List<byte[]> found = jdbc.query("SELECT content FROM request_attachment_chunk "
                            + "WHERE attachment_id = ? AND position = ?", (row, n) -> row.getBytes(1), attachmentId,
                            next++);
                    if (found.isEmpty()) {
                        ended = true;
                    } else {
                        piece = new ByteArrayInputStream(found.get(0));
                    }
                }
                return -1;
            }
        };
    }
}
