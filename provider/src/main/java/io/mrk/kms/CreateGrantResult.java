package io.mrk.kms;

/** CreateGrant's answer. The token is usable at once, as KMS's is. */
public record CreateGrantResult(String grantId, String grantToken) {}
