#!/usr/bin/env python3
"""Derives the server's input-constraint table from botocore's KMS model.

Usage: python3 server/src/build/derive_constraints.py > server/src/main/resources/io/mrk/server/kms-constraints.json

Keeps, for every operation, the name of its input shape, and for every shape reachable from an
input: type, required members, member shapes, min/max (lengths, sizes, ranges), pattern and enum.
Documentation is dropped. The output records the botocore version and the SHA-256 of the model file
it came from, so the table can be regenerated and compared. The server reads only this table at run
time; it never needs botocore.
"""
import gzip
import hashlib
import json
import os
import sys

import botocore

base = os.path.join(os.path.dirname(botocore.__file__), "data", "kms", "2014-11-01")
path = os.path.join(base, "service-2.json")
raw = open(path, "rb").read() if os.path.exists(path) else gzip.open(path + ".gz").read()
model = json.loads(raw)
shapes = model["shapes"]

out_shapes = {}


def keep(name):
    if name in out_shapes:
        return
    s = shapes[name]
    t = {"type": s["type"]}
    out_shapes[name] = t
    for k in ("min", "max", "pattern", "enum"):
        if k in s:
            t[k] = s[k]
    if s["type"] == "structure":
        t["members"] = {m: v["shape"] for m, v in s["members"].items()}
        if s.get("required"):
            t["required"] = s["required"]
        for v in s["members"].values():
            keep(v["shape"])
    elif s["type"] == "list":
        t["member"] = s["member"]["shape"]
        keep(s["member"]["shape"])
    elif s["type"] == "map":
        t["key"] = s["key"]["shape"]
        t["value"] = s["value"]["shape"]
        keep(s["key"]["shape"])
        keep(s["value"]["shape"])


operations = {}
for op, o in sorted(model["operations"].items()):
    inp = o.get("input", {}).get("shape")
    operations[op] = inp
    if inp:
        keep(inp)

faults = sorted(n for n, s in shapes.items() if s.get("exception") and s.get("fault"))
doc = {
    "provenance": {
        "model": "botocore/data/kms/2014-11-01/service-2.json",
        "botocore": botocore.__version__,
        "sha256": hashlib.sha256(raw).hexdigest(),
        "generator": "server/src/build/derive_constraints.py",
    },
    "faults": faults,
    "operations": operations,
    "shapes": dict(sorted(out_shapes.items())),
}
json.dump(doc, sys.stdout, indent=1, sort_keys=False)
sys.stdout.write("\n")
