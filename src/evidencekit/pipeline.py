"""build_dossier: the bundle pipeline, stage by stage.

collect (collect.py) → describe: hash, type, facts (inspection.py) → plan: everything the
dossier says (plan.py) → render (render/) → assemble (assemble.py) → seal (seal.py), in a
temporary file beside the output, renamed into place only when sealed and re-read.
"""

from __future__ import annotations

import getpass
import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from evidencekit import assemble
from evidencekit.case import CaseFile
from evidencekit.clock import CHINA_TZ, Clock, iso, system_clock
from evidencekit.clutter import mark_duplicates, mark_hash_only
from evidencekit.collect import collect
from evidencekit.containers import Ask, Passwords, Workspace
from evidencekit.errors import BadInput, EvidencekitError, OutputExists, SigningFailed
from evidencekit.fileio import atomic_output, output_exists
from evidencekit.hashing import HashingWriter, quick_handoffs
from evidencekit.i18n import Message, msg
from evidencekit.identity import (
    Identity,
    create_identity,
    default_identity_path,
    load_identity,
)
from evidencekit.inspection import describe, given_passwords, load_case_for
from evidencekit.model import Item, Skipped
from evidencekit.pdf.rawsig import check_last_revision, file_signatures
from evidencekit.pdf.structure import read_structure
from evidencekit.plan import GENERIC_SIGNER, DossierPlan, plan_dossier, replan
from evidencekit.render.document import Styles
from evidencekit.render.dossier import RenderedPages, render_dossier
from evidencekit.render.exhibits import shown_pictures
from evidencekit.render.fonts import register_font
from evidencekit.render.view import Signer
from evidencekit.screens.stage import read_screens
from evidencekit.seal import SealedRange, seal_in_place
from evidencekit.summary import DEFAULT_SIZE_WARN, Summary, summarize
from evidencekit.timestamping import TimestampFailed, make_timestamper, probe

log = logging.getLogger("evidencekit")

Progress = Callable[[str, int, int], None]


@dataclass
class BundleOptions:
    output: Path | None = None
    case_path: Path | None = None
    identity_path: Path | None = None
    passphrase: str | None = None
    force: bool = False
    lang: str = "zh"
    font: Path | None = None
    channel: str | None = None
    public: bool = False
    tsa_url: str | None = None  # RFC 3161 TSA (already resolved from --tsa, env or settings)
    tsa_optional: bool = False  # seal without a timestamp if the TSA fails, and say so
    archive: bool = False  # B-LTA: validation data and a document timestamp
    sealer_name: str | None = None  # the name a newly made default identity seals under
    exclude: tuple[str, ...] = ()  # globs on the relative path: left out, named in the summary only
    hash_only: tuple[str, ...] = ()  # globs: hashed and listed, not embedded (the owner keeps the original)
    page_images: str = "full"  # "print": pages show images at 150 dpi; attachments stay the originals
    size_warn: int | None = DEFAULT_SIZE_WARN  # warn above this many bytes (None: never)
    passwords: dict[str, str] = field(default_factory=dict, repr=False)  # --password NAME=SECRET; never sealed
    ask_password: Ask | None = field(default=None, repr=False)  # a prompt, when a person is at the terminal
    ocr: str = "auto"  # read screenshots' text: auto | all | none (screens/stage.py)
    ocr_home: Path | None = None  # the OCR cache's home (None: EVIDENCEKIT_HOME if set, else no cache)


@dataclass
class BundleResult:
    output: Path
    dossier_id: str
    created: str
    time_source: str
    items: list[Item]
    skipped: list[Skipped]
    pages: int
    size: int
    signer: Signer
    identity_path: Path
    identity_created: bool
    channel: str | None = None
    warnings: list[Message] = field(default_factory=list)  # advice for the complainant
    tsa: dict[str, Any] | None = None  # url, name and time of the TSA that answered
    plan: DossierPlan | None = field(default=None, repr=False)  # what the dossier says, incl. the channel check
    summary: Summary | None = None  # what went in, with the sealed size

    def to_dict(self) -> dict[str, Any]:
        return {
            "output": str(self.output),
            "dossier_id": self.dossier_id,
            "created": self.created,
            "time_source": self.time_source,
            "pages": self.pages,
            "size": self.size,
            "signer": {"name": self.signer.name, "fingerprint": self.signer.fingerprint,
                       "self_signed": self.signer.self_signed},
            "identity": str(self.identity_path),
            "identity_created": self.identity_created,
            "channel": self.channel,
            "items": [{"id": i.id, "path": i.path, "kind": i.kind, "mime": i.mime, "size": i.size,
                       "sha256": i.sha256, "warnings": i.warnings, **({"parent": i.parent} if i.parent else {})}
                      for i in self.items],
            "skipped": [s.as_dict() for s in self.skipped],
            "tsa": self.tsa,
            "warnings": [str(w) for w in self.warnings],  # English, as before
            "warning_messages": [w.to_dict() for w in self.warnings],  # code, params and both texts
            "checks": self.plan.checks.to_dict() if self.plan is not None and self.plan.checks else None,
            "summary": self.summary.to_dict() if self.summary is not None else None,
        }


def default_output(folder: Path) -> Path:
    folder = folder.resolve()
    return folder.parent / f"{folder.name}-dossier.pdf"


def build_dossier(folder: Path, options: BundleOptions, *, clock: Clock = system_clock,
                  progress: Progress | None = None, identity: Identity | None = None,
                  on_summary: Callable[[Summary], None] | None = None) -> BundleResult:
    """Bundle ``folder`` into one sealed dossier. Never writes inside ``folder``.

    The stages, each a function: collect → describe → plan → render → assemble → seal. With
    ``identity`` given, nothing else is read for the signing key; without it the identity comes
    from ``options.identity_path`` or the default one (created on first use). ``on_summary`` hears
    what goes in (:mod:`evidencekit.summary`) once it is planned, before anything is written.
    """
    folder = Path(folder)
    output = (options.output or default_output(folder)).absolute()
    _check_output(folder, output, options.force)

    case = load_case_for(folder, options.case_path)
    now = clock()
    identity_created = False
    if identity is None:
        identity, identity_created = _identity(options, case, now)
    timestamper, tsa_info, tsa_warning = _timestamper(options)
    if options.archive and timestamper is None and tsa_warning:
        tsa_warning = msg("bundle.no_tsa_no_archive", reason=tsa_warning.params["reason"])

    collection = collect(folder, options.exclude)
    if not collection.files:
        raise BadInput(msg("err.no_evidence", path=str(folder)), msg("err.no_evidence.hint_bundle"))
    passwords = Passwords(options.passwords, options.ask_password)
    # what containers hold is unpacked here, and read again while the dossier is assembled
    with Workspace() as workspace:
        items = _described(collection.files, case, options, progress, workspace, passwords)
        signer = Signer(identity.name, identity.fingerprint, identity.self_signed)
        plan = plan_dossier(items, case, skipped=collection.skipped, lang=options.lang, channel=options.channel,
                            public=options.public, now=now, time_source="tsa" if timestamper else "local-clock",
                            signer=signer, passwords=given_passwords(items, passwords),
                            page_images=options.page_images)
        if on_summary is not None:
            on_summary(_summary(plan, collection.excluded, options))
        font = register_font(options.font)
        warnings = [tsa_warning] if tsa_warning else []
        try:
            rendered = _write_sealed(plan, font, output, options, identity, timestamper, now, progress)
        except TimestampFailed as exc:
            if not options.tsa_optional:
                raise
            # The TSA answered the probe but failed at sealing time. The manifest already says
            # "tsa" and is part of what is sealed: plan again with "local-clock" (nothing is read again).
            log.warning(msg("bundle.tsa_retry", reason=_reason(exc)))
            plan = replan(plan, now=now, time_source="local-clock")
            rendered = _write_sealed(plan, font, output, replace(options, archive=False), identity, None, now,
                                     progress)
            warnings = [msg("bundle.no_tsa", reason=_reason(exc))]
            tsa_info = None
    return BundleResult(
        output=output, dossier_id=plan.dossier_id, created=plan.created, time_source=plan.time_source,
        items=list(plan.items), skipped=list(plan.skipped), pages=rendered.page_count, size=output.stat().st_size,
        signer=signer, identity_path=identity.path, identity_created=identity_created, channel=plan.channel,
        warnings=warnings + [msg("bundle.password_unused", name=name) for name in passwords.unused()]
        + list(plan.notices) + [msg("bundle.statement_lint", warning=w) for w in plan.lint],
        tsa=tsa_info, plan=plan,
        summary=_summary(plan, collection.excluded, options, size=output.stat().st_size),
    )


def preview_dossier(folder: Path, options: BundleOptions, *, clock: Clock = system_clock,
                    progress: Progress | None = None) -> Summary:
    """``bundle --dry-run``: what would go in, planned exactly as :func:`build_dossier` plans it.
    Writes nothing: no dossier, no identity, nothing in ``folder``."""
    folder = Path(folder)
    case = load_case_for(folder, options.case_path)
    collection = collect(folder, options.exclude)
    if not collection.files:
        raise BadInput(msg("err.no_evidence", path=str(folder)), msg("err.no_evidence.hint_bundle"))
    passwords = Passwords(options.passwords, options.ask_password)
    with Workspace() as workspace:  # containers are opened to count what they hold, then cleared
        items = _described(collection.files, case, options, progress, workspace, passwords, dry_run=True)
        plan = plan_dossier(items, case, skipped=collection.skipped, lang=options.lang, channel=options.channel,
                            public=options.public, now=clock(), time_source="local-clock",
                            signer=Signer("", "", True), passwords=given_passwords(items, passwords),
                            page_images=options.page_images)
    return _summary(plan, collection.excluded, options)


def _described(files: list[Any], case: CaseFile, options: BundleOptions, progress: Progress | None,
               workspace: Workspace, passwords: Passwords, *, dry_run: bool = False) -> list[Item]:
    """describe, then the clutter rules (duplicates attached once, ``--hash-only`` not embedded),
    then the screens' text (OCR; a dry run adds nothing to the OCR cache)."""
    items = describe(files, case, progress, workspace=workspace, passwords=passwords)
    mark_duplicates(items)
    mark_hash_only(items, options.hash_only)
    read_screens(items, options.ocr, progress=progress, home=options.ocr_home, write_cache=not dry_run)
    return items


def _summary(plan: DossierPlan, excluded: list[Skipped], options: BundleOptions, size: int | None = None) -> Summary:
    return summarize(plan, excluded=excluded, size_warn=options.size_warn, page_images=options.page_images,
                     size=size)


def _write_sealed(plan: DossierPlan, font: str, output: Path, options: BundleOptions, identity: Identity,
                  timestamper: Any, now: Any, progress: Progress | None) -> RenderedPages:
    """Render, assemble and seal ``plan`` into ``output``, atomically; re-read before delivering.

    The pages are laid out (reportlab: pure Python, one core) while a second thread writes what
    needs no page — the shown pictures and every original, nearly all the bytes (I/O and hashing,
    which leave the interpreter free) — so the two overlap."""
    if progress:
        progress("render", 0, 1)
    with atomic_output(output, force=options.force) as out:
        with out.file as stream:
            # hashed as it is written: the seal then reads back only its own revision
            # the bulk is written from a thread of its own (below): it hashes there too, one thread fewer
            hashing = HashingWriter(stream, threaded=False)
            assembly = assemble.Assembly(hashing)  # type: ignore[arg-type]
            items = list(plan.items)
            stop = threading.Event()

            def payload() -> None:
                if options.page_images == "full":
                    assembly.write_images(shown_pictures(plan), stop.is_set)
                assembly.attach(items, plan.manifest.canonical, plan.sealed_case.text, progress, stop.is_set)

            with quick_handoffs(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="payload") as pool:
                written = pool.submit(payload)
                try:
                    rendered = render_dossier(plan, Styles(font))
                except BaseException:
                    stop.set()
                    raise
                finally:
                    if stop.is_set():
                        written.exception()  # wait; the layout's error is the one to report
                written.result()
            assembly.finish(rendered, items, dossier_id=plan.dossier_id, passwords=dict(plan.passwords),
                            progress=progress, page_images=options.page_images)
            prefix = hashing.finish()
        if progress:
            progress("seal", 0, 1)
        sealed = seal_in_place(out.path, identity, signing_time=now, document_id=bytes.fromhex(plan.dossier_id),
                               reason=f"evidencekit dossier {plan.dossier_id}", timestamper=timestamper,
                               archive=options.archive and timestamper is not None, prefix=prefix)
        _check_sealed(out.path, sealed)
    return rendered


def _timestamper(options: BundleOptions) -> tuple[Any, dict[str, Any] | None, Message | None]:
    """The TSA client, probed before anything is rendered (see timestamping.py).

    Returns (timestamper or None, what the TSA said about itself, a warning when
    --tsa-optional let the seal go on without one).
    """
    if not options.tsa_url:
        if options.archive:
            raise BadInput(msg("err.archive_needs_tsa"), msg("err.archive_needs_tsa.hint_bundle"))
        return None, None, None
    timestamper = make_timestamper(options.tsa_url)
    try:
        info = probe(timestamper)
    except TimestampFailed as exc:
        if not options.tsa_optional:
            raise
        log.warning(msg("bundle.tsa_skip", reason=_reason(exc)))
        return None, None, msg("bundle.no_tsa", reason=_reason(exc))
    return timestamper, {"url": info["url"], "name": info["name"],
                         "time": iso(info["time"].astimezone(CHINA_TZ)) if info["time"] else None}, None


def _reason(exc: EvidencekitError) -> Message | str:
    """What went wrong, as a message when the error carries one (shown in the user's language)."""
    return exc.msg if exc.msg is not None else exc.message


def _check_sealed(path: Path, sealed: SealedRange | None = None) -> None:
    """Check the sealed file before it is delivered: every signature's digest must match.

    With ``sealed`` (what the seal signed, its digest started while the file was written), only
    the seal's own revision is read back; otherwise the whole file is."""
    if sealed is not None:
        sig = check_last_revision(path, sealed.byte_range, sealed.prefix)
        if not sig.digest_matches or sig.digest is None or sig.digest[1] != sealed.digest:
            raise SigningFailed(msg("err.sealed_check", problems=[sig.problem or "?"]), msg("cli.internal_error.hint"))
        return
    with open(path, "rb") as f:
        structure = read_structure(f, os.fstat(f.fileno()).st_size)
    signatures = file_signatures(path, structure)
    if not signatures or not all(sig.digest_matches for sig in signatures):
        problems = [sig.problem or "?" for sig in signatures if not sig.digest_matches] or ["no signature"]
        raise SigningFailed(msg("err.sealed_check", problems=problems), msg("cli.internal_error.hint"))


def _check_output(folder: Path, output: Path, force: bool) -> None:
    try:
        output.resolve().relative_to(folder.resolve())
    except ValueError:
        pass
    else:
        raise BadInput(msg("err.output_inside_folder", path=str(output), folder=str(folder)),
                       msg("err.output_inside_folder.hint"))
    exists = output_exists(output)
    if exists and not force:
        raise OutputExists(msg("err.exists", path=str(output)), msg("err.exists.hint_bundle"))
    if exists and output.is_dir():
        raise BadInput(msg("err.output_is_folder", path=str(output)), msg("err.output_is_folder.hint"))


def _identity(options: BundleOptions, case: CaseFile, now: Any) -> tuple[Identity, bool]:
    """The signing identity: ``options.identity_path``, else the default one. The library never
    makes a key on its own (see :func:`ensure_default_identity`, which the CLI calls)."""
    if options.identity_path:
        return load_identity(options.identity_path, options.passphrase), False
    path = default_identity_path()
    if path.exists():
        return load_identity(path, options.passphrase), False
    raise SigningFailed(msg("err.no_signing_identity", path=str(path)), msg("err.no_signing_identity.hint"))


def ensure_default_identity(sealer_name: str | None, now: Any) -> Identity | None:
    """Create the default identity if there is none (the CLI's first run); None if it exists.

    Named after the computer's user unless a name is given, not after a case's complainant:
    the identity is kept and seals every later case too."""
    path = default_identity_path()
    if path.exists():
        return None
    who = sealer_name or f"{GENERIC_SIGNER}{_login_name()}"
    try:
        identity = create_identity(path, who, now=now)
    except BadInput:
        # Another process (a parallel first run) made it meanwhile: the atomic write refused to
        # replace it, and every run seals with that one, the winner's.
        if path.exists():
            return None
        raise
    log.warning(msg("bundle.identity_created", name=who, path=str(path)))
    return identity


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in this environment (some containers)
        return "unknown"

