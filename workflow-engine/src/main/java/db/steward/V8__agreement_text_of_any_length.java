package db.steward;

import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * An agreement's text holds the request's answers, each up to its own limit and escaped as HTML (an ampersand takes
 * five bytes, an emoji four): together more than MySQL's TEXT (64 KB) can hold. MEDIUMTEXT (16 MB) holds any. H2's TEXT
 * has no such limit, and the SQL to change a column's type differs between the two, hence Java.
 */
public class V8__agreement_text_of_any_length extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        String product = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (!product.contains("mysql") && !product.contains("mariadb")) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("ALTER TABLE data_sharing_agreement MODIFY document_text MEDIUMTEXT NOT NULL");
        }
    }
}
