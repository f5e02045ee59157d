package io.mrk.kms;

/** One row of ListKeys. */
public record KeyListEntry(KeyId keyId, String keyArn) {}
