#!/usr/bin/env python3
"""Computes the suite 2 known-answer vectors of spec/ciphertext-suite-2.md, section 5, from the text
of that spec alone, with Python's hmac/hashlib (HKDF, RFC 5869) and the `cryptography` package's
AES-GCM: an implementation independent of MRK's Java code. Prints one JSON object per vector."""
import hashlib, hmac, json, struct
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

LABEL = b"MRK/v2 AES-256-GCM KMS envelope"
ARN = "arn:aws:kms:us-east-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef"

def u16(n): return struct.pack(">H", n)

def context_bytes(ctx):
    if not ctx: return b""
    pairs = sorted((k.encode(), v.encode()) for k, v in ctx.items())
    return u16(len(pairs)) + b"".join(u16(len(k)) + k + u16(len(v)) + v for k, v in pairs)

def hkdf(salt, ikm, info, n):
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    out, t, i = b"", b"", 1
    while len(out) < n:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest(); out += t; i += 1
    return out[:n]

def vector(name, log2, ctx, edks, dk, salt, nonce, aad, plaintext):
    c = context_bytes(ctx)
    h = bytes([2, 2, log2]) + u16(len(c)) + c + u16(len(edks))
    for pid, info, blob in edks:
        h += u16(len(pid)) + pid + u16(len(info)) + info + u16(len(blob)) + blob
    h += salt
    okm = hkdf(salt, dk, LABEL + b"\x00" + h, 64)
    kd, commitment = okm[:32], okm[32:]
    out = h + commitment + nonce
    size = 1 << log2
    chunks = [plaintext[i:i + size] for i in range(0, len(plaintext), size)] or [b""]
    for i, chunk in enumerate(chunks):
        last = i == len(chunks) - 1
        n = bytearray(nonce)
        for j, b in enumerate(struct.pack(">I", i)): n[7 + j] ^= b
        n[11] ^= 1 if last else 0
        out += AESGCM(kd).encrypt(bytes(n), chunk, aad if i == 0 else b"")
    return {"name": name, "chunkSizeLog2": log2, "context": ctx, "dataKey": dk.hex(), "salt": salt.hex(),
            "nonce": nonce.hex(), "aad": aad.hex(), "plaintext": plaintext.hex(),
            "edks": [[p.decode(), i.decode(), b.hex()] for p, i, b in edks],
            "commitment": commitment.hex(), "ciphertext": out.hex()}

DK = bytes(range(32)); S = bytes(range(0xa0, 0xc0)); N = bytes(range(0xc0, 0xcc))
EDK = (b"aws-kms", ARN.encode(), bytes(range(0xe0, 0x100)))
print(json.dumps(vector("vector 1", 16, {"purpose": "kat", "tenant": "a"}, [EDK], DK, S, N, b"MRK KAT AAD",
                        b"Hello, multi-Region world!")))
print(json.dumps(vector("vector 2", 8, {}, [(b"other-provider", b"some-key", b"\x07" * 5), EDK], DK, S, N, b"",
                        bytes(i % 251 for i in range(600)))))
