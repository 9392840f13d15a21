package io.supportpro.adapter.out.persistence;

import io.supportpro.domain.operator.DisplayName;
import io.supportpro.domain.operator.EmailAddress;
import io.supportpro.domain.operator.OperatorSearch;
import io.supportpro.domain.operator.Username;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Version 13.1: writes the search terms of the operators added before version 13 created their
 * table. The terms come from the same {@link OperatorSearch} the repository uses, which SQL alone
 * could not split into words alike on every database.
 */
final class SearchTermsMigration implements JavaMigration {
  private static final int BATCH = 1000;

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("13.1");
  }

  @Override
  public String getDescription() {
    return "operator search terms of existing operators";
  }

  @Override
  public Integer getChecksum() {
    return 1;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    try (Statement read = connection.createStatement();
        PreparedStatement write =
            connection.prepareStatement(
                "INSERT INTO operator_search_term (operator_id, term) VALUES (?, ?)")) {
      // Read in slices rather than all at once: a large panel need not fit in memory.
      read.setFetchSize(BATCH);
      try (ResultSet rows =
          read.executeQuery("SELECT id, username, email, display_name FROM operator")) {
        int pending = 0;
        while (rows.next()) {
          UUID id = rows.getObject(1, UUID.class);
          var terms =
              OperatorSearch.terms(
                  new Username(rows.getString(2)),
                  new EmailAddress(rows.getString(3)),
                  new DisplayName(rows.getString(4)));
          for (String term : terms) {
            write.setObject(1, id);
            write.setString(2, term);
            write.addBatch();
            pending++;
          }
          if (pending >= BATCH) {
            write.executeBatch();
            pending = 0;
          }
        }
        if (pending > 0) {
          write.executeBatch();
        }
      }
    }
  }
}
