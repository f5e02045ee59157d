package io.mrk.bench.mrk;

import io.mrk.bench.AeadUnderTest;
import io.mrk.bench.JcaGcmKeys;
import io.mrk.bench.JcaKeySource;
import java.security.GeneralSecurityException;

/**
 * MRK as a benchmarked JCA implementation: no provider name (delayed selection, MRK last in the
 * list), encrypting with the us-east-1 handle and decrypting with the eu-west-1 handle, MRK choosing
 * every nonce.
 *
 * <p>{@code MRK} is MRK as a JDK-only application gets it: its inner AES-GCM forced to SunJCE
 * ({@code -Dmrk.cipher.engine=SunJCE}, set here before any MRK cipher object exists; each JMH fork
 * runs one implementation), although ACCP is on this jar's class path. {@code MRK-ACCP}
 * ({@link Accp}) is MRK with ACCP as its engine, compared with raw ACCP.
 */
public class MrkKeySource implements JcaKeySource {

  private final String name;
  private final String engine;

  public MrkKeySource() {
    this("MRK", "SunJCE");
  }

  MrkKeySource(String name, String engine) {
    this.name = name;
    this.engine = engine;
  }

  /** MRK over Amazon Corretto Crypto Provider's AES-GCM. */
  public static final class Accp extends MrkKeySource {
    public Accp() {
      super("MRK-ACCP", "ACCP");
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public JcaGcmKeys open() throws GeneralSecurityException {
    System.setProperty("mrk.cipher.engine", engine);
    try {
      MrkFixture fixture = MrkFixture.create();
      return JcaGcmKeys.choosingNonces(fixture.encryptKey(), fixture.decryptKey());
    } catch (GeneralSecurityException e) {
      throw e;
    } catch (Exception e) {
      throw new GeneralSecurityException("MRK fixture failed: " + e.getMessage(), e);
    }
  }

  @Override
  public AeadUnderTest openAead() throws GeneralSecurityException {
    return new MrkAead(open());
  }
}
