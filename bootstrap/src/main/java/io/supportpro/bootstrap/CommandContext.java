package io.supportpro.bootstrap;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;

/** What a command sees of its process: the environment, a password source, output and errors. */
record CommandContext(
    Map<String, String> env, PasswordSource passwords, PrintWriter out, PrintWriter err) {

  /** Where a command reads a password from: a terminal without echo, or standard input. */
  @FunctionalInterface
  interface PasswordSource {
    /** The password, or an empty string when none was given. */
    String read() throws IOException;
  }
}
