package io.mrk;

import io.mrk.internal.provider.MrkServices;
import java.security.Provider;

/**
 * The MRK security provider: AWS-KMS-style multi-Region keys for the JCA.
 *
 * <p>Install it with {@code Security.addProvider(new MrkProvider())}, or name it in a
 * {@code security.provider.N=MRK} line of a {@code java.security} override file. MRK keys reach it
 * even when it is the last provider, because its services accept only {@link MrkKey} handles.
 */
public final class MrkProvider extends Provider {

  private static final long serialVersionUID = 1L;

  public static final String NAME = "MRK";

  public MrkProvider() {
    super(NAME, "0.1", "MRK: multi-Region keys (AWS KMS semantics) and AES/GCM/NoPadding over them, "
        + "with a portable, key-committing, chunked ciphertext");
    for (Provider.Service service : MrkServices.services(this)) {
      putService(service);
    }
  }
}
