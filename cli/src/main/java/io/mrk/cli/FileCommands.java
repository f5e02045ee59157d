package io.mrk.cli;

import io.mrk.MrkCiphertext;
import io.mrk.MrkKey;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * encrypt-file and decrypt-file: files of any size, streamed in bounded memory through
 * {@link CipherInputStream} (which, unlike CipherOutputStream, reports a failed tag). The output is
 * written to a temporary file next to the target ({@link OutputFile}) and moved into place only when
 * the whole input has been processed and authenticated, so a failed decryption never leaves plaintext
 * behind, and a killed one leaves it only until the next run.
 */
final class FileCommands {

  private static final int BUFFER_BYTES = 1 << 16;
  /** Enough for the longest MRK header (the ARN is at most 2048 bytes). */
  private static final int HEADER_PEEK_BYTES = 4096;

  private FileCommands() {}

  @Command(name = "encrypt-file", description = "Encrypts a file of any size with a key of this Region.")
  static final class EncryptFile extends KmsCommand.Reading {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;
    @Option(names = "--in", required = true, paramLabel = "FILE")
    Path in;
    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path out;
    @Mixin
    EncryptionContextOption encryptionContext;

    private Map<String, String> context;

    @Override
    String operation() {
      return "Encrypt";
    }

    @Override
    void prepare() throws ParamError {
      context = encryptionContext.parse();
      OutputFile.check("--out", out);
      checkInput(in);
    }

    @Override
    Object read(KmsClient client) throws Exception {
      MrkKey key = CryptoCommands.keyHandle(client, keyId, context);
      Cipher cipher = CryptoCommands.cipher(Cipher.ENCRYPT_MODE, key, context);
      long bytes = stream(in, out, cipher, progressBar(spec.commandLine().getErr()));
      return result(key, bytes);
    }
  }

  @Command(name = "decrypt-file", description = "Decrypts a file made by encrypt-file (or by the JCA Cipher).")
  static final class DecryptFile extends KmsCommand.Reading {
    @Option(names = "--in", required = true, paramLabel = "FILE")
    Path in;
    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path out;
    @Option(names = "--key-id", paramLabel = "KEY")
    String keyId;
    @Mixin
    EncryptionContextOption encryptionContext;

    private Map<String, String> context;

    @Override
    String operation() {
      return "Decrypt";
    }

    @Override
    void prepare() throws ParamError {
      context = encryptionContext.parse();
      OutputFile.check("--out", out);
      checkInput(in);
    }

    @Override
    Object read(KmsClient client) throws Exception {
      MrkCiphertext header;
      try (InputStream peek = Files.newInputStream(in)) {
        header = MrkCiphertext.parseHeader(peek.readNBytes(HEADER_PEEK_BYTES));
      } catch (GeneralSecurityException e) {
        throw new KmsException(KmsError.INVALID_CIPHERTEXT, e.getMessage());
      }
      MrkKey key = CryptoCommands.decryptionKey(client, header, keyId, context);
      Cipher cipher = CryptoCommands.cipher(Cipher.DECRYPT_MODE, key, context);
      try {
        long bytes = stream(in, out, cipher, progressBar(spec.commandLine().getErr()));
        return result(key, bytes);
      } catch (IOException e) {
        if (e.getCause() instanceof GeneralSecurityException gse) {
          throw JcaErrors.toKms(gse, KmsError.INVALID_CIPHERTEXT);
        }
        throw e;
      }
    }
  }

  /** {@code --in} must be readable data, not a directory; a missing file is named by the OS's error later. */
  static void checkInput(Path in) throws ParamError {
    if (Files.isDirectory(in)) {
      throw new ParamError("--in", in + ": Is a directory");
    }
  }

  private static Map<String, Object> result(MrkKey key, long bytes) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("KeyId", key.keyArn());
    out.put("BytesWritten", bytes);
    out.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
    return out;
  }

  /** A progress bar on stderr when the session is interactive, else none. */
  private static PrintWriter progressBar(PrintWriter err) {
    return System.console() != null ? err : null;
  }

  /** Streams {@code in} through {@code cipher} into a temporary file, then moves it to {@code out}. */
  private static long stream(Path in, Path out, Cipher cipher, PrintWriter bar) throws IOException, ParamError {
    long written = 0;
    try (OutputFile target = OutputFile.create("--out", out)) {
      Progress progress;
      try (InputStream raw = new BufferedInputStream(Files.newInputStream(in), BUFFER_BYTES);
           Progress counted = new Progress(raw, Files.isRegularFile(in) ? Files.size(in) : -1, bar);
           InputStream transformed = new CipherInputStream(counted, cipher);
           OutputStream sink = Files.newOutputStream(target.temporary())) {
        progress = counted;
        byte[] buf = new byte[BUFFER_BYTES];
        int n;
        while ((n = transformed.read(buf)) >= 0) {
          sink.write(buf, 0, n);
          written += n;
        }
      }
      progress.finish();
      target.commit();
      return written;
    }
  }
}
