package io.mrk.internal.audit;

import io.mrk.audit.ChainProblem;

/** A stored line that is not a well-formed audit record; {@link #problem()} says how. */
final class MalformedRecordException extends Exception {

  private static final long serialVersionUID = 1L;

  private final ChainProblem problem;

  MalformedRecordException(ChainProblem problem, String message) {
    super(message);
    this.problem = problem;
  }

  ChainProblem problem() {
    return problem;
  }
}
