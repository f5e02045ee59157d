package io.mrk.internal.cipher;

import io.mrk.MrkKey;
import io.mrk.internal.key.KeyMaterial;
import io.mrk.internal.key.KeyMaterialSource;
import io.mrk.internal.key.KeyHandles;
import io.mrk.kms.KmsException;
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
import java.util.Arrays;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;

/**
 * {@code AES/GCM/NoPadding} over MRK key handles, producing and reading the portable, key-committing,
 * chunked MRK ciphertext (spec/ciphertext-format.md).
 *
 * <p>Decryption releases plaintext one verified chunk at a time, never before its tag verified, and
 * never the held-back last chunk before {@code doFinal}; a failure found in {@code update} withholds
 * all later output and is thrown by {@code doFinal}. Encryption chooses its own nonce: a caller's IV is
 * refused; base nonces come from MRK's own generator ({@link NonceGenerator}), never from the
 * caller's {@code SecureRandom} alone. After {@code doFinal} an encrypting cipher may be reused: the
 * key's state is checked again and the next message draws a fresh base nonce. The differences from
 * SunJCE are listed in DIFFERENCES.md.
 *
 * <p>Not thread-safe, like every {@code Cipher} (SunJCE's included): one object must be used by one
 * thread at a time; two threads sharing one can mix their messages' state, nonce included.
 */
final class MrkAesGcmCipherSpi extends CipherSpi {

  private static final int NO_MODE = 0;

  private final HandleSessions sessions;
  private final AesGcmCore core;
  private final ChunkedEncryptor encryptor;
  private final HandleKeys handleKeys = new HandleKeys();
  private final ChunkedDecryptor decryptor;
  private final NonceSource nonces;
  private final byte[] nonce = new byte[AesGcmCore.NONCE_BYTES];
  private byte[] aad = new byte[64];
  private int aadLength;

  private int mode = NO_MODE;
  private MrkKey handle;
  private SecureRandom random;
  private KeyMaterial encryptionMaterial;
  private EncryptionSession session;
  private boolean nonceDrawn;
  private boolean nonceUsed;
  private byte[] expectedNonce;
  private boolean dataStarted;

  /**
   * The JCA entry point, with the encryption sessions of each key's registry, MRK's nonce generator
   * and the AES-GCM engine {@link AesGcmEngine} chooses.
   */
  MrkAesGcmCipherSpi() {
    this(null, new NonceGenerator(), new AesGcmCore());
  }

  /**
   * For tests: {@code sessions} (else {@code null}) may fix the salt and the chunk size, {@code nonces} the nonces
   * (known-answer tests), {@code core} the engine.
   */
  MrkAesGcmCipherSpi(SessionSource sessions, NonceSource nonces, AesGcmCore core) {
    this.sessions = new HandleSessions(sessions);
    this.nonces = nonces;
    this.core = core;
    this.encryptor = new ChunkedEncryptor(core);
    this.decryptor = new ChunkedDecryptor(core, handleKeys);
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
    return GcmParameters.of(iv);
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
    engineInit(opmode, key, GcmParameters.specOf(params), random);
  }

  @Override
  protected void engineInit(int opmode, Key key, AlgorithmParameterSpec params, SecureRandom random)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    MrkKey h = checkKey(key);
    KeyMaterialSource source = HandleSessions.sourceOf(h);
    if (opmode == Cipher.ENCRYPT_MODE) {
      GcmParameters.checkNoEncryptionParameters(params);
      KeyMaterial material = HandleSessions.encryptionMaterialOf(source);
      EncryptionSession s = sessions.sessionFor(material, h, source);
      nonces.next(nonce, random);
      assignState(opmode, h, random);
      encryptionMaterial = material;
      session = s;
      nonceDrawn = true;
    } else if (opmode == Cipher.DECRYPT_MODE) {
      byte[] expected = GcmParameters.decryptionNonceOf(params);
      try {
        source.checkCanDecrypt();
      } catch (KmsException e) {
        throw new InvalidKeyException(e.describe(), e);
      }
      assignState(opmode, h, random);
      expectedNonce = expected;
      handleKeys.stateCheckedByInit(h);
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
    } catch (GeneralSecurityException e) {
      // Verified chunks of a message that then failed: the caller gets none of it, as from SunJCE.
      Arrays.fill(output, outputOffset, outputOffset + decryptor.releasedByDoFinal(), (byte) 0);
      if (e instanceof BadPaddingException) {
        throw (BadPaddingException) e;
      }
      BadPaddingException wrapped = new BadPaddingException(e.getMessage());
      wrapped.initCause(e);
      throw wrapped;
    } finally {
      endMessage();
    }
  }

  @Override
  protected int engineUpdate(ByteBuffer input, ByteBuffer output) throws ShortBufferException {
    try {
      return bufferCrypt(input, output, false);
    } catch (IllegalBlockSizeException | BadPaddingException e) {
      throw new ProviderException("update cannot fail authentication", e);
    }
  }

  @Override
  protected int engineDoFinal(ByteBuffer input, ByteBuffer output)
      throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
    return bufferCrypt(input, output, true);
  }

  /**
   * The ByteBuffer forms, checked against the exact output size rather than {@code getOutputSize}'s
   * bound (CipherSpi's default), so an output exactly as large as the result is accepted. Heap
   * buffers are worked on in place; a direct buffer goes through one temporary array, wiped after.
   */
  private int bufferCrypt(ByteBuffer input, ByteBuffer output, boolean last)
      throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
    int n = input.remaining();
    byte[] in;
    int inOff;
    if (input.hasArray()) {
      in = input.array();
      inOff = input.arrayOffset() + input.position();
    } else {
      in = new byte[n];
      input.duplicate().get(in);
      inOff = 0;
    }
    long needed = outputLength(in, inOff, n, last);
    if (output.remaining() < needed) {
      throw new ShortBufferException("output needs " + needed + " bytes, has " + output.remaining());
    }
    int written;
    if (output.hasArray()) {
      int outOff = output.arrayOffset() + output.position();
      written = last ? engineDoFinal(in, inOff, n, output.array(), outOff)
          : engineUpdate(in, inOff, n, output.array(), outOff);
      output.position(output.position() + written);
    } else {
      byte[] out = new byte[(int) needed];
      try {
        written = last ? engineDoFinal(in, inOff, n, out, 0) : engineUpdate(in, inOff, n, out, 0);
        output.put(out, 0, written);
      } finally {
        Arrays.fill(out, (byte) 0);
      }
    }
    input.position(input.limit());
    return written;
  }

  private static MrkKey checkKey(Key key) throws InvalidKeyException {
    if (KeyHandles.isHandle(key)) {
      return (MrkKey) key;
    }
    throw new InvalidKeyException("MRK's AES/GCM takes MRK key handles (" + MrkKey.class.getName()
        + ") from the MRK KeyStore only, not " + (key == null ? "null" : key.getClass().getName()));
  }

  /**
   * The session for the next message of a cipher reused after {@code doFinal}: the key's state is
   * checked again (one snapshot read), as {@code init} would, and a rotation since then moves the
   * cipher to the new material.
   */
  private EncryptionSession sessionForReuse() {
    try {
      KeyMaterialSource source = HandleSessions.sourceOf(handle);
      KeyMaterial material = HandleSessions.encryptionMaterialOf(source);
      EncryptionSession s = sessions.sessionFor(material, handle, source);
      encryptionMaterial = material;
      return s;
    } catch (InvalidKeyException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private void assignState(int opmode, MrkKey h, SecureRandom r) {
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
        session = sessionForReuse();
        nonces.next(nonce, random);
      } else if (!session.acceptsNewMessage()) {
        session = sessionForReuse();
      }
      nonceUsed = true;
      encryptor.start(session, nonce, aad, aadLength);
    } else {
      decryptor.bindAad(aad, aadLength);
    }
    dataStarted = true;
  }

  private void endMessage() {
    dataStarted = false;
    aadLength = 0;
    if (mode == Cipher.DECRYPT_MODE) {
      handleKeys.messageEnded();
      decryptor.start(expectedNonce);
    }
  }

  private byte[] currentNonce() {
    if (mode == Cipher.ENCRYPT_MODE) {
      return nonceDrawn ? nonce : null;
    }
    if (mode == Cipher.DECRYPT_MODE) {
      return decryptor.header() != null ? decryptor.baseNonce() : expectedNonce;
    }
    return null;
  }

  /** The decryptor's buffer bytes, for tests of the allocation bound. */
  long decryptionBufferBytes() {
    return decryptor.bufferBytes();
  }

  private static int saturate(long n) {
    return (int) Math.min(n, Integer.MAX_VALUE);
  }
}
