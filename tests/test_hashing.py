"""Streaming SHA-256 + SM3: the same digests as one-shot hashing, whatever the chunking."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from evidencekit.hashing import BUFFER_SIZE, Digester, digest_file, new_sm3

SM3_ABC = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"  # GB/T 32905 test vector


def test_sm3_matches_the_standard_vector() -> None:
    sm3 = new_sm3()
    sm3.update(b"abc")
    assert sm3.hexdigest() == SM3_ABC


def test_digest_file_larger_than_the_buffer(tmp_path: Path) -> None:
    data = os.urandom(BUFFER_SIZE * 3 + 12345)
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    found = digest_file(path)
    expected_sm3 = new_sm3()
    expected_sm3.update(data)
    assert found.size == len(data)
    assert found.sha256 == hashlib.sha256(data).hexdigest()
    assert found.sm3 == expected_sm3.hexdigest()


def test_digester_any_chunking_gives_the_same_digests() -> None:
    data = os.urandom(2_000_003)
    reference = Digester()
    reference.update(data)
    whole = reference.finish()
    for size in (1, 1000, 256 * 1024, 300_001, 1 << 20):
        digester = Digester()
        for start in range(0, len(data), size):
            digester.update(data[start:start + size])
        assert digester.finish() == whole, size
    assert whole.sha256 == hashlib.sha256(data).hexdigest()


def test_empty_input() -> None:
    empty = Digester().finish()
    assert empty.size == 0
    assert empty.sha256 == hashlib.sha256(b"").hexdigest()


def test_quick_handoffs_lowers_the_switch_interval_and_puts_it_back() -> None:
    import sys

    from evidencekit.hashing import HANDOFF_INTERVAL, quick_handoffs

    before = sys.getswitchinterval()
    with pytest.raises(RuntimeError), quick_handoffs():
        assert sys.getswitchinterval() == pytest.approx(min(before, HANDOFF_INTERVAL), abs=1e-5)
        with quick_handoffs():  # nested: the inner one restores the outer one's value
            pass
        assert sys.getswitchinterval() == pytest.approx(min(before, HANDOFF_INTERVAL), abs=1e-5)
        raise RuntimeError("an error inside")
    assert sys.getswitchinterval() == before
