package io.supportpro.bootstrap;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The entry point of {@code supportpro.jar}. */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its code, unless the server keeps running. */
  public static void main(String[] args) {
    var out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    var err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    var context = new CommandContext(System.getenv(), Main::readPassword, out, err);
    int code = CommandLineInterface.run(context, args);
    if (code != CommandLineInterface.KEEP_RUNNING) {
      System.exit(code);
    }
  }

  // A terminal reads without echo; piped input (scripts, tests) is read as its first line.
  private static String readPassword() throws IOException {
    Console terminal = System.console();
    if (isTerminal(terminal)) {
      char[] typed = terminal.readPassword("Password (at least 12 characters): ");
      return typed == null ? "" : new String(typed);
    }
    var stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    return Objects.requireNonNullElse(stdin.readLine(), "");
  }

  // Java 22 added Console.isTerminal() and returns a console even for piped input; on Java 21 a
  // console exists only for a terminal.
  private static boolean isTerminal(Console console) {
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
