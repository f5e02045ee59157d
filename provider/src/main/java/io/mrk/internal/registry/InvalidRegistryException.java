package io.mrk.internal.registry;

import java.io.IOException;

/** A registry payload that is malformed, truncated, of an unknown format version or inconsistent. */
public final class InvalidRegistryException extends IOException {

  private static final long serialVersionUID = 1L;

  public InvalidRegistryException(String message) {
    super(message);
  }
}
