package io.mrk.internal.cipher;

import io.mrk.MrkKey;
import io.mrk.internal.key.KeyMaterial;
import io.mrk.internal.key.KeyMaterialSource;
import io.mrk.internal.key.MrkKeyHandle;
import io.mrk.kms.Arn;
import io.mrk.kms.KmsException;
import io.mrk.kms.MultiRegionKeyMatch;
import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidParameterSpecException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;

/**
 * {@code AES/GCM/NoPadding} over MRK key handles, producing and reading the portable, key-committing,
 * chunked MRK ciphertext (spec/ciphertext-format.md).
 *
 * <p>Decryption releases plaintext one verified chunk at a time, never before its tag verified, and
 * never the held-back last chunk before {@code doFinal}; a failure found in {@code update} withholds
 * all later output and is thrown by {@code doFinal}. Encryption chooses its own nonce: a caller's IV is
 * refused. After {@code doFinal} an encrypting cipher may be reused: the next message draws a fresh
 * base nonce. The differences from SunJCE are listed in DIFFERENCES.md. Not thread-safe, like every
 * {@code Cipher}.
 */
public final class MrkAesGcmCipherSpi extends CipherSpi {

  private static final int NO_MODE = 0;

  private final SessionSource sessions;
  private final AesGcmCore core = new AesGcmCore();
  private final ChunkedEncryptor encryptor = new ChunkedEncryptor(core);
  private final ChunkedDecryptor decryptor = new ChunkedDecryptor(core, this::keyFor);
  private final byte[] nonce = new byte[AesGcmCore.NONCE_BYTES];
  private byte[] aad = new byte[64];
  private int aadLength;

  private int mode = NO_MODE;
  private MrkKeyHandle handle;
  private SecureRandom random;
  private KeyMaterial encryptionMaterial;
  private EncryptionSession session;
  private boolean nonceDrawn;
  private boolean nonceUsed;
  private byte[] expectedNonce;
  private boolean dataStarted;
  private KeyMaterial memoMaterial;
  private byte[] memoSalt;
  private DerivedKey memoKey;
  private KeyMaterial sessionMaterial;
  private Arn sessionArn;
  private EncryptionSession sessionMemo;
  private MrkKeyHandle matchedHandle;
  private String matchedHeaderArn;

  /** The JCA entry point, with the process-wide encryption sessions. */
  public MrkAesGcmCipherSpi() {
    this(EncryptionSessions.shared());
  }

  /** For known-answer tests: {@code sessions} may fix the salt and the chunk size. */
  MrkAesGcmCipherSpi(SessionSource sessions) {
    this.sessions = sessions;
  }

  @Override
  protected void engineSetMode(String m) throws NoSuchAlgorithmException {
    if (!"GCM".equalsIgnoreCase(m)) {
      throw new NoSuchAlgorithmException("MRK offers AES in GCM mode only, not " + m);
    }
  }

  @Override
  protected void engineSetPadding(String padding) throws NoSuchPaddingException {
    if (!"NoPadding".equalsIgnoreCase(padding)) {
      throw new NoSuchPaddingException("GCM takes no padding, not " + padding);
    }
  }

  @Override
  protected int engineGetBlockSize() {
    return 16;
  }

  @Override
  protected int engineGetKeySize(Key key) throws InvalidKeyException {
    checkKey(key);
    return AesGcmCore.KEY_BYTES * 8;
  }

  @Override
  protected int engineGetOutputSize(int inputLen) {
    if (mode == Cipher.ENCRYPT_MODE) {
      return saturate(encryptLength(inputLen, true));
    }
    if (mode == Cipher.DECRYPT_MODE) {
      return saturate(decryptor.outputBound(inputLen));
    }
    throw new IllegalStateException("Cipher not initialized");
  }

  @Override
  protected byte[] engineGetIV() {
    byte[] iv = currentNonce();
    return iv == null ? null : iv.clone();
  }

  @Override
  protected AlgorithmParameters engineGetParameters() {
    byte[] iv = currentNonce();
    if (iv == null) {
      return null;
    }
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("GCM");
      params.init(new GCMParameterSpec(AesGcmCore.TAG_BITS, iv));
      return params;
    } catch (GeneralSecurityException e) {
      throw new ProviderException("GCM AlgorithmParameters are unavailable", e);
    }
  }

  @Override
  protected void engineInit(int opmode, Key key, SecureRandom random) throws InvalidKeyException {
    try {
      engineInit(opmode, key, (AlgorithmParameterSpec) null, random);
    } catch (InvalidAlgorithmParameterException e) {
      throw new InvalidKeyException(e.getMessage(), e);
    }
  }

  @Override
  protected void engineInit(int opmode, Key key, AlgorithmParameters params, SecureRandom random)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    GCMParameterSpec spec = null;
    if (params != null) {
      try {
        spec = params.getParameterSpec(GCMParameterSpec.class);
      } catch (InvalidParameterSpecException e) {
        throw new InvalidAlgorithmParameterException("MRK takes GCM parameters only", e);
      }
    }
    engineInit(opmode, key, spec, random);
  }

  @Override
  protected void engineInit(int opmode, Key key, AlgorithmParameterSpec params, SecureRandom random)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    MrkKeyHandle h = checkKey(key);
    KeyMaterialSource source = sourceOf(h);
    if (opmode == Cipher.ENCRYPT_MODE) {
      checkNoEncryptionParameters(params);
      KeyMaterial material = encryptionMaterialOf(source);
      EncryptionSession s = sessionFor(material, h);
      SecureRandom r = random != null ? random : new SecureRandom();
      r.nextBytes(nonce);
      assignState(opmode, h, r);
      encryptionMaterial = material;
      session = s;
      nonceDrawn = true;
    } else if (opmode == Cipher.DECRYPT_MODE) {
      byte[] expected = decryptionNonceOf(params);
      try {
        source.checkCanDecrypt();
      } catch (KmsException e) {
        throw new InvalidKeyException(e.describe(), e);
      }
      assignState(opmode, h, random);
      expectedNonce = expected;
      decryptor.start(expected);
    } else {
      throw new InvalidKeyException("MRK's AES/GCM supports ENCRYPT_MODE and DECRYPT_MODE only; "
          + "for key wrapping, encrypt the key's encoding");
    }
  }

  @Override
  protected void engineUpdateAAD(byte[] src, int offset, int len) {
    checkAadAllowed();
    System.arraycopy(src, offset, aadSpace(len), aadLength, len);
    aadLength += len;
  }

  @Override
  protected void engineUpdateAAD(ByteBuffer src) {
    checkAadAllowed();
    int len = src.remaining();
    src.get(aadSpace(len), aadLength, len);
    aadLength += len;
  }

  /**
   * The AAD buffer with room for {@code len} more bytes. The caller's AAD is buffered because it
   * follows the header in chunk 0's AAD, and chunk 0's nonce depends on whether it is the last chunk,
   * which only the data decides; the buffer is kept across messages.
   */
  private byte[] aadSpace(int len) {
    long needed = (long) aadLength + len;
    if (needed > aad.length) {
      if (needed > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("AAD longer than 2 GiB");
      }
      aad = Arrays.copyOf(aad, (int) Math.max(needed, Math.min(2L * aad.length, Integer.MAX_VALUE - 8)));
    }
    return aad;
  }

  @Override
  protected byte[] engineUpdate(byte[] input, int inputOffset, int inputLen) {
    byte[] out = new byte[saturate(outputLength(input, inputOffset, inputLen, false))];
    try {
      int n = engineUpdate(input, inputOffset, inputLen, out, 0);
      return n == out.length ? out : Arrays.copyOf(out, n);
    } catch (ShortBufferException e) {
      throw new ProviderException("output sized by MRK was too small", e);
    }
  }

  @Override
  protected int engineUpdate(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
      throws ShortBufferException {
    checkOutputSpace(outputLength(input, inputOffset, inputLen, false), output, outputOffset);
    byte[] in = separateInput(input, inputOffset, inputLen, output);
    int inOff = in == input ? inputOffset : 0;
    startData();
    if (mode == Cipher.ENCRYPT_MODE) {
      return encryptor.update(in, inOff, inputLen, output, outputOffset);
    }
    return decryptor.update(in, inOff, inputLen, output, outputOffset);
  }

  @Override
  protected byte[] engineDoFinal(byte[] input, int inputOffset, int inputLen)
      throws IllegalBlockSizeException, BadPaddingException {
    byte[] out = new byte[saturate(outputLength(input, inputOffset, inputLen, true))];
    try {
      int n = engineDoFinal(input, inputOffset, inputLen, out, 0);
      return n == out.length ? out : Arrays.copyOf(out, n);
    } catch (ShortBufferException e) {
      throw new ProviderException("output sized by MRK was too small", e);
    }
  }

  @Override
  protected int engineDoFinal(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
      throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
    checkOutputSpace(outputLength(input, inputOffset, inputLen, true), output, outputOffset);
    byte[] in = separateInput(input, inputOffset, inputLen, output);
    int inOff = in == input ? inputOffset : 0;
    startData();
    try {
      if (mode == Cipher.ENCRYPT_MODE) {
        return encryptor.doFinal(in, inOff, inputLen, output, outputOffset);
      }
      return decryptor.doFinal(in, inOff, inputLen, output, outputOffset);
    } catch (BadPaddingException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      BadPaddingException wrapped = new BadPaddingException(e.getMessage());
      wrapped.initCause(e);
      throw wrapped;
    } finally {
      endMessage();
    }
  }

  private static MrkKeyHandle checkKey(Key key) throws InvalidKeyException {
    if (key instanceof MrkKeyHandle) {
      return (MrkKeyHandle) key;
    }
    throw new InvalidKeyException("MRK's AES/GCM takes MRK key handles (" + MrkKey.class.getName()
        + ") from the MRK KeyStore only, not " + (key == null ? "null" : key.getClass().getName()));
  }

  private static KeyMaterialSource sourceOf(MrkKeyHandle h) throws InvalidKeyException {
    try {
      return h.source();
    } catch (IllegalStateException e) {
      throw new InvalidKeyException(e.getMessage(), e);
    }
  }

  private static KeyMaterial encryptionMaterialOf(KeyMaterialSource source) throws InvalidKeyException {
    try {
      return source.encryptionMaterial();
    } catch (KmsException e) {
      throw new InvalidKeyException(e.describe(), e);
    }
  }

  /**
   * The session for {@code material} of {@code h}'s key: the one this cipher used last when it is for
   * the same material instance and key ARN and not retired (no cache lookup), otherwise the shared one.
   */
  private EncryptionSession sessionFor(KeyMaterial material, MrkKeyHandle h) throws InvalidKeyException {
    Arn arn = h.arn();
    EncryptionSession last = sessionMemo;
    if (last != null && material == sessionMaterial && (arn == sessionArn || arn.equals(sessionArn))
        && !last.retired()) {
      return last;
    }
    try {
      EncryptionSession s = sessions.sessionFor(material, arn);
      sessionMaterial = material;
      sessionArn = arn;
      sessionMemo = s;
      return s;
    } catch (IllegalStateException e) {
      throw new InvalidKeyException("the key material of " + h.keyArn() + " was destroyed", e);
    } catch (GeneralSecurityException e) {
      throw new InvalidKeyException("cannot derive a data key for " + h.keyArn() + ": " + e.getMessage(), e);
    }
  }

  private static void checkNoEncryptionParameters(AlgorithmParameterSpec params)
      throws InvalidAlgorithmParameterException {
    if (params != null) {
      throw new InvalidAlgorithmParameterException("MRK chooses every encryption nonce itself "
          + "(random, per message) and records it in the ciphertext header, so that a nonce is never "
          + "reused under one data key; initialise ENCRYPT_MODE without parameters");
    }
  }

  private static byte[] decryptionNonceOf(AlgorithmParameterSpec params)
      throws InvalidAlgorithmParameterException {
    if (params == null) {
      return null;
    }
    if (!(params instanceof GCMParameterSpec)) {
      throw new InvalidAlgorithmParameterException("MRK takes no parameters, or the GCMParameterSpec "
          + "that encryption returned, not " + params.getClass().getName());
    }
    GCMParameterSpec gcm = (GCMParameterSpec) params;
    AesGcmCore.checkParameters(gcm.getIV().length, gcm.getTLen());
    return gcm.getIV();
  }

  private void assignState(int opmode, MrkKeyHandle h, SecureRandom r) {
    mode = opmode;
    handle = h;
    random = r;
    encryptionMaterial = null;
    session = null;
    nonceDrawn = false;
    nonceUsed = false;
    expectedNonce = null;
    dataStarted = false;
    aadLength = 0;
  }

  private void checkAadAllowed() {
    if (mode == NO_MODE) {
      throw new IllegalStateException("Cipher not initialized");
    }
    if (dataStarted) {
      throw new IllegalStateException("AAD must be supplied before any data of the message");
    }
  }

  private long outputLength(byte[] in, int off, int n, boolean last) {
    if (mode == Cipher.ENCRYPT_MODE) {
      return encryptLength(n, last);
    }
    if (mode == Cipher.DECRYPT_MODE) {
      return last ? decryptor.finalLength(in, off, n) : decryptor.updateLength(in, off, n);
    }
    throw new IllegalStateException("Cipher not initialized");
  }

  private long encryptLength(int n, boolean last) {
    if (dataStarted) {
      return encryptor.outputLength(n, last);
    }
    return ChunkedEncryptor.outputLength(session.headerLength(), 0, 1 << session.chunkSizeLog2(), n, last);
  }

  private static void checkOutputSpace(long needed, byte[] output, int offset) throws ShortBufferException {
    if (output == null || offset < 0 || output.length - (long) offset < needed) {
      throw new ShortBufferException("output needs " + needed + " bytes");
    }
  }

  /** The input itself, or a copy when it shares the output array (in-place use may overlap). */
  private static byte[] separateInput(byte[] input, int off, int len, byte[] output) {
    if (input == null) {
      return new byte[0];
    }
    return input == output ? Arrays.copyOfRange(input, off, off + len) : input;
  }

  private void startData() {
    if (dataStarted) {
      return;
    }
    if (mode == Cipher.ENCRYPT_MODE) {
      if (nonceUsed) {
        random.nextBytes(nonce);
      }
      if (session.retired()) {
        session = renewSession();
      }
      nonceUsed = true;
      encryptor.start(session, nonce, aad, aadLength);
    } else {
      decryptor.bindAad(aad, aadLength);
    }
    dataStarted = true;
  }

  private EncryptionSession renewSession() {
    try {
      return sessions.sessionFor(encryptionMaterial, handle.arn());
    } catch (GeneralSecurityException e) {
      throw new ProviderException("cannot renew the encryption session", e);
    }
  }

  private void endMessage() {
    dataStarted = false;
    aadLength = 0;
    if (mode == Cipher.DECRYPT_MODE) {
      decryptor.start(expectedNonce);
    }
  }

  private byte[] currentNonce() {
    if (mode == Cipher.ENCRYPT_MODE) {
      return nonceDrawn ? nonce : null;
    }
    if (mode == Cipher.DECRYPT_MODE) {
      CiphertextHeader h = decryptor.header();
      return h != null ? h.baseNonce() : expectedNonce;
    }
    return null;
  }

  /**
   * Chooses the derived key for a header: same key, material held here (the key's state in this
   * Region is checked on every message), then the one-entry memo, then the cache.
   */
  private DerivedKey keyFor(CiphertextHeader header) throws GeneralSecurityException {
    checkSameKey(header.keyArn());
    KeyMaterial material;
    try {
      material = handle.source().decryptionMaterial(header.materialVersion());
    } catch (KmsException e) {
      BadPaddingException b = new BadPaddingException(e.describe());
      b.initCause(e);
      throw b;
    } catch (IllegalStateException e) {
      BadPaddingException b = new BadPaddingException("the key handle or material of "
          + handle.keyArn() + " was destroyed");
      b.initCause(e);
      throw b;
    }
    if (material == memoMaterial && (memoSalt == header.salt() || Arrays.equals(memoSalt, header.salt()))) {
      return memoKey;
    }
    DerivedKey key;
    try {
      key = DecryptionKeys.get(material, handle.keyId(), header.salt());
    } catch (IllegalStateException e) {
      throw new BadPaddingException("the key material of " + handle.keyArn() + " was destroyed");
    }
    memoMaterial = material;
    memoSalt = header.salt();
    memoKey = key;
    return key;
  }

  /**
   * Checks that the handle may decrypt what {@code headerArn} encrypted. The answer for the last ARN
   * this handle accepted is remembered: it depends on the two strings only, and a header that repeats
   * the previous one shares its ARN string ({@link CiphertextHeader#withNonceOf}).
   */
  private void checkSameKey(String headerArn) throws AEADBadTagException {
    if (handle == matchedHandle && (headerArn == matchedHeaderArn || headerArn.equals(matchedHeaderArn))) {
      return;
    }
    String handleArn = handle.keyArn();
    if (!MultiRegionKeyMatch.sameKeyForDecrypt(handleArn, headerArn)) {
      throw new AEADBadTagException("IncorrectKeyException: the ciphertext was encrypted under "
          + headerArn + ", which is neither " + handleArn + " nor a related multi-Region key of it");
    }
    matchedHandle = handle;
    matchedHeaderArn = headerArn;
  }

  private static int saturate(long n) {
    return (int) Math.min(n, Integer.MAX_VALUE);
  }
}
