package io.mrk.internal.cipher;

import io.mrk.spi.EnvelopeKey;
import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.BadPaddingException;
import javax.crypto.CipherSpi;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;

/**
 * The registered {@code AES/GCM/NoPadding}: suite 1 ({@link MrkAesGcmCipherSpi}) for keys of MRK's
 * registry, suite 2 ({@link EnvelopeCipher}) for KMS-backed keys ({@link EnvelopeKey}, from mrk-aws),
 * chosen at every {@code init} by the key. Until the first {@code init} it behaves as suite 1.
 */
final class MrkCipherSpi extends CipherSpi {

  private final MrkAesGcmCipherSpi local = new MrkAesGcmCipherSpi();
  private EnvelopeCipher envelope;
  private boolean enveloped;

  @Override
  protected void engineSetMode(String mode) throws NoSuchAlgorithmException {
    local.engineSetMode(mode);
  }

  @Override
  protected void engineSetPadding(String padding) throws NoSuchPaddingException {
    local.engineSetPadding(padding);
  }

  @Override
  protected int engineGetBlockSize() {
    return 16;
  }

  @Override
  protected int engineGetKeySize(Key key) throws InvalidKeyException {
    return key instanceof EnvelopeKey ? AesGcmCore.KEY_BYTES * 8 : local.engineGetKeySize(key);
  }

  @Override
  protected int engineGetOutputSize(int inputLen) {
    return enveloped ? (int) Math.min(envelope.outputLength(inputLen, true), Integer.MAX_VALUE)
        : local.engineGetOutputSize(inputLen);
  }

  @Override
  protected byte[] engineGetIV() {
    return enveloped ? envelope.iv() : local.engineGetIV();
  }

  @Override
  protected AlgorithmParameters engineGetParameters() {
    return enveloped ? envelope.parameters() : local.engineGetParameters();
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
    if (key instanceof EnvelopeKey k) {
      if (envelope == null) {
        envelope = new EnvelopeCipher(new NonceGenerator(), new AesGcmCore());
      }
      envelope.init(opmode, k, params, random);
      enveloped = true;
    } else {
      local.engineInit(opmode, key, params, random);
      enveloped = false;
    }
  }

  @Override
  protected void engineUpdateAAD(byte[] src, int offset, int len) {
    if (enveloped) {
      envelope.updateAad(src, offset, len);
    } else {
      local.engineUpdateAAD(src, offset, len);
    }
  }

  @Override
  protected void engineUpdateAAD(ByteBuffer src) {
    if (enveloped) {
      byte[] b = new byte[src.remaining()];
      src.get(b);
      envelope.updateAad(b, 0, b.length);
    } else {
      local.engineUpdateAAD(src);
    }
  }

  @Override
  protected byte[] engineUpdate(byte[] input, int inputOffset, int inputLen) {
    if (!enveloped) {
      return local.engineUpdate(input, inputOffset, inputLen);
    }
    byte[] out = new byte[(int) Math.min(envelope.outputLength(inputLen, false), Integer.MAX_VALUE - 8)];
    int n = envelope.update(orEmpty(input), inputOffset, inputLen, out, 0);
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  @Override
  protected int engineUpdate(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
      throws ShortBufferException {
    if (!enveloped) {
      return local.engineUpdate(input, inputOffset, inputLen, output, outputOffset);
    }
    checkSpace(envelope.outputLength(inputLen, false), output, outputOffset);
    byte[] in = separate(input, inputOffset, inputLen, output);
    return envelope.update(in, in == input ? inputOffset : 0, inputLen, output, outputOffset);
  }

  @Override
  protected byte[] engineDoFinal(byte[] input, int inputOffset, int inputLen)
      throws IllegalBlockSizeException, BadPaddingException {
    if (!enveloped) {
      return local.engineDoFinal(input, inputOffset, inputLen);
    }
    byte[] out = new byte[(int) Math.min(envelope.outputLength(inputLen, true), Integer.MAX_VALUE - 8)];
    int n = envelope.doFinal(orEmpty(input), inputOffset, inputLen, out, 0);
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  @Override
  protected int engineDoFinal(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset)
      throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
    if (!enveloped) {
      return local.engineDoFinal(input, inputOffset, inputLen, output, outputOffset);
    }
    checkSpace(envelope.outputLength(inputLen, true), output, outputOffset);
    byte[] in = separate(input, inputOffset, inputLen, output);
    return envelope.doFinal(in, in == input ? inputOffset : 0, inputLen, output, outputOffset);
  }

  @Override
  protected int engineUpdate(ByteBuffer input, ByteBuffer output) throws ShortBufferException {
    return enveloped ? super.engineUpdate(input, output) : local.engineUpdate(input, output);
  }

  @Override
  protected int engineDoFinal(ByteBuffer input, ByteBuffer output)
      throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
    return enveloped ? super.engineDoFinal(input, output) : local.engineDoFinal(input, output);
  }

  private static byte[] orEmpty(byte[] input) {
    return input == null ? new byte[0] : input;
  }

  private static byte[] separate(byte[] input, int off, int len, byte[] output) {
    if (input == null) {
      return new byte[0];
    }
    return input == output ? Arrays.copyOfRange(input, off, off + len) : input;
  }

  private static void checkSpace(long needed, byte[] output, int offset) throws ShortBufferException {
    if (output == null || offset < 0 || output.length - (long) offset < needed) {
      throw new ShortBufferException("output needs " + needed + " bytes");
    }
  }
}
