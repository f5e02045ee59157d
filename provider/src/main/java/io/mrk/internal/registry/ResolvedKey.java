package io.mrk.internal.registry;

/** A key resolved in one Region: its shared and independent properties and its ARN there. */
record ResolvedKey(LogicalKey shared, RegionalKey local, String arn) {}
