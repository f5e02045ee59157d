"""boto3 against mrk serve, through the generated AWS config file alone (no endpoint in code).

Run by Boto3Test with AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE set; exits non-zero with a
message on the first failed check.
"""
import boto3
import botocore.exceptions
from botocore.config import Config

NO_RETRIES = Config(retries={"max_attempts": 5, "mode": "standard"})


def client(region):
    return boto3.Session(profile_name="mrk-" + region).client("kms", config=NO_RETRIES)


us = client("us-east-1")
eu = client("eu-west-1")


def refused(error, call, **kwargs):
    try:
        call(**kwargs)
    except botocore.exceptions.ClientError as e:
        got = e.response["Error"]["Code"]
        assert got == error, "expected %s, got %s: %s" % (error, got, e)
        status = e.response["ResponseMetadata"]["HTTPStatusCode"]
        assert status == 400, "%s answered with status %s" % (error, status)
        attempts = e.response["ResponseMetadata"].get("RetryAttempts", 0)
        assert attempts == 0, "%s was retried %d times" % (error, attempts)
        assert e.response["ResponseMetadata"].get("RequestId"), "no request id"
        return
    raise AssertionError("expected " + error)


primary = us.create_key(MultiRegion=True, Description="orders")["KeyMetadata"]
arn = primary["Arn"]
replica_arn = arn.replace(":us-east-1:", ":eu-west-1:")
replica = us.replicate_key(KeyId=arn, ReplicaRegion="eu-west-1")["ReplicaKeyMetadata"]
assert replica["Arn"] == replica_arn, replica
assert eu.describe_key(KeyId=replica_arn)["KeyMetadata"]["MultiRegionConfiguration"]["MultiRegionKeyType"] == "REPLICA"
d = us.describe_key(KeyId=arn)["KeyMetadata"]
assert d["MultiRegionConfiguration"]["MultiRegionKeyType"] == "PRIMARY", d
assert d["CreationDate"].year >= 2024, d["CreationDate"]

us.create_alias(AliasName="alias/app", TargetKeyId=arn)
eu.create_alias(AliasName="alias/app", TargetKeyId=replica_arn)
assert [a["AliasName"] for a in eu.list_aliases()["Aliases"]] == ["alias/app"]

ctx = {"tenant": "a", "purpose": "boto3"}
blob = us.encrypt(KeyId="alias/app", Plaintext=b"hello from boto3", EncryptionContext=ctx)["CiphertextBlob"]
for kwargs in ({}, {"KeyId": replica_arn}, {"KeyId": "alias/app"}):
    out = eu.decrypt(CiphertextBlob=blob, EncryptionContext=ctx, **kwargs)
    assert out["Plaintext"] == b"hello from boto3", out
    assert out["KeyId"] == replica_arn, out

single = us.create_key()["KeyMetadata"]["Arn"]
eu_key = eu.create_key()["KeyMetadata"]["Arn"]
refused("AlreadyExistsException", us.replicate_key, KeyId=arn, ReplicaRegion="eu-west-1")
refused("UnsupportedOperationException", us.replicate_key, KeyId=single, ReplicaRegion="eu-west-1")
refused("UnsupportedOperationException", eu.replicate_key, KeyId=replica_arn, ReplicaRegion="ap-south-1")
refused("IncorrectKeyException", eu.decrypt, CiphertextBlob=blob, EncryptionContext=ctx, KeyId=eu_key)
refused("InvalidCiphertextException", eu.decrypt, CiphertextBlob=blob, EncryptionContext={"tenant": "A"})

us_only = us.encrypt(KeyId=single, Plaintext=b"x")["CiphertextBlob"]
refused("AccessDeniedException", eu.decrypt, CiphertextBlob=us_only)

us.update_primary_region(KeyId=arn, PrimaryRegion="eu-west-1")
assert eu.describe_key(KeyId=replica_arn)["KeyMetadata"]["MultiRegionConfiguration"]["MultiRegionKeyType"] == "PRIMARY"
assert us.describe_key(KeyId=arn)["KeyMetadata"]["MultiRegionConfiguration"]["MultiRegionKeyType"] == "REPLICA"

for i in range(250):
    eu.create_key(Description="bulk %d" % i)
pages = list(eu.get_paginator("list_keys").paginate(PaginationConfig={"PageSize": 100}))
ids = [k["KeyId"] for p in pages for k in p["Keys"]]
assert len(ids) == len(set(ids)) == 252, len(ids)
assert len(pages) == 3, len(pages)
refused("ValidationException", eu.list_keys, Limit=5000)
print("OK")
