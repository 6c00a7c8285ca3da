"""Random changes to a sealed dossier, for the property test and bench/verify_fuzz.py.

A mutation is plain data (a tuple), so Hypothesis can shrink it and print it:
- ("flip", offset, mask): one byte XOR mask;
- ("insert", offset, data) and ("delete", offset, length);
- ("dupkey", nth, value, before_close): the nth dictionary gets its first key again, with
  another value, right after "<<" (first-wins readers see it) or before its first ">>";
- ("update", kind): an incremental update appended (tests/attacks.py), or raw garbage;
- ("hexcase", nth): the nth hex letter of the seal's value in the other case (same value).
Offsets are taken modulo the file's size; a third of them aim at the seal's value (the one
part no digest covers) and at the file's end, where a blind change is most likely to pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from tests import attacks

Mutation = tuple[Any, ...]

UPDATES: dict[str, Callable[[Path], None]] = {
    "noop": attacks.noop_update,
    "relist-root": lambda p: _relist_root(p),
    "second-pages": attacks.catalog_second_pages,
    "escaped-second-pages": attacks.escaped_second_pages,
    "second-root": attacks.trailer_second_root,
    "xref-stream-second-root": attacks.xref_stream_second_root,
    "objstm": attacks.objstm_second_pages,
    "second-contents": attacks.page_second_contents,
    "second-length": attacks.stream_second_length,
    "filespec-EF": partial(attacks.filespec_repeated_key, key="/EF"),
    "uf-differs": attacks.uf_stream_differs,
    "name-tree-duplicate": attacks.name_tree_duplicate,
    "defined-twice": attacks.object_defined_twice,
    "bytes-then-noop": attacks.unsigned_bytes_then_noop_update,
    "unsigned-bytes": attacks.unsigned_bytes,
    "whitespace": lambda p: attacks.append_garbage(p, b"\n"),
    "garbage": attacks.append_garbage,
}

def _relist_root(path: Path) -> None:
    """An update that writes the catalog again, unchanged."""
    data = path.read_bytes()
    tail = attacks.read_tail(data)
    attacks.append_revision(path, [(tail.root, attacks.object_body(data, tail.root, tail))])


_DUP_VALUES = (b"0", b"null", b"/X", b"1 0 R", b"[]", b"<< >>", b"(x)")
_OPEN = re.compile(rb"<<\s*(/[^\s/<>\[\]()]+)")


def _offset() -> st.SearchStrategy[tuple[str, int]]:
    """(where, n): a uniform position, or one in the seal's value, or near the end."""
    return st.one_of(
        st.tuples(st.just("any"), st.integers(0, 1 << 30)),
        st.tuples(st.just("gap"), st.integers(0, 1 << 30)),
        st.tuples(st.just("end"), st.integers(0, 63)),
    )


def mutations() -> st.SearchStrategy[list[Mutation]]:
    one = st.one_of(
        st.tuples(st.just("flip"), _offset(), st.integers(1, 255)),
        st.tuples(st.just("insert"), _offset(), st.binary(min_size=1, max_size=16)),
        st.tuples(st.just("delete"), _offset(), st.integers(1, 64)),
        st.tuples(st.just("dupkey"), st.integers(0, 1 << 16), st.sampled_from(_DUP_VALUES), st.booleans()),
        st.tuples(st.just("update"), st.sampled_from(sorted(UPDATES))),
        st.tuples(st.just("hexcase"), st.integers(0, 1 << 16)),
    )
    return st.lists(one, min_size=1, max_size=3)


def _position(data: bytes, where: tuple[str, int]) -> int:
    kind, n = where
    if not data:
        return 0
    if kind == "gap":
        try:
            match, (_, len1, start2, _) = attacks.last_byte_range(data)
        except IndexError:
            return n % len(data)
        if start2 > len1:
            return len1 + n % (start2 - len1)
    if kind == "end":
        return max(0, len(data) - 1 - n)
    return n % len(data)


def apply(path: Path, plan: list[Mutation]) -> None:
    """Apply the mutations in order; one that cannot apply to what the file has become
    (an update on a file whose trailer is gone) is skipped."""
    for mutation in plan:
        data = path.read_bytes()
        kind = mutation[0]
        if kind == "flip":
            at = _position(data, mutation[1])
            data = data[:at] + bytes([data[at] ^ mutation[2]]) + data[at + 1:] if data else data
        elif kind == "insert":
            at = _position(data, mutation[1])
            data = data[:at] + mutation[2] + data[at:]
        elif kind == "delete":
            at = _position(data, mutation[1])
            data = data[:at] + data[at + mutation[2]:]
        elif kind == "dupkey":
            opens = list(_OPEN.finditer(data))
            if not opens:
                continue
            match = opens[mutation[1] % len(opens)]
            entry = b" " + match.group(1) + b" " + mutation[2] + b" "
            if mutation[3]:
                close = data.find(b">>", match.end())
                at = close if close >= 0 else match.end()
            else:
                at = match.start() + 2
            data = data[:at] + entry + data[at:]
        elif kind == "hexcase":
            try:
                _, (_, len1, start2, _) = attacks.last_byte_range(data)
            except IndexError:
                continue
            letters = [m.start() for m in re.finditer(rb"[A-Fa-f]", data[len1:start2])]
            if not letters:
                continue
            at = len1 + letters[mutation[1] % len(letters)]
            data = data[:at] + data[at:at + 1].swapcase() + data[at + 1:]
        elif kind == "update":
            try:
                UPDATES[mutation[1]](path)
            except Exception:  # noqa: BLE001 - the file no longer has a trailer to chain to
                pass
            continue
        path.write_bytes(data)
