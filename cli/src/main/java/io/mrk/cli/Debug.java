package io.mrk.cli;

import java.io.PrintWriter;

/** {@code --debug}: timestamped phase lines and the full cause of a failure, on stderr. */
final class Debug {

  private final boolean on;
  private final PrintWriter err;
  private final long start = System.nanoTime();

  Debug(boolean on, PrintWriter err) {
    this.on = on;
    this.err = err;
  }

  /** The JVM's own start-up before the command ran (JVM, class loading, command line parsing). */
  void started() {
    if (on) {
      long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
      err.printf("DEBUG JVM up %d ms when the command started (start-up and parsing)%n", uptime);
    }
  }

  void phase(String what) {
    if (on) {
      err.printf("DEBUG %8.1f ms  %s%n", (System.nanoTime() - start) / 1e6, what);
      err.flush();
    }
  }

  /** The failure's class and cause chain (never a key: provider messages carry no material). */
  void cause(Throwable t) {
    if (!on) {
      return;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      err.println("DEBUG cause: " + c.getClass().getName() + ": " + c.getMessage());
      for (StackTraceElement e : c.getStackTrace()) {
        err.println("DEBUG     at " + e);
      }
    }
    err.flush();
  }
}
