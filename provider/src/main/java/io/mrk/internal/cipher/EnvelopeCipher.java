package io.mrk.internal.cipher;

import io.mrk.EncryptionContextParameterSpec;
import io.mrk.spi.EncryptedDataKey;
import io.mrk.spi.EnvelopeKey;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * {@code AES/GCM/NoPadding} over a KMS-backed key: suite 2 of the MRK ciphertext
 * (spec/ciphertext-suite-2.md). The chunks, nonces, session budget and AES-GCM engine are suite 1's
 * ({@link ChunkedEncryptor}, {@link EncryptionSession}, {@link NonceSource}, {@link AesGcmCore}); the
 * data key comes from the key's owner ({@link EnvelopeKey#sessionForMessage}, KMS
 * {@code GenerateDataKey}, possibly cached) instead of MRK's registry.
 *
 * <p>Encryption: no caller IV (as suite 1); an optional {@link EncryptionContextParameterSpec}. Each
 * message, the first at {@code init} and every reuse after {@code doFinal}, takes one message from the
 * key's data-key cache. Decryption: optional {@link GCMParameterSpec} (the nonce the header must
 * carry) or {@link EncryptionContextParameterSpec} (the context the header must carry). Not
 * thread-safe, like every {@code Cipher}.
 */
final class EnvelopeCipher {

  /** Chunks of 2^16 = 64 KiB, as suite 1 writes. */
  static final int CHUNK_SIZE_LOG2 = 16;

  private final NonceSource nonces;
  private final ChunkedEncryptor encryptor;
  private final EnvelopeDecryptor decryptor;
  private final byte[] nonce = new byte[AesGcmCore.NONCE_BYTES];
  private SecureRandom saltRandom;
  private byte[] aad = new byte[64];
  private int aadLength;
  private int mode;
  private EnvelopeKey key;
  private Map<String, String> context;
  private SecureRandom random;
  private EnvelopeSession session;
  private boolean nonceUsed;
  private boolean dataStarted;
  private byte[] expectedNonce;
  private Map<String, String> requiredContext;

  EnvelopeCipher(NonceSource nonces, AesGcmCore core) {
    this(nonces, core, null);
  }

  /** For known-answer tests: {@code saltRandom} fixes the salt (null: a {@code new SecureRandom()}). */
  EnvelopeCipher(NonceSource nonces, AesGcmCore core, SecureRandom saltRandom) {
    this.nonces = nonces;
    this.encryptor = new ChunkedEncryptor(core);
    this.decryptor = new EnvelopeDecryptor(core);
    this.saltRandom = saltRandom;
  }

  void init(int opmode, EnvelopeKey k, AlgorithmParameterSpec params, SecureRandom r)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    if (opmode == Cipher.ENCRYPT_MODE) {
      if (params != null && !(params instanceof EncryptionContextParameterSpec)) {
        GcmParameters.checkNoEncryptionParameters(params);
      }
      Map<String, String> ctx = params == null ? Map.of() : ((EncryptionContextParameterSpec) params).context();
      EnvelopeSession s = k.sessionForMessage(ctx, maker(ctx));
      nonces.next(nonce, r);
      assign(opmode, k, r);
      context = ctx;
      session = s;
    } else if (opmode == Cipher.DECRYPT_MODE) {
      byte[] expected = null;
      Map<String, String> required = null;
      if (params instanceof EncryptionContextParameterSpec spec) {
        required = spec.context();
      } else {
        expected = GcmParameters.decryptionNonceOf(params);
      }
      assign(opmode, k, r);
      expectedNonce = expected;
      requiredContext = required;
      decryptor.start(k, expected, required);
    } else {
      throw new InvalidKeyException("MRK's AES/GCM supports ENCRYPT_MODE and DECRYPT_MODE only");
    }
  }

  /** Builds a session from a fresh data key: salt, header prefix H, HKDF (spec, section 2). */
  private EnvelopeKey.SessionMaker<EnvelopeSession> maker(Map<String, String> ctx) {
    return (dataKey, edk, maxBytes) -> {
      byte[] salt = new byte[DataKeyDerivation.SALT_BYTES];
      saltRandom().nextBytes(salt);
      byte[] bound;
      try {
        bound = EnvelopeHeader.encodeBoundPrefix(CHUNK_SIZE_LOG2, ctx, List.<EncryptedDataKey>of(edk), salt);
      } catch (IllegalArgumentException e) {
        throw new InvalidKeyException("cannot write a suite 2 header for " + edk + ": " + e.getMessage(), e);
      }
      DerivedKey derived = DataKeyDerivation.derive(DataKeyDerivation.ENVELOPE_LABEL, dataKey, bound,
          bound.length, salt);
      return new EnvelopeSession(new EncryptionSession(CHUNK_SIZE_LOG2, derived, bound), maxBytes);
    };
  }

  private SecureRandom saltRandom() {
    if (saltRandom == null) {
      saltRandom = new SecureRandom();
    }
    return saltRandom;
  }

  private void assign(int opmode, EnvelopeKey k, SecureRandom r) {
    mode = opmode;
    key = k;
    random = r;
    session = null;
    nonceUsed = false;
    dataStarted = false;
    aadLength = 0;
    expectedNonce = null;
    requiredContext = null;
  }

  void updateAad(byte[] src, int offset, int len) {
    if (dataStarted) {
      throw new IllegalStateException("AAD must be supplied before any data of the message");
    }
    long needed = (long) aadLength + len;
    if (needed > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("AAD longer than 2 GiB");
    }
    if (needed > aad.length) {
      aad = Arrays.copyOf(aad, (int) Math.max(needed, Math.min(2L * aad.length, Integer.MAX_VALUE - 8)));
    }
    System.arraycopy(src, offset, aad, aadLength, len);
    aadLength += len;
  }

  long outputLength(int n, boolean last) {
    if (mode == Cipher.ENCRYPT_MODE) {
      if (dataStarted) {
        return encryptor.outputLength(n, last);
      }
      return ChunkedEncryptor.outputLength(session.chunks().headerLength(), 0, 1 << CHUNK_SIZE_LOG2, n, last);
    }
    return decryptor.outputBound(n);
  }

  int update(byte[] in, int off, int n, byte[] out, int outOff) {
    startData();
    if (mode == Cipher.ENCRYPT_MODE) {
      session.count(n);
      return encryptor.update(in, off, n, out, outOff);
    }
    return decryptor.update(in, off, n, out, outOff);
  }

  int doFinal(byte[] in, int off, int n, byte[] out, int outOff) throws BadPaddingException {
    startData();
    try {
      if (mode == Cipher.ENCRYPT_MODE) {
        session.count(n);
        return encryptor.doFinal(in, off, n, out, outOff);
      }
      return decryptor.doFinal(in, off, n, out, outOff);
    } catch (GeneralSecurityException e) {
      Arrays.fill(out, outOff, outOff + decryptor.releasedByDoFinal(), (byte) 0);
      if (e instanceof BadPaddingException b) {
        throw b;
      }
      BadPaddingException wrapped = new BadPaddingException(e.getMessage());
      wrapped.initCause(e);
      throw wrapped;
    } finally {
      dataStarted = false;
      aadLength = 0;
      if (mode == Cipher.DECRYPT_MODE) {
        decryptor.start(key, expectedNonce, requiredContext);
      }
    }
  }

  /**
   * Starts a message at its first data. A reused encrypting cipher takes a new message from the key's
   * data-key cache; when that needs KMS and KMS fails, the failure is an {@code IllegalStateException}
   * whose cause is the {@code InvalidKeyException} (update and doFinal declare nothing fitting),
   * as suite 1 does for a key disabled between messages.
   */
  private void startData() {
    if (dataStarted) {
      return;
    }
    if (mode == Cipher.ENCRYPT_MODE) {
      if (nonceUsed) {
        try {
          session = key.sessionForMessage(context, maker(context));
        } catch (InvalidKeyException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
        nonces.next(nonce, random);
      }
      nonceUsed = true;
      encryptor.start(session.chunks(), nonce, aad, aadLength);
    } else {
      decryptor.bindAad(aad, aadLength);
    }
    dataStarted = true;
  }

  byte[] iv() {
    if (mode == Cipher.ENCRYPT_MODE) {
      return nonce.clone();
    }
    return decryptor.headerRead() ? decryptor.baseNonce().clone()
        : expectedNonce == null ? null : expectedNonce.clone();
  }

  AlgorithmParameters parameters() {
    byte[] iv = iv();
    return iv == null ? null : GcmParameters.of(iv);
  }
}
