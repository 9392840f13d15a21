package io.supportpro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * An operator signed in from two browsers, each a real headless Chromium against the whole
 * application on H2, sees both sessions and signs the other one out.
 */
class SessionsJourneyIT {
  @AutoClose private Panel panel;
  @AutoClose private BrowserSteps laptop;
  @AutoClose private BrowserSteps phone;

  @BeforeEach
  void start() {
    panel = Panel.start(Store.H2);
    panel.operator("olivia", "operator");
    laptop = BrowserSteps.start(panel.base(), "sessions-laptop");
    phone = BrowserSteps.start(panel.base(), "sessions-phone");
  }

  @AfterEach
  void endOfJourney() {
    laptop.endJourney();
    phone.endJourney();
  }

  private static List<WebElement> rows(BrowserSteps browser) {
    return browser.driver().findElements(By.cssSelector("main table tbody tr"));
  }

  @Test
  void signedInFromTwoBrowsers_seesBothAndSignsTheOtherOut() {
    laptop.signIn("olivia", Panel.PASSWORD);
    phone.signIn("olivia", Panel.PASSWORD);

    laptop.open("/", "home-again");
    laptop.follow(By.linkText("Sessions"), "list");
    assertThat(laptop.path()).isEqualTo("/account/sessions");
    List<WebElement> listed = rows(laptop);
    assertThat(listed).hasSize(2);
    assertThat(listed).allSatisfy(row -> assertThat(row.getText()).contains("Chrome", "Linux"));
    assertThat(listed)
        .filteredOn(row -> row.getText().contains("This session"))
        .singleElement()
        .satisfies(
            row -> assertThat(row.findElements(By.tagName("button"))).as("no sign-out").isEmpty());

    laptop.follow(
        By.xpath("//main//table//button[normalize-space(text())='Sign out']"), "other-signed-out");

    assertThat(laptop.pageText()).contains("The session was signed out.");
    assertThat(rows(laptop))
        .singleElement()
        .satisfies(r -> assertThat(r.getText()).contains("This session"));
    phone.open("/account/security", "signed-out");
    assertThat(phone.path()).isEqualTo("/login");
    laptop.open("/account/security", "still-signed-in");
    assertThat(laptop.path()).isEqualTo("/account/security");
  }
}
