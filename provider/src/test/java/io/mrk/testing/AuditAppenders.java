package io.mrk.testing;

/**
 * Waits for the audit trails' background appenders of this JVM to finish, so a test's temporary
 * directory is not deleted while an appender is still writing a reader's events into it (a reader's
 * events are appended asynchronously, and a KeyStore has no close).
 */
public final class AuditAppenders {

  private AuditAppenders() {}

  /** Joins every thread named {@code mrk-audit-*}, each for at most 10 seconds. */
  public static void awaitIdle() throws InterruptedException {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("mrk-audit-") && !t.getName().equals("mrk-audit-shutdown")) {
        t.join(10_000);
      }
    }
  }
}
