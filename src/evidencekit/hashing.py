"""Streaming digests: SHA-256 and SM3 (GB/T 32905) in one pass, fixed buffer."""

from __future__ import annotations

import hashlib
import os
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

BUFFER_SIZE = 4 << 20  # 4 MiB: memory stays flat whatever the file size; few reads and lock hand-offs
HANDOFF_INTERVAL = 0.0002  # seconds: see quick_handoffs


@contextmanager
def quick_handoffs() -> Iterator[None]:
    """While threads that hash or write (in C, without the interpreter's lock) work beside Python
    code on another thread: each needs the lock back for a moment per chunk, and by default the
    Python thread keeps it up to 5 ms before handing it over, so they would crawl."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(min(previous, HANDOFF_INTERVAL))
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


class _CryptographySM3:
    """SM3 through ``cryptography`` when this Python's OpenSSL lacks it."""

    def __init__(self) -> None:
        from cryptography.hazmat.primitives import hashes

        self._h = hashes.Hash(hashes.SM3())

    def update(self, data: bytes | memoryview) -> None:
        self._h.update(bytes(data))

    def hexdigest(self) -> str:
        return self._h.finalize().hex()


def new_sm3() -> hashlib._Hash | _CryptographySM3:
    try:
        return hashlib.new("sm3")
    except ValueError:
        return _CryptographySM3()


@dataclass(frozen=True)
class Digests:
    size: int
    sha256: str
    sm3: str


class _OneBehind:
    """Runs an update on a second thread, at most one at a time: the caller goes on with the next
    chunk while this one is hashed (hashlib releases the GIL on large updates)."""

    def __init__(self, thread_name: str) -> None:
        self._name = thread_name
        self._pool: ThreadPoolExecutor | None = None
        self._pending: Future[object] | None = None

    def submit(self, update: Callable[[bytes], object], chunk: bytes) -> None:
        self.wait()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self._name)
        self._pending = self._pool.submit(update, chunk)

    def wait(self) -> None:
        if self._pending is not None:
            self._pending.result()
            self._pending = None

    def close(self) -> None:
        self.wait()
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


class Digester:
    """SHA-256 and SM3 of a byte stream fed in chunks.

    SM3 is the slower of the two (about 450 MB/s against SHA-256's 1.5 GB/s with SHA
    instructions); hashlib releases the GIL on large updates, so SM3 runs on a second
    thread while SHA-256 and the next read go on here. At most two chunks are alive.
    """

    def __init__(self, *, threaded: bool = True) -> None:
        self._sha = hashlib.sha256()
        self._sm3 = new_sm3()
        self._size = 0
        self._threaded = threaded  # False where the caller already keeps the cores busy (verify's pool)
        self._sm3_thread = _OneBehind("sm3")

    def update(self, chunk: bytes) -> None:
        """Feed ``chunk`` (an immutable bytes object: the SM3 thread may still read it)."""
        if self._threaded and len(chunk) >= PARALLEL_MIN:
            self._sm3_thread.submit(self._sm3.update, chunk)
        else:
            self._sm3_thread.wait()
            self._sm3.update(chunk)
        self._sha.update(chunk)
        self._size += len(chunk)

    def finish(self) -> Digests:
        self._sm3_thread.close()
        return Digests(size=self._size, sha256=self._sha.hexdigest(), sm3=self._sm3.hexdigest())


PARALLEL_MIN = 256 * 1024  # below this a thread hand-off costs more than it saves


def digest_stream(stream: BinaryIO) -> Digests:
    """Read ``stream`` to its end once, feeding both digests."""
    digester = Digester()
    while True:
        chunk = stream.read(BUFFER_SIZE)
        if not chunk:
            break
        digester.update(chunk)
    return digester.finish()


def digest_file(path: Path) -> Digests:
    with open(path, "rb", buffering=0) as f:
        return digest_stream(f)


#: What :func:`file_state` returns: (device, inode, size, mtime_ns, ctime_ns).
FileState = tuple[int, int, int, int, int]


def digest_files(paths: Sequence[Path], *, workers: int | None = None
                 ) -> Generator[tuple[FileState, Digests], None, None]:
    """Each file's :func:`file_state` (taken before it is read) and digests, in order.

    Files are hashed side by side on ``workers`` threads (default: the usable cores), a few ahead
    of the caller, so the caller's own work on file *n* (typing, extraction) overlaps the hashing of
    the next ones: SM3, the slow digest, then runs on every core instead of one. An ``OSError``
    reading a file is raised when the caller reaches that file. Memory stays flat: each thread
    holds one file's buffers."""
    if workers is None:
        workers = usable_cores()
    window: deque[Future[tuple[FileState, Digests]]] = deque()
    ahead = 2 * max(1, workers)
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="digest") as pool:
        pending = iter(paths)
        try:
            for path in pending:
                window.append(pool.submit(_state_and_digests, path))
                if len(window) >= ahead:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()
        finally:
            for future in window:
                future.cancel()


def _state_and_digests(path: Path) -> tuple[FileState, Digests]:
    state = file_state(path)  # before hashing: a change from now on shows in it
    return state, digest_file(path)


def usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def file_state(path: Path) -> FileState:
    """A file's identity and change stamps: any write to it, or its replacement, changes them
    (ctime cannot be set back without setting the system clock)."""
    st = path.stat()
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class HashingWriter:
    """A binary output that hashes (SHA-256) every byte written through it, in order.

    The dossier's writer only appends (it never seeks back), so when assembly ends the hash
    covers the file's first :attr:`length` bytes: the seal digests its byte ranges from a copy of
    it plus the few bytes of its own revision, instead of reading the whole file again. Large
    chunks are hashed on a second thread (hashlib releases the GIL) while the next is written.
    """

    def __init__(self, out: BinaryIO, *, threaded: bool = True) -> None:
        self._out = out
        self._sha = hashlib.sha256()
        self.length = 0
        self._threaded = threaded  # False when the caller writes from a thread of its own already
        self._sha_thread = _OneBehind("out-sha256")

    def write(self, data: bytes) -> int:
        written = self._out.write(data)
        if self._threaded and isinstance(data, bytes) and len(data) >= PARALLEL_MIN:
            self._sha_thread.submit(self._sha.update, data)
        else:
            self._sha_thread.wait()
            self._sha.update(data)
        self.length += len(data)
        return written

    def tell(self) -> int:
        return self._out.tell()

    def flush(self) -> None:
        self._out.flush()

    def finish(self) -> PrefixDigest:
        """The SHA-256 state over everything written (to be copied, never fed further)."""
        self._sha_thread.close()
        return PrefixDigest(self._sha, self.length)


@dataclass(frozen=True)
class PrefixDigest:
    """SHA-256 of a file's first ``length`` bytes, as computed while they were written."""

    state: hashlib._Hash
    length: int

    def extended(self) -> hashlib._Hash:
        return self.state.copy()
