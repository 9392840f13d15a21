package io.supportpro.adapter.out.duo.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

/**
 * A small HTTP proxy on the loopback interface that only tunnels ({@code CONNECT}) to the
 * emulator's API host on port 443, and delivers those tunnels to the local HTTPS server. It is what
 * lets the real SDK, which always uses port 443, reach an emulator on a random port.
 */
final class ConnectProxy implements AutoCloseable {
  static final int MAX_HEADER_BYTES = 8 * 1024;
  static final int MAX_TUNNELS = 64;
  static final int HEADER_TIMEOUT_MILLIS = 10_000;
  static final int IDLE_TIMEOUT_MILLIS = 120_000;
  static final int CONNECT_TIMEOUT_MILLIS = 2_000;

  private final String apiHost;
  private final int targetPort;
  private final BooleanSupplier down;
  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Semaphore tunnels = new Semaphore(MAX_TUNNELS);
  private final Thread acceptor;
  private volatile boolean closed;

  ConnectProxy(String apiHost, int targetPort, BooleanSupplier down) throws IOException {
    this.apiHost = apiHost.toLowerCase(Locale.ROOT);
    this.targetPort = targetPort;
    this.down = down;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    this.acceptor = Thread.ofPlatform().daemon().name("duo-emulator-proxy").start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Cuts every open tunnel, as a network outage would. */
  void dropAll() {
    for (Socket socket : open) {
      closeQuietly(socket);
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    dropAll();
    try {
      acceptor.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void accept() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      if (down.getAsBoolean() || !tunnels.tryAcquire()) {
        closeQuietly(client);
        continue;
      }
      open.add(client);
      Thread.ofVirtual()
          .name("duo-emulator-tunnel")
          .start(
              () -> {
                try {
                  serve(client);
                } finally {
                  open.remove(client);
                  closeQuietly(client);
                  tunnels.release();
                }
              });
    }
  }

  private void serve(Socket client) {
    try {
      client.setSoTimeout(HEADER_TIMEOUT_MILLIS);
      String head = readHead(client.getInputStream());
      String requestLine = head.lines().findFirst().orElse("");
      String[] parts = requestLine.split(" ");
      OutputStream toClient = client.getOutputStream();
      if (parts.length != 3 || !"CONNECT".equals(parts[0]) || !parts[2].startsWith("HTTP/1.")) {
        reply(toClient, "405 Method Not Allowed");
        return;
      }
      if (!(apiHost + ":443").equals(parts[1].toLowerCase(Locale.ROOT))) {
        reply(toClient, "403 Forbidden");
        return;
      }
      try (Socket upstream = new Socket()) {
        upstream.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort),
            CONNECT_TIMEOUT_MILLIS);
        open.add(upstream);
        try {
          toClient.write(
              "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          toClient.flush();
          client.setSoTimeout(IDLE_TIMEOUT_MILLIS);
          upstream.setSoTimeout(IDLE_TIMEOUT_MILLIS);
          Thread back =
              Thread.ofVirtual()
                  .name("duo-emulator-tunnel-back")
                  .start(() -> pump(upstream, client));
          pump(client, upstream);
          back.join();
        } finally {
          open.remove(upstream);
        }
      }
    } catch (IOException | RuntimeException e) {
      // The peer went away or sent garbage; the tunnel simply ends.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int read; (read = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // One side closed or timed out: close both below.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  /**
   * Reads up to the blank line that ends the request head, byte by byte so nothing after it is
   * lost.
   */
  private static String readHead(InputStream in) throws IOException {
    var head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        throw new SocketException("the client closed before the request head ended");
      }
      head.write(b);
      if (head.size() > MAX_HEADER_BYTES) {
        throw new SocketException("request head too large");
      }
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static void reply(OutputStream out, String status) throws IOException {
    out.write(
        ("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Nothing more to do with a socket that will not close.
    }
  }
}
