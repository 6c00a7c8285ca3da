"""batch: many cases, one dossier each, on a pool of long-lived workers (or a Dask cluster).

The parent reads the list of cases, claims their outputs in a journal beside them, and hands
each case to a worker as a :class:`CaseTask` (plain data: paths and options, never a key). A
case takes bundle's options: the batch's, and a list row's own in place of them. A row value
bundle would refuse fails that case alone, with bundle's exit code.
A worker pays its start-up once — imports, the font, the identity unlocked once — and then
runs :func:`run_case` for case after case: :func:`~evidencekit.pipeline.build_dossier`, the
same function ``bundle`` calls, so the same case, identity and ``SOURCE_DATE_EPOCH`` give the
same bytes. A case that fails is a result, not an exception: the batch goes on.

The journal (``OUTDIR/.evidencekit-batch.jsonl``, appended a line at a time) makes a batch
resumable: a re-run skips a case whose fingerprint (its files' paths, sizes and mtimes, and
the options, containers' passwords aside: they are never written down) is unchanged and whose
dossier still verifies. It also records which outputs
the batch created, so a re-run may replace those — and only those — without ``--force``.
"""

from __future__ import annotations

import asyncio
import csv
import hashlib
import json
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from evidencekit import __version__
from evidencekit.batch_receipt import RECEIPT_NAME, Member, build_receipt, leaf_hash, merkle_root
from evidencekit.channels import get_channel
from evidencekit.clock import CHINA_TZ, fixed_clock, system_clock
from evidencekit.errors import BadInput, EvidencekitError, ExitCode
from evidencekit.fileio import atomic_output, open_output_folder, output_exists
from evidencekit.hashing import usable_cores
from evidencekit.i18n import Message, msg, text_of
from evidencekit.identity import load_identity
from evidencekit.option_values import PAGE_IMAGE_MODES, BadValue, parse_password, parse_size
from evidencekit.pipeline import BundleOptions, build_dossier
from evidencekit.render.fonts import register_font
from evidencekit.screens.engine import set_threads as set_ocr_threads
from evidencekit.screens.stage import OCR_MODES
from evidencekit.summary import DEFAULT_SIZE_WARN
from evidencekit.timestamping import TimestampFailed, describe_failure, make_timestamper, set_request_limit
from evidencekit.verify import verify_dossier

JOURNAL_NAME = ".evidencekit-batch.jsonl"
LIST_COLUMNS = ("case", "output", "channel", "public", "case_file", "font", "ocr", "exclude", "hash_only",
                "page_images", "size_warn", "password")
log = logging.getLogger("evidencekit")


@dataclass(frozen=True)
class RowProblem:
    """A row value bundle would refuse as an option: that case fails with bundle's exit code."""

    exit_code: int
    message: Message
    hint: Message | None = None


@dataclass(frozen=True)
class CaseSpec:
    """One case of a batch: its folder, its dossier and its own options (None: the batch's)."""

    case: Path
    output: Path
    channel: str | None = None
    public: bool = False
    case_file: Path | None = None  # a case.toml elsewhere (bundle's --case)
    font: Path | None = None
    ocr: str | None = None  # this case's --ocr (auto, all, none)
    exclude: tuple[str, ...] | None = None  # this case's --exclude globs, in place of the batch's
    hash_only: tuple[str, ...] | None = None  # this case's --hash-only globs, in place of the batch's
    page_images: str | None = None  # full or print
    size_warn: int | None = None  # bytes; 0: never warn
    # --password NAME=SECRET for this case, over the batch's of the same NAME; never journaled nor shown
    passwords: Mapping[str, str] = field(default_factory=dict, repr=False)
    problem: RowProblem | None = None  # a value in its row that bundle would refuse


@dataclass(frozen=True)
class BatchSettings:
    """What every case of a batch shares. No key's passphrase: that comes from the worker's
    environment (``EVIDENCEKIT_PASSPHRASE``), never from here. Containers' passwords travel here
    to the workers (as with bundle, they open files, they are never sealed), never to the journal
    or a result."""

    identity_path: Path
    lang: str = "zh"
    tsa_url: str | None = None
    tsa_optional: bool = False
    archive: bool = False
    force: bool = False
    source_date_epoch: str | None = None  # the parent's, so every worker seals at the same time
    tsa_limit: int = 4  # TSA requests in flight at once, across the local pool's workers
    ocr: str = "auto"  # bundle's --ocr for every case without its own
    ocr_home: Path | None = None  # the OCR cache's home, as bundle's (the CLI's home_dir())
    font: Path | None = None  # bundle's --font for every case without its own
    exclude: tuple[str, ...] = ()  # bundle's --exclude globs
    hash_only: tuple[str, ...] = ()  # bundle's --hash-only globs
    page_images: str = "full"  # bundle's --page-images
    size_warn: int | None = DEFAULT_SIZE_WARN  # bundle's --size-warn (None: never warn)
    passwords: Mapping[str, str] = field(default_factory=dict, repr=False)  # bundle's --password NAME=SECRET


@dataclass(frozen=True)
class CaseTask:
    """The unit of work a worker receives: plain data, picklable, no key material."""

    spec: CaseSpec
    settings: BatchSettings
    fingerprint: str
    may_replace: bool  # the output is ours (claimed by this batch) or --force
    previous_id: str | None = None  # the dossier id the journal recorded for this fingerprint


@dataclass
class CaseResult:
    """One line of batch's output: what became of one case."""

    case: str
    output: str
    status: str  # "sealed", "skipped" (unchanged and still verifies) or "failed"
    exit_code: int
    dossier_id: str | None = None
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None
    hint: str | None = None
    fingerprint: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("fingerprint")
        return data

    @property
    def ok(self) -> bool:
        return self.status != "failed"


# ---- the list of cases -------------------------------------------------------------------------


def load_cases(source: Path, outdir: Path) -> list[CaseSpec]:
    """The cases of a batch: every sub-folder of ``source`` (its dossier ``OUTDIR/<name>.pdf``),
    or the rows of a CSV or JSON Lines file (columns :data:`LIST_COLUMNS`; ``case`` required)."""
    source = Path(source)
    if source.is_dir():
        specs = [CaseSpec(case=entry.absolute(), output=(outdir / f"{entry.name}.pdf").absolute())
                 for entry in sorted(source.iterdir(), key=lambda p: p.name)
                 if entry.is_dir() and not entry.is_symlink() and not entry.name.startswith(".")]
        if not specs:
            raise BadInput(msg("err.batch.no_cases", path=str(source)), msg("err.batch.no_cases.hint"))
        return specs
    if not source.is_file():
        raise BadInput(msg("err.batch.cases_missing", path=str(source)), msg("err.batch.cases_kind.hint"))
    suffix = source.suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(source)
    elif suffix in (".jsonl", ".ndjson", ".json"):
        rows = _jsonl_rows(source)
    else:
        raise BadInput(msg("err.batch.cases_kind", path=str(source)), msg("err.batch.cases_kind.hint"))
    specs = [_spec(source, line, row, outdir) for line, row in rows]
    if not specs:
        raise BadInput(msg("err.batch.no_cases", path=str(source)), msg("err.batch.no_cases.hint"))
    seen: dict[Path, int] = {}
    for (line, _), spec in zip(rows, specs):
        if spec.output in seen:
            raise BadInput(msg("err.batch.same_output", path=str(source), line=line, first=seen[spec.output],
                               output=str(spec.output)), msg("err.batch.same_output.hint"))
        seen[spec.output] = line
    return specs


def _csv_rows(source: Path) -> list[tuple[int, dict[str, Any]]]:
    try:
        with source.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            return [(reader.line_num, {k: v for k, v in row.items() if k is not None}) for row in reader
                    if any((v or "").strip() for v in row.values() if isinstance(v, str))]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise BadInput(msg("err.batch.list_unreadable", path=str(source), detail=str(exc)),
                       msg("err.batch.list.hint")) from exc


def _jsonl_rows(source: Path) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    try:
        with source.open(encoding="utf-8-sig") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except ValueError as exc:
                    raise BadInput(msg("err.batch.list_line", path=str(source), line=number, detail=str(exc)),
                                   msg("err.batch.list.hint")) from exc
                if not isinstance(row, dict):
                    raise BadInput(msg("err.batch.list_line", path=str(source), line=number,
                                       detail="not a JSON object"), msg("err.batch.list.hint"))
                rows.append((number, row))
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(msg("err.batch.list_unreadable", path=str(source), detail=str(exc)),
                       msg("err.batch.list.hint")) from exc
    return rows


def _spec(source: Path, line: int, row: dict[str, Any], outdir: Path) -> CaseSpec:
    unknown = sorted(set(row) - set(LIST_COLUMNS))
    if unknown:
        raise BadInput(msg("err.batch.list_column", path=str(source), line=line, columns=unknown,
                           known=list(LIST_COLUMNS)), msg("err.batch.list.hint"))
    case = str(row.get("case") or "").strip()
    if not case:
        raise BadInput(msg("err.batch.list_no_case", path=str(source), line=line), msg("err.batch.list.hint"))
    base = source.parent.absolute()
    folder = base / case
    output = str(row.get("output") or "").strip()
    public = row.get("public")
    if isinstance(public, str):
        public = public.strip().lower() in ("1", "true", "yes", "y", "是")
    spec = CaseSpec(
        case=folder,
        output=(outdir.absolute() / output) if output else (outdir / f"{folder.name}.pdf").absolute(),
        channel=str(row["channel"]).strip() or None if row.get("channel") else None,
        public=bool(public),
        case_file=base / str(row["case_file"]) if row.get("case_file") else None,
        font=base / str(row["font"]) if row.get("font") else None,
    )
    try:
        return replace(spec, **_row_options(row, spec))
    except _BadRow as bad:
        return replace(spec, problem=RowProblem(int(ExitCode.USAGE), msg(bad.code, path=str(source), line=line,
                                                                        **bad.params), msg("err.batch.row.hint")))


class _BadRow(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def _row_options(row: dict[str, Any], spec: CaseSpec) -> dict[str, Any]:
    """A row's own bundle options, checked as bundle checks them (a bad one raises :class:`_BadRow`)."""
    found: dict[str, Any] = {}
    for column, known in (("ocr", OCR_MODES), ("page_images", PAGE_IMAGE_MODES)):
        value = _given(row.get(column))
        if value is not None:
            if str(value).strip() not in known:
                raise _BadRow("err.batch.list_choice", column=column, value=str(value), known=list(known))
            found[column] = str(value).strip()
    size = _given(row.get("size_warn"))
    if size is not None:
        try:
            found["size_warn"] = parse_size(size) or 0
        except BadValue as exc:
            raise _BadRow("err.batch.list_value", column="size_warn", problem=exc.message) from None
    for column in ("exclude", "hash_only"):
        globs = _given(row.get(column))
        if globs is not None:
            found[column] = _globs(column, globs)
    secrets = _given(row.get("password"))
    if secrets is not None:
        found["passwords"] = _row_passwords(secrets)
    if spec.font is not None and not spec.font.is_file():  # bundle's --font must exist too
        raise _BadRow("err.batch.list_font", font=str(spec.font))
    return found


def _given(value: Any) -> Any:
    """A cell's value, or None when it is left empty (the batch's option then)."""
    return None if value is None or (isinstance(value, str) and not value.strip()) else value


def _globs(column: str, value: Any) -> tuple[str, ...]:
    """A list in JSON Lines; in a CSV cell (or a JSON string), globs separated by ";"."""
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(";") if part.strip())
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        return tuple(part for part in value if part)
    raise _BadRow("err.batch.list_type", column=column, expected=msg("err.batch.list_type.globs"))


def _row_passwords(value: Any) -> dict[str, str]:
    """``{"NAME": "SECRET"}`` or ``["NAME=SECRET", …]`` in JSON Lines; ``NAME=SECRET;…`` in a CSV
    cell. No message repeats a secret."""
    if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        # a name holding "=" cannot be given to bundle either
        entries = [f"{name}={secret}" if "=" not in name else "" for name, secret in value.items()]
    elif isinstance(value, str):
        entries = [part.lstrip() for part in value.split(";") if part.strip()]
    elif isinstance(value, list) and all(isinstance(part, str) for part in value):
        entries = list(value)
    else:
        raise _BadRow("err.batch.list_type", column="password", expected=msg("err.batch.list_type.passwords"))
    found: dict[str, str] = {}
    for entry in entries:
        try:
            name, secret = parse_password(entry)
        except BadValue as exc:
            raise _BadRow("err.batch.list_value", column="password", problem=exc.message) from None
        found[name] = secret
    return found


# ---- fingerprints and the journal --------------------------------------------------------------


def case_options(spec: CaseSpec, settings: BatchSettings) -> BundleOptions:
    """The bundle options a case is sealed with: its row's, else the batch's (passwords: both,
    the row's first). The output may be replaced only when the caller says so (``force``)."""
    return BundleOptions(
        output=spec.output, case_path=spec.case_file, identity_path=settings.identity_path, force=settings.force,
        lang=settings.lang, font=spec.font or settings.font, channel=spec.channel, public=spec.public,
        tsa_url=settings.tsa_url, tsa_optional=settings.tsa_optional, archive=settings.archive,
        exclude=settings.exclude if spec.exclude is None else spec.exclude,
        hash_only=settings.hash_only if spec.hash_only is None else spec.hash_only,
        page_images=spec.page_images or settings.page_images,
        size_warn=settings.size_warn if spec.size_warn is None else spec.size_warn or None,
        passwords={**settings.passwords, **spec.passwords}, ocr=spec.ocr or settings.ocr,
        ocr_home=settings.ocr_home)


def fingerprint(spec: CaseSpec, settings: BatchSettings) -> str:
    """A cheap fingerprint of a case: every path, size and mtime under its folder (no byte is
    read), its case file, font and the identity file, the options it is sealed with (passwords
    aside: they are never written down) and the tool's version."""
    options = case_options(spec, settings)
    entries: list[Any] = []
    for root, dirs, files in os.walk(spec.case):
        dirs.sort()
        for name in sorted(files + [d for d in dirs if os.path.islink(os.path.join(root, d))]):
            full = os.path.join(root, name)
            try:
                st = os.lstat(full)
            except OSError:
                continue
            entries.append([os.path.relpath(full, spec.case), st.st_size, st.st_mtime_ns])
    for extra in (spec.case_file, options.font, settings.identity_path):
        try:
            known = os.stat(extra) if extra else None
        except OSError:
            known = None
        entries.append([str(extra), known.st_size if known else None, known.st_mtime_ns if known else None])
    shown = {f.name: str(v) if isinstance(v := getattr(spec, f.name), Path) else v for f in fields(spec)
             if f.name not in ("passwords", "problem")}
    chosen = {"lang": settings.lang, "tsa": settings.tsa_url, "tsa_optional": settings.tsa_optional,
              "archive": settings.archive, "epoch": settings.source_date_epoch, "version": __version__,
              "ocr": options.ocr, "font": str(options.font) if options.font else None,
              "exclude": list(options.exclude), "hash_only": list(options.hash_only),
              "page_images": options.page_images, "size_warn": options.size_warn}
    blob = json.dumps([entries, {"spec": shown, **chosen}], sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


class Journal:
    """``OUTDIR/.evidencekit-batch.jsonl``: one JSON object a line, appended and synced.

    ``{"claim": OUTPUT}`` — this batch is about to create OUTPUT (it did not exist);
    ``{"done": OUTPUT, "fingerprint": …, "dossier_id": …}`` — OUTPUT was sealed from those inputs.
    A torn last line (a crash mid-write) is ignored.
    """

    def __init__(self, outdir: Path) -> None:
        self.path = outdir / JOURNAL_NAME
        self.claimed: set[str] = set()
        self.done: dict[str, dict[str, Any]] = {}
        try:
            with self.path.open(encoding="utf-8") as f:
                for line in f:
                    try:
                        entry = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(entry, dict) and isinstance(entry.get("claim"), str):
                        self.claimed.add(entry["claim"])
                    elif isinstance(entry, dict) and isinstance(entry.get("done"), str):
                        self.done[entry["done"]] = entry
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise BadInput(msg("err.batch.journal", path=str(self.path), detail=str(exc)),
                           msg("err.batch.journal.hint")) from exc

    def append(self, entries: Iterable[dict[str, Any]]) -> None:
        data = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entries)
        if not data:
            return
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            os.write(fd, data.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)


# ---- the work of one case (runs in a worker) ---------------------------------------------------

_identities: dict[str, Any] = {}
_identity_lock = threading.Lock()


def worker_identity(path: Path) -> Any:
    """The identity at ``path``, unlocked once per worker (passphrase: the worker's environment)."""
    key = str(path)
    with _identity_lock:
        if key not in _identities:
            _identities[key] = load_identity(Path(path))
        return _identities[key]


def warm_up(identity_path: Path | None = None) -> None:
    """What a worker pays once (the pipeline's imports came with this module): the font, the identity."""
    register_font(None)
    if identity_path is not None:
        worker_identity(identity_path)


def run_case(task: CaseTask) -> CaseResult:
    """Seal one case (or skip it, unchanged and still valid). Never raises for a bad case."""
    started = time.perf_counter()
    spec, settings = task.spec, task.settings
    result = CaseResult(case=str(spec.case), output=str(spec.output), status="failed",
                        exit_code=int(ExitCode.INTERNAL), fingerprint=task.fingerprint)
    try:
        if task.previous_id and _still_valid(spec.output, task.previous_id):
            result.status, result.exit_code, result.dossier_id = "skipped", int(ExitCode.OK), task.previous_id
            return result
        clock = system_clock
        if settings.source_date_epoch:  # the parent's, as a worker on another machine may not have it
            clock = fixed_clock(datetime.fromtimestamp(int(settings.source_date_epoch), tz=CHINA_TZ))
        options = replace(case_options(spec, settings), force=task.may_replace or settings.force)
        if spec.channel:
            get_channel(spec.channel)
        made = build_dossier(spec.case, options, clock=clock, identity=worker_identity(settings.identity_path))
        result.status, result.exit_code, result.dossier_id = "sealed", int(ExitCode.OK), made.dossier_id
        lang = settings.lang
        result.warnings = [text_of(w, lang) for w in made.warnings] + [
            f"{item.id} {item.path}: {text_of(w, lang)}" for item in made.items for w in item.warnings]
        if made.summary is not None and made.summary.too_large:  # --size-warn, as bundle says it after sealing
            result.warnings += [w.text(lang) for w in made.summary.warnings if w.code != "summary.empty_named"]
    except EvidencekitError as exc:
        result.exit_code = int(exc.exit_code)
        result.error = exc.text(settings.lang)
        result.hint = exc.hint_text(settings.lang)
    except Exception as exc:  # noqa: BLE001 - a bug in one case must not stop the batch
        result.error = text_of(msg("err.batch.internal", error=f"{type(exc).__name__}: {exc}"), settings.lang)
    finally:
        result.seconds = round(time.perf_counter() - started, 3)
    return result


def _still_valid(output: Path, dossier_id: str) -> bool:
    if not output.is_file():
        return False
    try:
        report = verify_dossier(output)
    except EvidencekitError:
        return False
    return report.exit_code == ExitCode.OK and report.dossier_id == dossier_id


# ---- executors ---------------------------------------------------------------------------------

Executor = Callable[[list[CaseTask]], Iterator[CaseResult]]


def _init_local_worker(identity_path: Path | None, tsa_limit: Any = None, ocr_threads: int | None = None) -> None:
    set_request_limit(tsa_limit)
    # each worker loads the OCR engine once, on its first screen, and reads its case's screens itself
    # (a pool worker starts no pool of its own): one ONNX thread each, so the cores are not oversubscribed
    set_ocr_threads(ocr_threads)
    # the parent reports every case; a worker's own log lines would only repeat them
    logging.getLogger("evidencekit").setLevel(logging.ERROR)
    # The parent is in charge: Ctrl-C reaches it, and it ends its workers with SIGTERM, which
    # unwinds the case at hand (its atomic output removes the half-written file) and exits quietly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    warm_up(identity_path)


def _exit_on_sigterm(signum: int, frame: Any) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise SystemExit(int(ExitCode.TERMINATED))


def local_executor(jobs: int) -> Executor:
    """A pool of ``jobs`` long-lived worker processes. On Linux they are forked from a parent
    that has already paid the start-up, so each worker starts warm."""

    def run(tasks: list[CaseTask]) -> Iterator[CaseResult]:
        if not tasks:
            return
        identity_path = tasks[0].settings.identity_path
        warm_up(identity_path)  # here once, inherited by forked workers
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        settings = tasks[0].settings
        limit = context.BoundedSemaphore(max(1, settings.tsa_limit)) if settings.tsa_url else None
        workers = max(1, min(jobs, len(tasks)))
        pool = context.Pool(workers, initializer=_init_local_worker,
                            initargs=(identity_path, limit, 1 if workers > 1 else None))
        try:
            yield from pool.imap_unordered(run_case, tasks, chunksize=1)
            pool.close()
        except BaseException:
            pool.terminate()  # SIGTERM to the workers: each removes its half-written output
            raise
        finally:
            pool.join()

    return run


def dask_executor(scheduler: str) -> Executor:
    """The same :func:`run_case` on a Dask cluster (``pip install 'evidencekit[dask]'``).

    Workers must see the cases, the outputs and the identity file at the same paths; a
    passphrase comes from each worker's ``EVIDENCEKIT_PASSPHRASE``, never from the task graph.
    """
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise BadInput(msg("err.batch.no_dask"), msg("err.batch.no_dask.hint")) from exc

    def run(tasks: list[CaseTask]) -> Iterator[CaseResult]:
        if not tasks:
            return
        try:
            client = Client(scheduler, timeout=30, set_as_default=False)
        except OSError as exc:
            raise BadInput(msg("err.batch.scheduler", address=scheduler, detail=str(exc)),
                           msg("err.batch.scheduler.hint")) from exc
        try:
            # pure=False: a task is a side effect (a file written), never a cached value
            futures = client.map(run_case, tasks, pure=False)
            for future in as_completed(futures, loop=client.loop):
                yield future.result()
        finally:
            client.close()

    return run


# ---- the batch ---------------------------------------------------------------------------------


def plan_tasks(specs: list[CaseSpec], settings: BatchSettings, outdir: Path) -> tuple[list[CaseTask], list[CaseResult]]:
    """Claim the outputs, decide what each case needs. Returns the tasks to run and the cases
    that fail before any work (an output that exists and is not this batch's, without --force)."""
    folder_fd = open_output_folder(outdir)
    os.close(folder_fd)
    journal = Journal(outdir)
    tasks: list[CaseTask] = []
    refused: list[CaseResult] = []
    claims = []
    for spec in specs:
        key = str(spec.output)
        if spec.problem is not None:
            problem = spec.problem
            refused.append(CaseResult(case=str(spec.case), output=key, status="failed", exit_code=problem.exit_code,
                                      error=problem.message.text(settings.lang),
                                      hint=problem.hint.text(settings.lang) if problem.hint else None))
            continue
        ours = key in journal.claimed
        if not ours and output_exists(spec.output) and not settings.force:
            refused.append(CaseResult(case=str(spec.case), output=key, status="failed",
                                      exit_code=int(ExitCode.BAD_INPUT),
                                      error=text_of(msg("err.exists", path=key), settings.lang),
                                      hint=text_of(msg("err.batch.exists.hint"), settings.lang)))
            continue
        if not ours:
            claims.append({"claim": key})
        print_ = fingerprint(spec, settings)
        done = journal.done.get(key)
        previous = done.get("dossier_id") if done and done.get("fingerprint") == print_ else None
        tasks.append(CaseTask(spec, settings, print_, may_replace=ours or settings.force, previous_id=previous))
    journal.append(claims)
    return tasks, refused


def run_batch(specs: list[CaseSpec], settings: BatchSettings, outdir: Path, executor: Executor,
              progress: Callable[[int, int], None] | None = None) -> Iterator[CaseResult]:
    """Run every case; yield each result as it finishes (journaled before it is yielded)."""
    outdir = Path(outdir).absolute()
    tasks, refused = plan_tasks(specs, settings, outdir)
    journal = Journal(outdir)
    total, finished = len(specs), 0
    for result in refused:
        finished += 1
        if progress:
            progress(finished, total)
        yield result
    for result in executor(tasks):
        if result.status == "sealed":
            journal.append([{"done": result.output, "fingerprint": result.fingerprint,
                             "dossier_id": result.dossier_id}])
        finished += 1
        if progress:
            progress(finished, total)
        yield result


def write_receipt(results: list[CaseResult], outdir: Path, tsa_url: str) -> Path | None:
    """``OUTDIR/batch-receipt.json``: one RFC 3161 token over the Merkle root of the ids of every
    dossier the batch holds (sealed now or skipped as unchanged), with each one's proof path
    (see :mod:`evidencekit.batch_receipt`). None when no dossier was made. A TSA that does not
    answer raises :class:`TimestampFailed` (exit 7); the dossiers themselves stay as they are."""
    outdir = Path(outdir).absolute()
    members = [Member(r.dossier_id, os.path.relpath(r.output, outdir), r.case)
               for r in results if r.ok and r.dossier_id]
    if not members:
        return None
    root = merkle_root([leaf_hash(i) for i in sorted({m.dossier_id for m in members})])
    timestamper = make_timestamper(tsa_url)
    try:
        token = asyncio.run(timestamper.async_timestamp(root, "sha256"))
    except Exception as exc:
        raise TimestampFailed(tsa_url, describe_failure(exc)) from exc
    data = build_receipt(members, token, tsa_url)
    target = outdir / RECEIPT_NAME
    with atomic_output(target, force=True) as out:  # the batch's own file, replaced by each run
        out.file.write((json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return target


def default_jobs() -> int:
    """``--jobs``' default: the cores this process may use."""
    return usable_cores()


def summary(results: list[CaseResult]) -> Message:
    counts = {status: sum(1 for r in results if r.status == status) for status in ("sealed", "skipped", "failed")}
    return msg("cli.batch.summary", total=len(results), **counts)


__all__ = ["BatchSettings", "CaseResult", "CaseSpec", "CaseTask", "Journal", "dask_executor", "default_jobs",
           "fingerprint", "load_cases", "local_executor", "run_batch", "run_case", "summary", "write_receipt"]
