package io.supportpro.bootstrap.benchmark;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A browser reduced to what the benchmark needs: HTTP/1.1 over one kept-alive connection to one
 * host, cookies by name, no redirects followed. A real browser runs on another machine and costs
 * the server nothing; this one shares the server's processors, so it does as little work as it can.
 */
final class LeanBrowser implements AutoCloseable {
  /** The status, body and {@code Location} header ({@code ""} when none) of one answer. */
  record Answer(int status, String body, String location) {}

  private final URI base;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  LeanBrowser(URI base) {
    this.base = base;
  }

  /** Forgets every cookie, as a new private window would. */
  void forgetCookies() {
    cookies.clear();
  }

  Answer get(String path) throws IOException {
    return exchange("GET", path, null);
  }

  Answer postForm(String path, String form) throws IOException {
    return exchange("POST", path, form);
  }

  private Answer exchange(String method, String path, String form) throws IOException {
    if (socket == null) {
      socket = new Socket(base.getHost(), base.getPort());
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    }
    var request = new StringBuilder(256);
    request.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    request.append("Host: ").append(base.getAuthority()).append("\r\n");
    if (!cookies.isEmpty()) {
      request.append("Cookie: ");
      cookies.forEach((name, value) -> request.append(name).append('=').append(value).append("; "));
      request.setLength(request.length() - 2);
      request.append("\r\n");
    }
    byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
    if (form != null) {
      request.append("Content-Type: application/x-www-form-urlencoded\r\n");
      request.append("Content-Length: ").append(body.length).append("\r\n");
    }
    request.append("\r\n");
    out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
    return readAnswer();
  }

  private Answer readAnswer() throws IOException {
    String statusLine = line();
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean close = false;
    String location = "";
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      String name = header.substring(0, colon).toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).strip();
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
        case "connection" -> close = value.equalsIgnoreCase("close");
        case "set-cookie" -> keepCookie(value);
        case "location" -> location = value;
        default -> {
          // other headers do not matter here
        }
      }
    }
    var body = new ByteArrayOutputStream();
    if (chunked) {
      for (int size = Integer.parseInt(line(), 16); size > 0; size = Integer.parseInt(line(), 16)) {
        body.write(in.readNBytes(size));
        line();
      }
      line();
    } else if (length > 0) {
      body.write(in.readNBytes((int) length));
    }
    if (close) {
      close();
    }
    return new Answer(status, body.toString(StandardCharsets.UTF_8), location);
  }

  private void keepCookie(String setCookie) {
    String pair = setCookie.split(";", 2)[0];
    int equals = pair.indexOf('=');
    String name = pair.substring(0, equals).strip();
    String value = pair.substring(equals + 1).strip();
    boolean expired = value.isEmpty() || setCookie.toLowerCase(Locale.ROOT).contains("max-age=0");
    if (expired) {
      cookies.remove(name);
    } else {
      cookies.put(name, value);
    }
  }

  private String line() throws IOException {
    var line = new StringBuilder(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("the server closed the connection");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    if (socket != null) {
      socket.close();
      socket = null;
    }
  }
}
