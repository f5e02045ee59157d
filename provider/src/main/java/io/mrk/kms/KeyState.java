package io.mrk.kms;

/** Key states with their KMS spelling. {@code Unavailable} (custom key stores) never applies to MRK. */
public enum KeyState {
  CREATING("Creating"),
  ENABLED("Enabled"),
  DISABLED("Disabled"),
  PENDING_DELETION("PendingDeletion"),
  PENDING_IMPORT("PendingImport"),
  PENDING_REPLICA_DELETION("PendingReplicaDeletion"),
  UPDATING("Updating");

  private final String kmsName;

  KeyState(String kmsName) {
    this.kmsName = kmsName;
  }

  /** The state as KMS prints it, e.g. {@code PendingDeletion}. */
  public String kmsName() {
    return kmsName;
  }

  /** The state whose KMS spelling is {@code name}. */
  public static KeyState fromKmsName(String name) throws KmsException {
    for (KeyState s : values()) {
      if (s.kmsName.equals(name)) {
        return s;
      }
    }
    throw new KmsException(KmsError.VALIDATION, "Unknown key state '" + name + "'.");
  }

  @Override
  public String toString() {
    return kmsName;
  }
}
