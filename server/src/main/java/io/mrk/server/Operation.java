package io.mrk.server;

import io.mrk.kms.KmsException;
import java.io.IOException;
import java.util.Map;

/** One KMS operation: a validated call in, the output shape's members out ({@code {}} when it has none). */
@FunctionalInterface
interface Operation {
  Map<String, Object> run(Call call) throws ServiceError, KmsException, IOException;
}
