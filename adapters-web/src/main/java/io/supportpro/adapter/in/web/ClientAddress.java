package io.supportpro.adapter.in.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tells which address a request came from. Behind a trusted reverse proxy or load balancer that is
 * the address it saw, taken from the right of {@code X-Forwarded-For}; otherwise, and whenever that
 * header cannot be trusted, the peer of the connection itself.
 */
public final class ClientAddress {
  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  // A dotted-quad IPv4 address, or text with a colon, which InetAddress reads as an IPv6 literal
  // or refuses: nothing that it would look up in DNS (as it does "cafe" or "999.1.1.1").
  private static final Pattern LITERAL =
      Pattern.compile(OCTET + "(\\." + OCTET + "){3}|(?=.{2,45}$)[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");

  private final List<InetAddress> trustedProxies;

  ClientAddress(List<InetAddress> trustedProxies) {
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  /** The client's address for a connection from {@code peer} with this forwarding header. */
  String resolve(String peer, String forwardedFor) {
    if (forwardedFor == null || !trusted(peer)) {
      return peer;
    }
    // Proxies append what they saw; the right-most address not of a trusted proxy is the client.
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      Optional<InetAddress> hop = literal(hops[i].strip());
      if (hop.isEmpty()) {
        return peer;
      }
      if (!trustedProxies.contains(hop.get())) {
        return hop.get().getHostAddress();
      }
    }
    return peer;
  }

  private boolean trusted(String peer) {
    return !trustedProxies.isEmpty() && literal(peer).map(trustedProxies::contains).orElse(false);
  }

  /** The address of an IP literal, found without asking DNS; empty for anything else. */
  public static Optional<InetAddress> literal(String text) {
    if (text == null || !LITERAL.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(text));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
