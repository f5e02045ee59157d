/**
 * The seam a key source outside the provider plugs into: a {@link io.mrk.spi.KeystoreBackend} found
 * with {@link java.util.ServiceLoader} opens an {@link io.mrk.spi.ExternalKeyStore} whose keys are
 * {@link io.mrk.spi.EnvelopeKey}s. The module {@code io.mrk.aws} implements it for AWS KMS. On the
 * module path it is exported to that module only: it carries no compatibility promise to others.
 * It depends on nothing of MRK but {@link io.mrk.MrkKey}.
 */
package io.mrk.spi;
