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
