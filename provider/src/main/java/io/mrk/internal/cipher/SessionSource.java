package io.mrk.internal.cipher;

import io.mrk.internal.key.KeyMaterial;
import io.mrk.kms.Arn;
import java.security.GeneralSecurityException;

/** Supplies the encryption session for a key's material in one Region. */
@FunctionalInterface
interface SessionSource {

  /** A session that accepts new messages, for {@code material} of the key {@code keyArn}. */
  EncryptionSession sessionFor(KeyMaterial material, Arn keyArn) throws GeneralSecurityException;
}
