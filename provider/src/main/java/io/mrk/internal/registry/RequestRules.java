package io.mrk.internal.registry;

import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.KmsQuotas;

/**
 * The checks on a key operation's request parameters that need no state: each is applied before the
 * registry lock, and each range is the one {@link SnapshotRules} enforces on a decoded file.
 */
final class RequestRules {

  static final int MAX_DESCRIPTION = KmsQuotas.MAX_DESCRIPTION_CHARS;
  static final int MIN_ROTATION_DAYS = 90;
  static final int MAX_ROTATION_DAYS = 2560;
  static final int MIN_WINDOW_DAYS = 7;
  static final int MAX_WINDOW_DAYS = 30;
  static final int DEFAULT_WINDOW_DAYS = 30;

  private RequestRules() {}

  /** KeySpec, KeyUsage and Origin: MRK supports exactly one value of each. */
  static void requireSupported(String field, String value, String supported) throws KmsException {
    if (!supported.equals(value)) {
      throw new KmsException(KmsError.UNSUPPORTED_OPERATION, field + " " + KeyResolver.printable(value)
          + " is not supported: MRK keys are " + supported + ".");
    }
  }

  /** The description to store: {@code null} is empty; too long or not storable text is refused. */
  static String description(String description) throws KmsException {
    String d = description == null ? "" : description;
    if (d.length() > MAX_DESCRIPTION) {
      throw new KmsException(KmsError.VALIDATION, "Description is longer than " + MAX_DESCRIPTION
          + " characters.");
    }
    if (!KmsQuotas.isStorable(d)) {
      throw new KmsException(KmsError.VALIDATION,
          "Description contains an unpaired surrogate (not valid Unicode text).");
    }
    return d;
  }

  static void requirePolicyName(String policyName) throws KmsException {
    if (!"default".equals(policyName)) {
      throw new KmsException(KmsError.VALIDATION, "PolicyName must be 'default'.");
    }
  }

  /** The rotation period to apply: {@code null} is the default of 365 days. */
  static int rotationPeriod(Integer rotationPeriodInDays) throws KmsException {
    int period = rotationPeriodInDays == null ? LogicalKey.DEFAULT_ROTATION_PERIOD_DAYS : rotationPeriodInDays;
    if (period < MIN_ROTATION_DAYS || period > MAX_ROTATION_DAYS) {
      throw new KmsException(KmsError.VALIDATION, "RotationPeriodInDays must be " + MIN_ROTATION_DAYS
          + " to " + MAX_ROTATION_DAYS + ", was " + period + ".");
    }
    return period;
  }

  /** The deletion waiting period to apply: {@code null} is the default of 30 days. */
  static int pendingWindow(Integer pendingWindowInDays) throws KmsException {
    int window = pendingWindowInDays == null ? DEFAULT_WINDOW_DAYS : pendingWindowInDays;
    if (window < MIN_WINDOW_DAYS || window > MAX_WINDOW_DAYS) {
      throw new KmsException(KmsError.VALIDATION, "PendingWindowInDays must be " + MIN_WINDOW_DAYS
          + " to " + MAX_WINDOW_DAYS + ", was " + window + ".");
    }
    return window;
  }
}
