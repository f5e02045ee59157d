package io.mrk.aws.internal;

import java.util.function.Supplier;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * One configured Region: its client and the identity the client acts as (the access key id when
 * MRK built the client from a credentials provider, the client object itself when the caller
 * supplied it), so that cached data keys are never shared between identities.
 */
record KmsRegion(String code, KmsClient client, Supplier<Object> identity) {}
