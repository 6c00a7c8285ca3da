"""build_dossier: the bundle pipeline, stage by stage.

collect → hash → describe (type, facts) → manifest → render → assemble → seal,
in a temporary file beside the output, renamed into place only when sealed.
"""

from __future__ import annotations

import getpass
import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from evidencekit import assemble as assembly
from evidencekit.case import CaseFile
from evidencekit.channels import get_channel
from evidencekit.clock import CHINA_TZ, Clock, iso, system_clock
from evidencekit.collect import collect
from evidencekit.errors import BadInput, OutputExists, SigningFailed
from evidencekit.fileio import atomic_output, output_exists
from evidencekit.identity import (
    Identity,
    create_identity,
    default_identity_path,
    load_identity,
)
from evidencekit.inspection import describe, load_case_for
from evidencekit.manifest import build_manifest
from evidencekit.model import Item, Skipped
from evidencekit.pdf.rawsig import scan_signatures
from evidencekit.privacy import mask_personal, public_masker
from evidencekit.render.document import Styles
from evidencekit.render.dossier import render_dossier
from evidencekit.render.fonts import register_font
from evidencekit.render.statement import statement_section
from evidencekit.render.timeline import timeline
from evidencekit.render.view import DossierView, Signer
from evidencekit.seal import seal_in_place
from evidencekit.statement_lint import lint_statement
from evidencekit.timestamping import TimestampFailed, make_timestamper, probe
from evidencekit.visuals import visual_for

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
    warnings: list[str] = field(default_factory=list)
    tsa: dict[str, Any] | None = None  # url, name and time of the TSA that answered

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
                       "sha256": i.sha256, "warnings": i.warnings} for i in self.items],
            "skipped": [s.as_dict() for s in self.skipped],
            "tsa": self.tsa,
            "warnings": self.warnings,
        }


def default_output(folder: Path) -> Path:
    folder = folder.resolve()
    return folder.parent / f"{folder.name}-dossier.pdf"


def build_dossier(folder: Path, options: BundleOptions, *, clock: Clock = system_clock,
                  progress: Progress | None = None) -> BundleResult:
    """Bundle ``folder`` into one sealed dossier. Never writes inside ``folder``."""
    folder = Path(folder)
    output = (options.output or default_output(folder)).absolute()
    _check_output(folder, output, options.force)

    case = load_case_for(folder, options.case_path)
    now = clock()
    created = iso(now)
    identity, identity_created = _identity(options, case, now)
    timestamper, tsa_info, tsa_warning = _timestamper(options)
    time_source = "tsa" if timestamper is not None else "local-clock"
    if options.archive and timestamper is None and tsa_warning:
        tsa_warning += "; --archive needs a timestamp, so no document timestamp (B-LTA) was added either"

    collection = collect(folder)
    if not collection.files:
        raise BadInput(f"{folder}: no evidence files found", "Put your screenshots, bills, chats and "
                       "recordings in the folder (sub-folders are fine) and run bundle again.")
    items = describe(collection.files, case, progress)

    channel = options.channel or case.channel
    # A public channel (黑猫投诉, 微博) is public whatever the case says: nothing personal on any page.
    public = options.public or case.public is True or _channel_masks(channel)
    passwords = {e["path"]: e["password"] for e in case.data.get("evidence", []) if e.get("password")}
    visuals = {item.id: visual_for(item, options.lang, passwords.get(item.path)) for item in items}
    if public:
        visuals = {item_id: _public_visual(visual, case, options.lang) for item_id, visual in visuals.items()}
    for item in items:
        visual = visuals[item.id]
        if visual.problem and visual.reason and not _already_warned(item.warnings):
            item.warnings.append(visual.reason)

    # A public dossier (黑猫投诉, 微博) seals the masked case: the manifest and the attached
    # case.toml would otherwise carry the ID number, phone and address in clear.
    sealed_case = mask_personal(case) if public else case
    public_warnings = [_PUBLIC_WARNING, _REPUTATION_WARNING if options.lang == "en" else _REPUTATION_WARNING_ZH] \
        if public else []
    if identity.name.startswith(GENERIC_SIGNER):
        public_warnings.append(
            f"sealed under the generic name \"{identity.name}\": run `evidencekit identity create --name 你的姓名 "
            "--force` once to seal under your own name" if options.lang == "en" else
            f"以通用名称“{identity.name}”封存：运行一次 `evidencekit identity create --name 你的姓名 --force`，"
            "以后以你的姓名封存")
    manifest = build_manifest(
        case=sealed_case.data, items=items, created=created, time_source=time_source,
        skipped=[s.as_dict() for s in collection.skipped],
    )
    dossier_id = manifest.dossier_id
    font = register_font(options.font)

    signer = Signer(identity.name, identity.fingerprint, identity.self_signed)
    view = DossierView(
        lang=options.lang, styles=Styles(font), dossier_id=dossier_id, manifest=manifest.data,
        case=case.data, items=items, visuals=visuals, skipped=collection.skipped, signer=signer,
        public=public, channel=channel, today=now.date(),
        # the cover shows masked data when public; the sealed case.toml and manifest keep the originals
        shown_case=sealed_case.data if public else None,
        mask=public_masker(case) if public else None,
        statement=statement_section(case, channel, now.date(), public=public) if channel else None,
        timeline=timeline,
    )
    lint = [f"投诉书：{w}" if options.lang == "zh" else f"statement: {w}"
            for w in lint_statement(case, options.lang)] if channel else []
    if progress:
        progress("render", 0, 1)
    rendered = render_dossier(view)

    try:
        with atomic_output(output, force=options.force) as out:
            with out.file as stream:
                assembly.assemble(stream, rendered, items, dossier_id=dossier_id,
                                  manifest_bytes=manifest.canonical, case_text=sealed_case.text,
                                  passwords=passwords, progress=progress)
            if progress:
                progress("seal", 0, 1)
            seal_in_place(out.path, identity, signing_time=now, document_id=bytes.fromhex(dossier_id),
                          reason=f"evidencekit dossier {dossier_id}", timestamper=timestamper,
                          archive=options.archive and timestamper is not None)
            _check_sealed(out.path)
    except TimestampFailed as exc:
        if not options.tsa_optional:
            raise
        # The TSA answered the probe but failed at sealing time. The manifest already says
        # "tsa" and is part of what is sealed, so build again honestly, with "local-clock".
        log.warning("%s; sealing again without a trusted timestamp (--tsa-optional)", exc.message)
        retry = replace(options, tsa_url=None, tsa_optional=False, archive=False)
        result = build_dossier(folder, retry, clock=clock, progress=progress)
        result.warnings.insert(0, f"no trusted timestamp: {exc.message}")
        return result
    return BundleResult(
        output=output, dossier_id=dossier_id, created=created, time_source=time_source, items=items,
        skipped=collection.skipped, pages=rendered.page_count, size=output.stat().st_size, signer=signer,
        identity_path=identity.path, identity_created=identity_created, channel=channel,
        warnings=([tsa_warning] if tsa_warning else []) + public_warnings + lint, tsa=tsa_info,
    )


GENERIC_SIGNER = "evidencekit user "

_REPUTATION_WARNING = (
    "a public post: state only facts you can prove, without insults; inventing or distorting facts harms "
    "the company's reputation and is not protected (Civil Code Arts. 1024, 1025)"
)
_REPUTATION_WARNING_ZH = (
    "公开发布：只陈述能够证明的事实，不要使用侮辱性言辞；捏造、歪曲事实侵害企业名誉权的，要承担责任"
    "（民法典第一千零二十四条、第一千零二十五条）"
)


def _channel_masks(channel: str | None) -> bool:
    """Does the channel publish what it receives (its template masks personal data)?"""
    if not channel:
        return False

    return get_channel(channel).mask_personal


def _public_visual(visual: Any, case: CaseFile, lang: str) -> Any:
    """On a public dossier our pages show no personal data: a PDF's own pages (a receipt names the
    payer) become a card, and a plain text has the complainant's data masked. The originals stay
    attached as they are; masking inside them is a separate matter."""
    from dataclasses import replace as copy_with

    if visual.mode == "pdf":
        return copy_with(visual, mode="card", pages=(), reason=(
            "公开材料不展示此 PDF 的页面（其中可能有姓名、账号等个人信息）；原文件已作为附件封存。" if lang == "zh"
            else "A public dossier does not show this PDF's pages (they may carry names and accounts); "
                 "the original is sealed as an attachment."))
    if visual.mode == "text" and visual.text:
        return copy_with(visual, text=public_masker(case)(visual.text))
    return visual


_PUBLIC_WARNING = (
    "public dossier: the cover, statement, timeline and sealed case data are masked, but the attached "
    "originals (screenshots, bills, chats) are not: check them and blur personal data before posting, "
    "or post only the statement text"
)


def _timestamper(options: BundleOptions) -> tuple[Any, dict[str, Any] | None, str | None]:
    """The TSA client, probed before anything is rendered (see timestamping.py).

    Returns (timestamper or None, what the TSA said about itself, a warning when
    --tsa-optional let the seal go on without one).
    """
    if not options.tsa_url:
        if options.archive:
            raise BadInput("--archive needs a timestamp authority",
                           "Give --tsa URL, set EVIDENCEKIT_TSA, or put tsa = \"URL\" in settings.toml.")
        return None, None, None
    timestamper = make_timestamper(options.tsa_url)
    try:
        info = probe(timestamper)
    except TimestampFailed as exc:
        if not options.tsa_optional:
            raise
        log.warning("%s; sealing without a trusted timestamp (--tsa-optional): the dossier says its "
                    "time is the local clock's", exc.message)
        return None, None, f"no trusted timestamp: {exc.message}"
    return timestamper, {"url": info["url"], "name": info["name"],
                         "time": iso(info["time"].astimezone(CHINA_TZ)) if info["time"] else None}, None


_DAMAGE_WORDS = ("truncated", "corrupt", "damaged", "encrypted", "not a readable", "cannot be read")


def _already_warned(warnings: list[str]) -> bool:
    """The extractor usually reports a damaged or locked file already; say it once, not twice."""
    return any(word in warning for warning in warnings for word in _DAMAGE_WORDS)


def _check_sealed(path: Path) -> None:
    """Re-read the sealed file before it is delivered: every signature's digest must match."""
    signatures = scan_signatures(path)
    if not signatures or not all(sig.digest_matches for sig in signatures):
        problems = "; ".join(sig.problem or "?" for sig in signatures if not sig.digest_matches) or "no signature"
        raise SigningFailed(f"the sealed dossier did not check out ({problems}); nothing was written",
                            "Run again with -v, and report it if it happens again.")


def _check_output(folder: Path, output: Path, force: bool) -> None:
    try:
        output.resolve().relative_to(folder.resolve())
    except ValueError:
        pass
    else:
        raise BadInput(f"{output}: the dossier would be written inside the evidence folder {folder}",
                       "Give -o a path outside the folder; bundle never writes into your evidence.")
    exists = output_exists(output)
    if exists and not force:
        raise OutputExists(f"{output}: already exists", "Use --force to replace it, or -o another name.")
    if exists and output.is_dir():
        raise BadInput(f"{output}: is a folder", "Give -o a file name ending in .pdf.")


def _identity(options: BundleOptions, case: CaseFile, now: Any) -> tuple[Identity, bool]:
    if options.identity_path:
        return load_identity(options.identity_path, options.passphrase), False
    path = default_identity_path()
    if path.exists():
        return load_identity(path, options.passphrase), False
    # Named after the computer's user, not this case's complainant: the identity is kept
    # and seals every later case too (a demo case must not leave its name behind).
    who = options.sealer_name or f"{GENERIC_SIGNER}{_login_name()}"
    identity = create_identity(path, who, now=now)
    log.warning("created a new self-signed signing identity \"%s\" at %s; to seal under your own name run "
                "`evidencekit identity create --name 你的姓名 --force`", who, path)
    return identity, True


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in this environment (some containers)
        return "unknown"

