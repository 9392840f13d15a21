package io.supportpro.bootstrap;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How many SQL statements a browser's password sign-in costs the embedded H2 database, counted by
 * the database itself (commits included): the database work of a sign-in is what the panel adds to
 * the password hash, so it must not grow back unnoticed.
 */
class SignInStatementsIT {
  /**
   * The form, the password sign-in of an operator without a second factor from a new browser, and
   * the home page it leads to; with the test plugins of this module on the class path, each asked
   * whether it applies.
   */
  private static final long PER_SIGN_IN = 24;

  // Left out: the reading of the statistics and the settings of the connections that read them;
  // and the driver's answer when jOOQ asks whether a connection is read-only as a transaction
  // begins, which it asks or not depending on the pooled connection the transaction is given.
  private static final String OF_THE_SIGN_IN =
      " FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
          + " WHERE SQL_STATEMENT NOT LIKE '%INFORMATION_SCHEMA%'"
          + " AND SQL_STATEMENT NOT LIKE 'SET %'"
          + " AND SQL_STATEMENT <> 'CALL READONLY()'";

  private Panel panel;

  @BeforeEach
  void start() {
    panel = Panel.start(Store.H2);
    panel.operator("alice", "operator");
    // A first sign-in loads what is read once and kept.
    assertThat(signIn(panel.browser(), "alice", Panel.PASSWORD).status()).isEqualTo(303);
  }

  @AfterEach
  void stop() {
    panel.close();
  }

  @Test
  void aPasswordSignInAndItsHomePage_runAFixedNumberOfStatements() {
    panel.execute("SET QUERY_STATISTICS TRUE");
    Browser browser = panel.browser();

    assertThat(signIn(browser, "alice", Panel.PASSWORD).status()).isEqualTo(303);
    assertThat(browser.get("/").status()).isEqualTo(200);

    long run = panel.count("SELECT COALESCE(SUM(EXECUTION_COUNT), 0)" + OF_THE_SIGN_IN);
    assertThat(run)
        .as(
            () ->
                panel.text(
                    "SELECT LISTAGG(EXECUTION_COUNT || ' ' || SQL_STATEMENT, CHAR(10))"
                        + OF_THE_SIGN_IN))
        .isEqualTo(PER_SIGN_IN);
  }
}
