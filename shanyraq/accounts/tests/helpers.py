"""Test helpers for sign-in: an RFC 6238 code generator written from the RFC (not django-otp's),
and a password hasher that counts how often a password is hashed."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time

from django.contrib.auth.hashers import MD5PasswordHasher


def totp_code(key_hex: str, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    counter = int((time.time() if at is None else at) // step)
    mac = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def key_from_base32(secret: str) -> str:
    return base64.b32decode(secret.replace(" ", "")).hex()


class CountingHasher(MD5PasswordHasher):
    """MD5 (fast, tests only) that counts every hash it computes."""

    algorithm = "counting_md5"
    computed = 0

    def encode(self, password, salt):
        CountingHasher.computed += 1
        return super().encode(password, salt)
