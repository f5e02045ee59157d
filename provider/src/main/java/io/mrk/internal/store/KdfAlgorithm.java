package io.mrk.internal.store;

/**
 * The password KDFs a sealed keystore may name, with the one-byte id stored in the file.
 *
 * <p>Only Argon2id is defined: one memory-hard KDF keeps the attack surface and the test matrix
 * small, and the id byte leaves room for another without a format change.
 */
public enum KdfAlgorithm {

  /** Argon2id, version 0x13, as specified by RFC 9106; no secret value K, no associated data X. */
  ARGON2ID(1, "argon2id");

  private final int id;
  private final String label;

  KdfAlgorithm(int id, String label) {
    this.id = id;
    this.label = label;
  }

  /** The id byte written in the file. */
  public int id() {
    return id;
  }

  /** The name used in the compact text form, e.g. {@code argon2id}. */
  public String label() {
    return label;
  }

  /** The algorithm with this file id, or null when the id is unknown. */
  static KdfAlgorithm fromId(int id) {
    for (KdfAlgorithm algorithm : values()) {
      if (algorithm.id == id) {
        return algorithm;
      }
    }
    return null;
  }

  /** The algorithm with this text label, or null when the label is unknown. */
  static KdfAlgorithm fromLabel(String label) {
    for (KdfAlgorithm algorithm : values()) {
      if (algorithm.label.equals(label)) {
        return algorithm;
      }
    }
    return null;
  }
}
