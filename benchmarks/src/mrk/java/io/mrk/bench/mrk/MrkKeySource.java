package io.mrk.bench.mrk;

import io.mrk.bench.AeadUnderTest;
import io.mrk.bench.JcaGcmKeys;
import io.mrk.bench.JcaKeySource;
import java.security.GeneralSecurityException;

/**
 * MRK as a benchmarked JCA implementation: no provider name (delayed selection, MRK last in the
 * list), encrypting with the us-east-1 handle and decrypting with the eu-west-1 handle, MRK choosing
 * every nonce.
 */
public final class MrkKeySource implements JcaKeySource {

  @Override
  public String name() {
    return "MRK";
  }

  @Override
  public JcaGcmKeys open() throws GeneralSecurityException {
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
