package io.mrk.server;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Waits for SIGTERM or SIGINT, so that {@code mrk serve} can stop gracefully and exit 0 rather than
 * be ended by the JVM's default handlers (exit 143 or 130). Uses {@code sun.misc.Signal} from
 * {@code jdk.unsupported}, the only signal API the JDK has.
 */
public final class StopSignals {

  private final CountDownLatch stop = new CountDownLatch(1);
  private volatile String received;

  private StopSignals() {}

  /** Installs the handlers; from now on SIGTERM and SIGINT only release {@link #await}. */
  public static StopSignals install() {
    StopSignals s = new StopSignals();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), sig -> {
        s.received = "SIG" + sig.getName();
        s.stop.countDown();
      });
    }
    return s;
  }

  /** Blocks until a stop signal arrives; returns its name, e.g. {@code SIGTERM}. */
  public String await() throws InterruptedException {
    stop.await();
    return received;
  }
}
