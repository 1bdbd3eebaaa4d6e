package io.dreamworker.worker.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The loopback interface the servers bind to, and its ports. A child server needs its port before
 * it starts (it is in the broker's listeners and in s3proxy's endpoint), so a free one is found by
 * binding port 0 and released just before the child binds it; another process taking it in that
 * instant makes the child fail to start, with the bind error in its log.
 */
public final class LoopbackPorts {
  /** The address every server binds to: never reachable from another machine. */
  public static final String HOST = "127.0.0.1";

  /** How long a probe waits for a TCP connection on loopback, where a live server accepts at once. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);

  private LoopbackPorts() {}

  /**
   * Ports that nothing listens on at this moment, all different: each is held until all are
   * found, since a port just released may be the next one handed out.
   */
  public static int[] free(int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        held.add(new ServerSocket(0, 1, InetAddress.getByName(HOST)));
      }
      return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find " + count + " free ports on " + HOST, e);
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Closing a listening socket that accepted nothing does not fail in practice; if it
          // did, the child's bind would report it.
        }
      }
    }
  }

  /** Whether something accepts TCP connections on the port. */
  static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), (int) CONNECT_TIMEOUT.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
