package io.mrk.audit;

/** An audit log that cannot be resumed or read, with the precise break when there is one. */
public final class AuditLogException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient ChainBreak chainBreak;

  public AuditLogException(ChainBreak chainBreak) {
    super(chainBreak.toString());
    this.chainBreak = chainBreak;
  }

  /** Where and how the log is broken. */
  public ChainBreak chainBreak() {
    return chainBreak;
  }
}
