package se.region.cdr.bench.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** The harness only talks to servers on this machine. */
public final class Loopback {

  private Loopback() {}

  /** Refuses {@code url} unless its host is a loopback address. */
  public static void require(String option, String url) throws UnknownHostException {
    String host = URI.create(url).getHost();
    if (host == null || !InetAddress.getByName(host).isLoopbackAddress()) {
      throw new IllegalArgumentException(
          "--" + option + " must point at this machine (loopback): " + url);
    }
  }
}
