package io.supportpro.adapter.out.persistence.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Forwards TCP connections from a local port to a server on this machine: {@link #cut()} breaks
 * every connection and refuses new ones, as a stopped database or a broken network would, and
 * {@link #restore()} lets connections through again on the same port.
 */
public final class TcpProxy implements AutoCloseable {
  private final int targetPort;
  private final int port;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile ServerSocket listener;

  /** Starts forwarding from a free local port to {@code targetPort} on the loopback address. */
  public TcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = listen(0);
    this.port = listener.getLocalPort();
    accept(listener);
  }

  /** The local port that leads to the server. */
  public int port() {
    return port;
  }

  /** Breaks every connection and refuses new ones until {@link #restore()}. */
  public void cut() {
    closeQuietly(listener);
    sockets.forEach(TcpProxy::closeQuietly);
    sockets.clear();
  }

  /** Accepts and forwards connections again, on the same port. */
  public void restore() throws IOException {
    listener = listen(port);
    accept(listener);
  }

  private static ServerSocket listen(int port) throws IOException {
    var socket = new ServerSocket();
    // The port was just closed; listening on it again must not wait for old connections to end.
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    return socket;
  }

  private void accept(ServerSocket from) {
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                while (true) {
                  Socket client = from.accept();
                  Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                  sockets.add(client);
                  sockets.add(server);
                  pump(client, server);
                  pump(server, client);
                }
              } catch (IOException e) {
                // Cut or closed.
              }
            });
  }

  private static void pump(Socket from, Socket to) {
    Thread.ofVirtual()
        .start(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // One side went away; closing both ends the connection.
              }
              closeQuietly(from);
              closeQuietly(to);
            });
  }

  /** Cuts for good. */
  @Override
  public void close() {
    cut();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Already closed.
    }
  }
}
