"""Writing output files: atomically, and with errors that name the output, never the input.

Every file evidencekit writes goes through :func:`atomic_output`: a temporary file beside
the target, fsync, one rename, and on any exception (an error, Ctrl-C, SIGTERM) the
temporary file is removed, so a reader never sees half a file and nothing is left behind.
An operating-system error while writing (disk full, name too long, read-only file
system, no permission) becomes :class:`~evidencekit.errors.OutputUnwritable` (exit 3),
whose message names the output file or its folder.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import io
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, cast

from evidencekit.errors import OutputExists, OutputUnwritable
from evidencekit.i18n import msg, os_reason

#: Errors only writing can cause: inside an output block they are the output's fault,
#: whatever code raised them (reading an input never fills a disk).
_WRITE_ONLY_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS})

DEFAULT_NAME_MAX = 255
DEFAULT_PATH_MAX = 4096


def output_error(exc: OSError, target: Path | str) -> OutputUnwritable:
    """The message for an OS error met while writing ``target``: the real cause, named."""
    target = Path(os.fsdecode(target))
    folder = target.parent
    code = exc.errno
    if code == errno.ENOSPC:
        message = msg("err.out.full", folder=str(folder))
    elif code == errno.EDQUOT:
        message = msg("err.out.quota", folder=str(folder))
    elif code == errno.EFBIG:
        message = msg("err.out.too_big", path=str(target), folder=str(folder))
    elif code == errno.ENAMETOOLONG:
        longest = max(target.parts, key=lambda p: len(os.fsencode(p)), default=target.name)
        size = len(os.fsencode(longest))
        if size > DEFAULT_NAME_MAX:
            message = msg("err.out.name_too_long", name=longest, size=size, limit=DEFAULT_NAME_MAX, path=str(target))
        else:
            message = msg("err.out.path_too_long", size=len(os.fsencode(str(target))), limit=DEFAULT_PATH_MAX,
                          path=str(target))
    elif code == errno.EROFS:
        message = msg("err.out.read_only", folder=str(folder))
    elif code in (errno.EACCES, errno.EPERM):
        message = msg("err.out.no_permission", path=str(target), folder=str(folder))
    else:
        message = msg("err.out.other", path=str(target), reason=os_reason(exc) if exc.strerror else str(exc))
    hint = {
        errno.ENAMETOOLONG: "err.out.hint_shorter",
        errno.EACCES: "err.out.hint_permission",
        errno.EPERM: "err.out.hint_permission",
    }.get(code or 0, "err.out.hint_nothing_left")
    return OutputUnwritable(message, msg(hint), path=str(target))


def write_error_in(exc: BaseException) -> OSError | None:
    """The disk-full (or read-only, quota, too-large) OSError in ``exc``'s chain, if any.

    For code that cannot tell reading from writing (pyHanko signs a file in place) and
    wraps what it meets: only writing fails like this.
    """
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno in _WRITE_ONLY_ERRNOS:
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def name_max(dir_fd: int) -> int:
    """The longest file name (bytes) the file system under ``dir_fd`` accepts."""
    try:
        return int(os.fpathconf(dir_fd, "PC_NAME_MAX")) or DEFAULT_NAME_MAX
    except (OSError, ValueError):
        return DEFAULT_NAME_MAX


def truncate_utf8(raw: bytes, limit: int) -> bytes:
    """At most ``limit`` bytes of ``raw``, never cutting a UTF-8 character in half."""
    if len(raw) <= limit:
        return raw
    cut = raw[:max(limit, 0)]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return cut  # not UTF-8 anyway: bytes are all there is
    return cut.decode("utf-8", errors="ignore").encode("utf-8")


def shortened_name(name: bytes, limit: int, *, prefix: bytes = b"") -> bytes:
    """A name that fits ``limit`` bytes, made from ``name`` deterministically.

    ``prefix`` (e.g. the exhibit id) + the start of the name + ``~`` + the first 8 hex
    digits of the SHA-256 of the whole name + the extension: the same long name always
    gives the same short one, and different long names give different short ones.
    """
    stem, dot, ext = name.rpartition(b".")
    suffix = dot + ext if dot and stem and 0 < len(ext) <= 16 and b" " not in ext else b""
    if not suffix:
        stem = name
    tag = b"~" + hashlib.sha256(name).hexdigest()[:8].encode("ascii")
    room = limit - len(prefix) - len(tag) - len(suffix)
    return prefix + truncate_utf8(stem, room) + tag + suffix


WRITEBACK_STEP = 64 << 20  # bytes: how often a large output asks the kernel to start writing it out


@functools.cache
def _kernel_writeback() -> Any:
    """Linux's ``sync_file_range`` (not in :mod:`os`), or None where there is none."""
    try:
        import ctypes
        import ctypes.util

        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        func = libc.sync_file_range
    except (OSError, AttributeError):
        return None
    func.argtypes = (ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint)
    func.restype = ctypes.c_int
    return func


_SYNC_FILE_RANGE_WRITE = 2


class GuardedFile:
    """A binary output file whose OS errors name the output (see :func:`output_error`).

    A large output asks the kernel, every :data:`WRITEBACK_STEP` bytes, to start writing what it has
    (``sync_file_range``, without waiting): the fsync before the rename then waits only for the tail,
    instead of for the whole of a 2 GB dossier at once."""

    def __init__(self, fd: int, shown: Path) -> None:
        self._out = io.open(fd, "wb", closefd=True)
        self._shown = shown
        self._written = 0
        self._kicked = 0

    def _guard(self, func: Any, *args: Any) -> Any:
        try:
            return func(*args)
        except OSError as exc:
            raise output_error(exc, self._shown) from exc

    def write(self, data: Any) -> int:
        written = int(self._guard(self._out.write, data))
        self._written += written
        if self._written - self._kicked >= WRITEBACK_STEP:
            self._start_writeback()
        return written

    def _start_writeback(self) -> None:
        sync_file_range = _kernel_writeback()
        upto = self._out.tell()  # what the kernel has: Python's buffer holds at most a few kB more
        if sync_file_range is not None and upto > self._kicked:
            sync_file_range(self._out.fileno(), self._kicked, upto - self._kicked, _SYNC_FILE_RANGE_WRITE)
        self._kicked = max(self._kicked, upto)  # a failure here is harmless: the fsync does it all anyway

    def flush(self) -> None:
        if not self._out.closed:
            self._guard(self._out.flush)

    def tell(self) -> int:
        return int(self._out.tell())

    def seek(self, offset: int, whence: int = 0) -> int:
        return int(self._guard(self._out.seek, offset, whence))

    def truncate(self, size: int | None = None) -> int:
        return int(self._guard(self._out.truncate, size))

    def fileno(self) -> int:
        return self._out.fileno()

    def sync(self) -> None:
        """Flush to the disk itself (fsync)."""
        self.flush()
        self._guard(os.fsync, self._out.fileno())

    @property
    def closed(self) -> bool:
        return self._out.closed

    def close(self) -> None:
        if not self._out.closed:
            self._guard(self._out.close)

    def discard(self) -> None:
        """Close without reporting errors (the file is being thrown away)."""
        try:
            self._out.close()
        except OSError:
            pass

    def __enter__(self) -> GuardedFile:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()
        else:
            self.discard()


class AtomicOutput:
    """What :func:`atomic_output` gives the block: the stream, and the temporary file's path."""

    def __init__(self, file: GuardedFile, tmp: Path | None, target: Path) -> None:
        # typed as the BinaryIO that writers take: GuardedFile has the part they use
        self.file = cast(BinaryIO, file)
        self.guarded = file
        self.tmp = tmp  # None when written relative to a folder descriptor
        self.target = target

    @property
    def path(self) -> Path:
        """The temporary file, for code that reopens it (e.g. to sign it in place)."""
        if self.tmp is None:
            raise ValueError("written relative to a folder descriptor: there is no usable path")
        return self.tmp


def open_output_folder(folder: Path) -> int:
    """Create ``folder`` if needed and open it; OS errors name the folder."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise output_error(exc, folder / ".") from exc


def output_exists(path: Path) -> bool:
    """``path.exists()``, with an unusable output path reported as one (e.g. a name too long)."""
    try:
        os.stat(path)
        return True
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        raise output_error(exc, path) from exc


@contextmanager
def atomic_output(path: Path | str | bytes, *, force: bool = False, mode: int = 0o644,
                  dir_fd: int | None = None, shown: Path | None = None) -> Iterator[AtomicOutput]:
    """Write ``path`` atomically: ``with atomic_output(p) as out: out.file.write(...)``.

    The data goes to a hidden temporary file in the same folder (created 0600); when the
    block ends normally it is flushed, fsynced, given ``mode`` and renamed to ``path``.
    An existing file is replaced only with ``force`` (without it the rename cannot
    clobber a file that appeared meanwhile: :class:`OutputExists`). The block may close
    ``out.file`` and reopen ``out.path`` (pyHanko signs in place). On any exception,
    including KeyboardInterrupt and SIGTERM's, the temporary file is removed.

    With ``dir_fd``, ``path`` is a single name inside that open folder (so that paths
    longer than the system's limit work) and ``shown`` is the full path for messages.
    """
    own_dir = dir_fd is None
    if dir_fd is None:
        target = Path(os.fsdecode(path)).absolute()
        shown = target
        folder_fd = open_output_folder(target.parent)
        name = os.fsencode(target.name)
    else:
        folder_fd = dir_fd
        name = os.fsencode(path)
        shown = shown or Path(os.fsdecode(name))
    tmp_name = (b"." + truncate_utf8(name, name_max(folder_fd) - 20) + b"."
                + secrets.token_hex(4).encode("ascii") + b".part")
    stream: GuardedFile | None = None
    ours = True  # set before the file exists, so that a signal right after creating it still removes it
    try:
        try:
            fd = os.open(tmp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600, dir_fd=folder_fd)
        except OSError as exc:
            ours = False
            raise output_error(exc, shown) from exc
        stream = GuardedFile(fd, shown)
        tmp_path = shown.parent / os.fsdecode(tmp_name) if own_dir else None
        yield AtomicOutput(stream, tmp_path, shown)
        _commit(stream, folder_fd, tmp_name, name, shown, force=force, mode=mode)
    except BaseException as exc:
        if stream is not None:
            stream.discard()
        if ours:
            try:
                os.unlink(tmp_name, dir_fd=folder_fd)
            except OSError:
                pass
        if isinstance(exc, OSError) and exc.errno in _WRITE_ONLY_ERRNOS:
            raise output_error(exc, shown) from exc
        raise
    finally:
        if own_dir:
            os.close(folder_fd)


def _commit(stream: GuardedFile, folder_fd: int, tmp_name: bytes, name: bytes, shown: Path, *,
            force: bool, mode: int) -> None:
    try:
        if not stream.closed:
            stream.sync()
            os.fchmod(stream.fileno(), mode)
            stream.close()
        else:  # the block closed it and maybe rewrote it by path: sync what is on disk
            fd = os.open(tmp_name, os.O_RDONLY, dir_fd=folder_fd)
            try:
                os.fsync(fd)
                os.fchmod(fd, mode)
            finally:
                os.close(fd)
        if force:
            os.replace(tmp_name, name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
        else:
            _link_no_clobber(folder_fd, tmp_name, name, shown)
        try:
            os.fsync(folder_fd)  # the rename itself survives a crash
        except OSError:
            pass  # some file systems cannot sync a folder; the data is synced
    except OSError as exc:
        raise output_error(exc, shown) from exc


def _link_no_clobber(folder_fd: int, tmp_name: bytes, name: bytes, shown: Path) -> None:
    try:
        os.link(tmp_name, name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd, follow_symlinks=False)
    except FileExistsError as exc:
        raise OutputExists(msg("err.exists", path=str(shown)), msg("err.exists.hint_force"),
                           path=str(shown)) from exc
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS):
            raise
        # no hard links on this file system (FAT, some network shares): check, then rename
        try:
            os.stat(name, dir_fd=folder_fd, follow_symlinks=False)
        except FileNotFoundError:
            os.replace(tmp_name, name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
            return
        raise OutputExists(msg("err.exists", path=str(shown)), msg("err.exists.hint_force"),
                           path=str(shown)) from exc
    os.unlink(tmp_name, dir_fd=folder_fd)
