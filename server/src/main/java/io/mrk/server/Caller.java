package io.mrk.server;

/**
 * Who sent a request: the access key id it was signed with and the principal that key maps to;
 * {@code principal} is {@code null} for the keystore holder (only with
 * {@code --insecure-accept-any-signature}), who acts as the account root.
 */
record Caller(String accessKeyId, String principal) {

  static final Caller UNVERIFIED = new Caller(null, null);
}
