package org.steward.benchmarks;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the results go: standard output and benchmarks/target/benchmark-results.md at once, line by line, so that a
 * run cut short still leaves what it measured. Progress messages go to standard error and stay out of it.
 */
final class Report implements AutoCloseable {

    private final PrintStream out;
    private final OutputStream file;

    Report(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        this.file = new FileOutputStream(path.toFile());
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                System.out.write(b);
                file.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                System.out.write(bytes, offset, length);
                file.write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                System.out.flush();
                file.flush();
            }
        };
        this.out = new PrintStream(both, true, StandardCharsets.UTF_8);
    }

    /** The stream a part of the benchmark prints its results to (the reads at volume get it too). */
    PrintStream out() {
        return out;
    }

    void line(String text) {
        out.println(text);
    }

    void line(String format, Object... args) {
        out.println(String.format(java.util.Locale.ROOT, format, args));
    }

    static void progress(String format, Object... args) {
        System.err.println("[bench " + java.time.LocalTime.now().withNano(0) + "] "
                + String.format(java.util.Locale.ROOT, format, args));
    }

    @Override
    public void close() throws IOException {
        out.flush();
        file.close();
    }
}
