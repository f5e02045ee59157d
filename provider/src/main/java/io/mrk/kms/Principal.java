package io.mrk.kms;

import java.util.regex.Pattern;

/**
 * An IAM principal a {@link KmsClient} acts as, named by its ARN: an account root
 * ({@code arn:aws:iam::111122223333:root}), an IAM user or role
 * ({@code arn:aws:iam::111122223333:role/app}), or an STS assumed-role session
 * ({@code arn:aws:sts::111122223333:assumed-role/app/session}), in the {@code aws}, {@code aws-cn}
 * or {@code aws-us-gov} partition. Key policies and grants decide what it may do.
 *
 * @param arn the principal's ARN
 * @param accessKeyId the access key the caller signed with, recorded as {@code userIdentity.accessKeyId}
 *     in the audit trail as CloudTrail does, or {@code null} when there is none (an in-process caller)
 */
public record Principal(String arn, String accessKeyId) {

  /** IAM's AccessKeyIdType: 16 to 128 word characters. */
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("\\w{16,128}");

  private static final Pattern ARN = Pattern.compile(
      "arn:aws(-cn|-us-gov)?:(iam::[0-9]{12}:(root|user/[\\w+=,.@/-]{1,512}|role/[\\w+=,.@/-]{1,512})"
          + "|sts::[0-9]{12}:assumed-role/[\\w+=,.@/-]{1,512})");

  /** @throws IllegalArgumentException when {@code arn} is not a principal ARN of the forms above */
  public Principal {
    if (!isValid(arn)) {
      throw new IllegalArgumentException(problem(arn));
    }
    if (accessKeyId != null && !ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
      throw new IllegalArgumentException("Not an access key id (16 to 128 letters, digits or _): "
          + Region.printable(accessKeyId));
    }
  }

  /** The principal named by {@code arn}, with no access key. */
  public Principal(String arn) {
    this(arn, null);
  }

  /** The same principal as identified by the access key {@code accessKeyId} (a request signed with it). */
  public Principal withAccessKeyId(String accessKeyId) {
    return new Principal(arn, accessKeyId);
  }

  /**
   * The principal named by {@code arn}.
   *
   * @throws KmsException ({@link KmsError#VALIDATION}) when {@code arn} is not a principal ARN
   */
  public static Principal of(String arn) throws KmsException {
    if (!isValid(arn)) {
      throw new KmsException(KmsError.VALIDATION, problem(arn));
    }
    return new Principal(arn);
  }

  /** True when {@code arn} names a principal of the forms above. */
  public static boolean isValid(String arn) {
    return arn != null && ARN.matcher(arn).matches();
  }

  private static String problem(String arn) {
    return "Not a principal ARN (arn:aws:iam::<account>:root, :user/<name>, :role/<name> or"
        + " arn:aws:sts::<account>:assumed-role/<role>/<session>): " + (arn == null ? "null" : Region.printable(arn));
  }

  @Override
  public String toString() {
    return arn;
  }
}
