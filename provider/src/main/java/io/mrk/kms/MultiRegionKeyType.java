package io.mrk.kms;

/** The role of a multi-Region key in its Region, as DescribeKey reports it. */
public enum MultiRegionKeyType {
  PRIMARY,
  REPLICA
}
