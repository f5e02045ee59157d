package io.mrk.internal.cipher;

import io.mrk.MrkKey;
import io.mrk.internal.key.KeyHandles;
import io.mrk.internal.key.KeyMaterial;
import io.mrk.internal.key.KeyMaterialSource;
import io.mrk.internal.key.SessionCaches;
import io.mrk.kms.Arn;
import io.mrk.kms.KeyState;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test stand-in for the registry: one key (multi-Region or not) whose Regions share a list of
 * material versions, each Region with its own state and the number of versions it holds.
 */
final class FakeKeys {

  /** The caches of this fake registry, as a registry's own. */
  final SessionCaches caches = new SessionCaches();

  static final String ACCOUNT = "111122223333";

  private final String keyId;
  private final Random random;
  private final List<KeyMaterial> versions = new CopyOnWriteArrayList<>();
  private final Map<String, Region> regions = new ConcurrentHashMap<>();

  private FakeKeys(String keyId, Random random, String... regionCodes) {
    this(keyId, random, ACCOUNT, regionCodes);
  }

  private FakeKeys(String keyId, Random random, String account, String... regionCodes) {
    this.keyId = keyId;
    this.random = random;
    for (String code : regionCodes) {
      regions.put(code, new Region(new Arn("aws", "kms", code, account, Arn.KEY, keyId)));
    }
    rotate();
  }

  /** A multi-Region key replicated in {@code regionCodes}, with one material version. */
  static FakeKeys multiRegion(long seed, String... regionCodes) {
    Random r = new Random(seed);
    return new FakeKeys("mrk-" + hex(r, 16), r, regionCodes);
  }

  /**
   * A single-Region key, whose id is a UUID; several Region codes give unrelated keys that happen to
   * share id and material, the worst case for a cross-Region mix-up.
   */
  static FakeKeys singleRegion(long seed, String... regionCodes) {
    Random r = new Random(seed);
    String h = hex(r, 16);
    String id = h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-8"
        + h.substring(17, 20) + "-" + h.substring(20, 32);
    return new FakeKeys(id, r, regionCodes);
  }

  /** A multi-Region key whose material (version 1) and its KeyMaterialId are given, for known-answer tests. */
  static FakeKeys withMaterial(String keyId, byte[] material, String materialId, String... regionCodes) {
    FakeKeys keys = new FakeKeys(keyId, new Random(0), regionCodes);
    keys.versions.clear();
    keys.versions.add(new KeyMaterial(1, material.clone(), materialId, Instant.EPOCH, false));
    return keys;
  }

  /**
   * The same key id and Region codes in another account, holding the same material: the worst case
   * for a header moved between accounts.
   */
  static FakeKeys inAccount(String account, String keyId, KeyMaterial material, String... regionCodes) {
    FakeKeys keys = new FakeKeys(keyId, new Random(0), account, regionCodes);
    keys.versions.clear();
    keys.versions.add(material);
    return keys;
  }

  /** Replaces version {@code version}'s material with other material under the same number. */
  void replaceVersion(int version) {
    byte[] bytes = new byte[KeyMaterial.KEY_BYTES];
    random.nextBytes(bytes);
    versions.set(version - 1, new KeyMaterial(version, bytes, hex(random, 32), Instant.EPOCH, false));
  }

  /** The material of {@code version}. */
  KeyMaterial material(int version) {
    return versions.get(version - 1);
  }

  /** Adds a material version that every Region holds. */
  void rotate() {
    byte[] bytes = new byte[KeyMaterial.KEY_BYTES];
    random.nextBytes(bytes);
    versions.add(new KeyMaterial(versions.size() + 1, bytes, hex(random, 32), Instant.EPOCH, false));
  }

  MrkKey handle(String regionCode) {
    return KeyHandles.of(region(regionCode));
  }

  Region region(String regionCode) {
    return regions.get(regionCode);
  }

  String keyId() {
    return keyId;
  }

  private static String hex(Random r, int bytes) {
    byte[] b = new byte[bytes];
    r.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** The key in one Region. */
  final class Region implements KeyMaterialSource {

    private final Arn arn;
    private volatile KeyState state = KeyState.ENABLED;
    private volatile boolean deleted;
    private volatile int heldVersions = Integer.MAX_VALUE;

    Region(Arn arn) {
      this.arn = arn;
    }

    void setState(KeyState s) {
      state = s;
    }

    void delete() {
      deleted = true;
    }

    /** Makes this Region hold only the first {@code n} versions, as an unsynchronised replica. */
    void holdOnly(int n) {
      heldVersions = n;
    }

    @Override
    public SessionCaches caches() {
      return caches;
    }

    @Override
    public Arn keyArn() {
      return arn;
    }

    @Override
    public KeyMaterial encryptionMaterial() throws KmsException {
      checkUsable();
      return versions.get(Math.min(heldVersions, versions.size()) - 1);
    }

    @Override
    public void checkCanDecrypt() throws KmsException {
      checkUsable();
    }

    @Override
    public KeyMaterial decryptionMaterial(int version) throws KmsException {
      checkUsable();
      if (version < 1 || version > Math.min(heldVersions, versions.size())) {
        throw new KmsException(KmsError.INVALID_STATE, arn + " does not hold key material version "
            + version + " in this Region yet.");
      }
      return versions.get(version - 1);
    }

    private void checkUsable() throws KmsException {
      if (deleted) {
        throw new KmsException(KmsError.NOT_FOUND, "Key '" + arn + "' does not exist");
      }
      KeyState s = state;
      if (s == KeyState.DISABLED) {
        throw new KmsException(KmsError.DISABLED, arn + " is disabled.");
      }
      if (s != KeyState.ENABLED) {
        throw new KmsException(KmsError.INVALID_STATE, arn + " is " + s.kmsName() + ".");
      }
    }
  }
}
