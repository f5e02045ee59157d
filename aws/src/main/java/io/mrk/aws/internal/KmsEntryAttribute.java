package io.mrk.aws.internal;

import java.security.KeyStore;

/** An entry attribute of a KMS-backed entry, named as the local MRK keystore names them ({@code mrk:}). */
record KmsEntryAttribute(String name, String value) implements KeyStore.Entry.Attribute {

  static final String KEY_ARN = "mrk:KeyArn";
  static final String KEY_ID = "mrk:KeyId";
  static final String REGION = "mrk:Region";
  static final String KEY_STATE = "mrk:KeyState";
  static final String ROLE = "mrk:MultiRegionKeyType";
  static final String KEY_SPEC = "mrk:KeySpec";
  static final String ALIAS_NAME = "mrk:AliasName";
  static final String DESCRIPTION = "mrk:Description";

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String getValue() {
    return value;
  }
}
