package io.supportpro.bootstrap;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Response;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demo command as a newcomer runs it: the banner, then the whole Duo sign-in over HTTP, as a
 * browser would send it.
 */
class DemoIT {
  private static final Pattern PASSWORD = Pattern.compile("Password\\s+(\\S+)");
  private static final Pattern DIRECTORY = Pattern.compile("database in (\\S+),");

  @Test
  void theDemoSignsTheSeededAdministratorInThroughTheDuoEmulatorAndLeavesNothingBehind()
      throws Exception {
    int port;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path directory;
    try (JarProcess demo =
        JarProcess.start(Map.of("SUPPORTPRO_PORT", Integer.toString(port)), "", "demo")) {
      Matcher password = await(demo, PASSWORD);
      directory = Path.of(await(demo, DIRECTORY).group(1));
      assertThat(demo.stdout())
          .contains("SUPPORTPRO DEMO - NOT FOR PRODUCTION USE")
          .contains("Open      http://127.0.0.1:" + port + "/login")
          .contains("Username  admin");
      assertThat(directory).isDirectory();

      Browser browser = new Browser(URI.create("http://127.0.0.1:" + port));
      // The password sends the browser straight to the emulator's prompt.
      Response toDuo = signIn(browser, "admin", password.group(1));
      assertThat(toDuo.status()).as(toDuo.body()).isEqualTo(303);
      URI prompt = URI.create(toDuo.location().orElseThrow());
      assertThat(prompt.getPort()).isNotEqualTo(port);
      URI callback = DuoPrompt.answer(prompt, true);
      assertThat(callback.getPort()).isEqualTo(port);
      assertThat(browser.get(DuoPrompt.pathAndQuery(callback)).status()).isEqualTo(303);
      assertThat(browser.get("/").text()).contains("Signed in as");
    }
    // Stopping the demo (as Ctrl+C does) deletes its throw-away directory.
    Instant deadline = Instant.now().plusSeconds(10);
    while (Files.exists(directory) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(directory).doesNotExist();
  }

  private static Matcher await(JarProcess process, Pattern pattern) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      Matcher matcher = pattern.matcher(process.stdout());
      if (matcher.find()) {
        return matcher;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "the demo did not print " + pattern + ":\n" + process.stdout() + process.stderr());
  }
}
