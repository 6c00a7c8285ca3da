"""Streaming digests: SHA-256 and SM3 (GB/T 32905) in one pass, fixed buffer."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

BUFFER_SIZE = 1 << 20  # 1 MiB: memory stays flat whatever the file size


class _CryptographySM3:
    """SM3 through ``cryptography`` when this Python's OpenSSL lacks it."""

    def __init__(self) -> None:
        from cryptography.hazmat.primitives import hashes

        self._h = hashes.Hash(hashes.SM3())

    def update(self, data: bytes | memoryview) -> None:
        self._h.update(bytes(data))

    def hexdigest(self) -> str:
        return self._h.finalize().hex()


def new_sm3():  # type: ignore[no-untyped-def]
    try:
        return hashlib.new("sm3")
    except ValueError:
        return _CryptographySM3()


@dataclass(frozen=True)
class Digests:
    size: int
    sha256: str
    sm3: str


def digest_stream(stream: BinaryIO) -> Digests:
    """Read ``stream`` to its end once, feeding both digests."""
    sha = hashlib.sha256()
    sm3 = new_sm3()
    buf = bytearray(BUFFER_SIZE)
    view = memoryview(buf)
    size = 0
    while True:
        n = stream.readinto(view)  # type: ignore[attr-defined]
        if not n:
            break
        chunk = view[:n]
        sha.update(chunk)
        sm3.update(chunk)
        size += n
    return Digests(size=size, sha256=sha.hexdigest(), sm3=sm3.hexdigest())


def digest_file(path: Path) -> Digests:
    with open(path, "rb", buffering=0) as f:
        return digest_stream(f)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
