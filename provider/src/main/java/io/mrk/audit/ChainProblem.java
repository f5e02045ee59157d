package io.mrk.audit;

/** What is wrong at the first broken point of an audit log. */
public enum ChainProblem {
  /** The file could not be read. */
  UNREADABLE,
  /** The last line has no terminating newline: a write was cut short. */
  TRUNCATED_LINE,
  /** A line exceeds the longest line a log may hold (1 MiB). */
  LINE_TOO_LONG,
  /** A line is not valid UTF-8 JSON. */
  UNPARSABLE_JSON,
  /** A line is JSON but lacks or mangles a required field (time, Region, chain fields). */
  MALFORMED_RECORD,
  /** {@code awsRegion} differs from the Region the file is named after. */
  WRONG_REGION,
  /** The sequence number is not the previous one plus one: a line was removed, added or moved. */
  SEQUENCE_GAP,
  /** The first line does not link to this Region's genesis value. */
  WRONG_GENESIS,
  /** A line's previous link is not the link of the line before it. */
  BROKEN_LINK,
  /** The HMAC does not verify: the line was altered, or written under another chain key. */
  BAD_HMAC,
  /** The log ends before the record the keystore anchored: truncated, or replaced by an older copy. */
  BEHIND_ANCHOR,
  /** The log holds another record where the keystore anchored one, or later records do not extend it. */
  ANCHOR_MISMATCH,
  /** The keystore anchored this Region's log, or a Region holds keys, and there is no log file. */
  MISSING_LOG,
  /** A writer found this log tampered with and recorded it in the chain ({@code MrkAuditAnchorViolation}). */
  VIOLATION_RECORDED
}
