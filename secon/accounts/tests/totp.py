"""A test-side TOTP calculator (RFC 6238, SHA-1, 6 digits, 30 s), independent of allauth's own code."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time


def totp_code(secret: str, *, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    counter = int((time.time() if at is None else at) // step)
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, counter.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)
