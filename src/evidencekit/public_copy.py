"""make_public_copy: a second signed PDF for publication, made from a sealed dossier that verifies.

Each exhibit is shown as a rendition with personal data hidden: an image's pixels with black boxes
over what OCR found (and the user's own boxes), a PDF receipt rasterised then boxed, a bill's rows
and a chat's messages as text with the personal parts starred; what cannot be redacted (sound,
video, other files) is withheld and listed. The renditions are attached (never the originals),
each named in the public copy's own manifest beside its sealed original's digests and the boxes
applied, so ``verify --against`` (public_verify.py) can redo every rendition from the sealed
dossier and find any pixel that differs.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from evidencekit import __version__
from evidencekit import assemble as assembly
from evidencekit.case import CaseFile
from evidencekit.clock import Clock, iso, system_clock
from evidencekit.errors import BadInput, CannotVerify, SigningFailed, VerificationFailed
from evidencekit.fileio import atomic_output, output_exists
from evidencekit.hashing import Digester, sha256_bytes
from evidencekit.i18n import Message, msg, t
from evidencekit.identity import Identity, default_identity_path, home_dir, load_identity
from evidencekit.layout import MANIFEST_NAME, PUBLIC_KEY, PUBLIC_SCHEMA
from evidencekit.manifest import canonical_json, parse_manifest
from evidencekit.model import Item
from evidencekit.pdf.rawsig import scan_signatures
from evidencekit.privacy import mask_text as mask_known
from evidencekit.privacy import replacement_map
from evidencekit.redaction import (
    Mask,
    Rules,
    apply_boxes,
    clamp,
    counts,
    encode_png,
    line_masks,
    mask_text,
    party_value_personal,
    person_like,
    preview,
    upright_rgb,
)
from evidencekit.render.document import Marker, SlotFlowable, Styles, build_pdf
from evidencekit.render.dossier import RenderedPages
from evidencekit.render.fonts import register_font
from evidencekit.render.text import esc
from evidencekit.screens.engine import OcrUnavailable, cached, read_lines
from evidencekit.screens.stage import warm_cache
from evidencekit.seal import seal_in_place
from evidencekit.verify import verify_dossier

log = logging.getLogger("evidencekit")

Progress = Callable[[str, int, int], None]

#: Resolution PDF receipts are rasterised at (dots per inch): small print stays legible.
PDF_DPI = 110
IMAGE_MIMES = ("image/",)


@dataclass
class PublicOptions:
    output: Path | None = None
    identity_path: Path | None = None
    passphrase: str | None = None
    force: bool = False
    lang: str = "zh"
    font: Path | None = None
    dry_run: bool = False  # preview PNGs with the boxes beside the output, no PDF
    trust: list[Any] = field(default_factory=list)


@dataclass
class Rendition:
    """What one public page shows for (a page of) an exhibit, and how it was made."""

    key: str  # attachment key: E01, or E04-p1 for a PDF's first page
    exhibit: str
    kind: str  # "image" | "text"
    data: bytes
    masks: list[Mask] = field(default_factory=list)
    spans: list[list[Any]] = field(default_factory=list)  # text: [line, start, end, category]
    size: tuple[int, int] = (0, 0)
    page: int | None = None
    preview: Any = None  # the original with the boxes outlined (--dry-run)

    @property
    def file_name(self) -> str:
        return f"{self.key}.png" if self.kind == "image" else f"{self.key}.txt"


@dataclass
class ExhibitOutcome:
    """Per exhibit: what was hidden (counts by category, never the values) and what could not be judged."""

    id: str
    kind: str
    shown: str  # "image" | "pages" | "text" | "withheld"
    renditions: list[Rendition] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    original: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # renderer of a PDF

    @property
    def masked(self) -> int:
        return sum(len(r.masks) + len(r.spans) for r in self.renditions)

    @property
    def categories(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.renditions:
            for category, n in counts(r.masks).items():
                out[category] = out.get(category, 0) + n
            for span in r.spans:
                out[span[3]] = out.get(span[3], 0) + 1
        return dict(sorted(out.items()))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "shown": self.shown, "masked": self.masked,
                "categories": self.categories, "notes": [n.to_dict() for n in self.notes]}


@dataclass
class PublicResult:
    output: Path | None
    public_id: str | None
    sealed_id: str
    exhibits: list[ExhibitOutcome]
    pages: int = 0
    size: int = 0
    previews: list[Path] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"output": str(self.output) if self.output else None, "public_id": self.public_id,
                "sealed_id": self.sealed_id, "pages": self.pages, "size": self.size,
                "exhibits": [e.to_dict() for e in self.exhibits], "previews": [str(p) for p in self.previews]}


def default_public_output(sealed: Path) -> Path:
    return sealed.with_name(f"{sealed.stem}-public.pdf")


@dataclass
class Prepared:
    """A sealed dossier's exhibits, redacted, before anything is written."""

    sealed_id: str
    manifest: dict[str, Any]
    exhibits: list[ExhibitOutcome]


def make_public_copy(sealed: Path, options: PublicOptions, *, identity: Identity | None = None,
                     clock: Clock = system_clock, progress: Progress | None = None) -> PublicResult:
    """Check ``sealed``, redact each exhibit, and write the signed public copy (or, with
    ``dry_run``, only the preview PNGs)."""
    sealed = Path(sealed)
    output = (options.output or default_public_output(sealed)).absolute()
    if output.resolve() == sealed.resolve():
        raise BadInput(msg("err.public.same_file", path=str(output)), msg("err.public.same_file.hint"))
    if not options.dry_run and output_exists(output) and not options.force:
        raise BadInput(msg("err.exists", path=str(output)), msg("err.exists.hint_add_force"))
    if not options.dry_run and identity is None:
        identity = _identity(options)
    prepared = prepare_public(sealed, options.trust, progress, previews=options.dry_run)
    if options.dry_run:
        return PublicResult(None, None, prepared.sealed_id, prepared.exhibits,
                            previews=_write_previews(prepared.exhibits, output))
    assert identity is not None
    return write_public(prepared, output, options, identity, clock=clock, progress=progress)


def prepare_public(sealed: Path, trust: Sequence[Any] = (), progress: Progress | None = None, *,
                   previews: bool = False) -> Prepared:
    """Verify ``sealed`` (a dossier that does not verify is refused: exit 4) and redact every exhibit."""
    report = verify_dossier(sealed, list(trust))
    if report.public_copy:
        raise BadInput(msg("err.public.of_public", path=str(sealed)), msg("err.public.of_public.hint"))
    if report.verdict not in ("valid", "untrusted-time") or report.dossier_id is None:
        raise VerificationFailed(msg("err.public.not_valid", path=str(sealed), verdict=report.verdict),
                                 msg("err.run_verify_found.hint"))
    sealed_id = report.dossier_id
    manifest, read = open_sealed(sealed, sealed_id)
    rules = Rules.from_case(manifest.get("case") or {})
    boxes = user_boxes(manifest.get("case") or {})
    items = manifest["items"]
    exhibits = []
    with tempfile.TemporaryDirectory(prefix="evidencekit-public-") as tmp:
        _read_pictures_ahead(items, read, Path(tmp), progress)
        for n, item in enumerate(items):
            exhibits.append(prepare_exhibit(item, read, rules, boxes.get(item["id"], []), Path(tmp),
                                            previews=previews))
            if progress:
                progress("redact", n + 1, len(items))
    return Prepared(sealed_id, manifest, exhibits)


def _read_pictures_ahead(items: list[dict[str, Any]], read: Callable[[str], bytes], tmp: Path,
                         progress: Progress | None) -> None:
    """OCR the pictures the cache lacks on every core first (the OCR stage's pool), so that redacting
    them one by one finds their lines in the cache. Where the cache cannot be written they are
    simply read again, one by one."""
    home = home_dir()
    wanted = []
    for item in items:
        if exhibit_way(item) != "image" or cached(item["sha256"], home) is not None:
            continue
        source = tmp / f"{item['id']}.orig"
        source.write_bytes(read(item["id"]))
        wanted.append((item["id"], source, item["sha256"]))
    if len(wanted) > 1:
        warm_cache(wanted, home, progress=progress)


# ----------------------------------------------------------------------------- reading the sealed dossier

def open_sealed(path: Path, dossier_id: str) -> tuple[dict[str, Any], Callable[[str], bytes]]:
    """The sealed manifest (checked against the dossier id) and a reader of its attachments
    (each checked against the manifest's SHA-256 as it is read)."""
    import pikepdf

    try:
        pdf = pikepdf.open(path)
        attachments = pdf.attachments
        raw = attachments[MANIFEST_NAME].get_file().read_bytes()
    except Exception as exc:  # noqa: BLE001 - pikepdf raises many types; the file was verified just before
        raise CannotVerify(msg("err.unreadable_pdf", path=str(path), detail=str(exc)),
                           msg("err.give_dossier.hint")) from exc
    if sha256_bytes(raw) != dossier_id:
        raise VerificationFailed(msg("err.public.changed", path=str(path)), msg("err.run_verify_found.hint"))
    manifest = parse_manifest(raw)
    digests = {item["id"]: item["sha256"] for item in manifest["items"]}

    def read(item_id: str) -> bytes:
        # ``pdf`` is named here so it lives as long as this reader: pikepdf's objects die with it
        data = pdf.attachments[item_id].get_file().read_bytes()
        if sha256_bytes(data) != digests.get(item_id):
            raise VerificationFailed(msg("err.public.changed", path=str(path)), msg("err.run_verify_found.hint"))
        return data

    return manifest, read


def user_boxes(case: dict[str, Any]) -> dict[str, list[tuple[int, int, int, int]]]:
    """``[[public.boxes]]`` by exhibit."""
    out: dict[str, list[tuple[int, int, int, int]]] = {}
    for entry in (case.get("public") or {}).get("boxes") or []:
        box = entry.get("box") or []
        if len(box) == 4:
            out.setdefault(str(entry.get("exhibit")), []).append(tuple(int(v) for v in box))  # type: ignore[arg-type]
    return out


# ----------------------------------------------------------------------------- one exhibit

def original_entry(item: dict[str, Any]) -> dict[str, Any]:
    return {"id": item["id"], "sha256": item["sha256"], "sm3": item.get("sm3"), "size": item["size"],
            "kind": item.get("kind"), "mime": item.get("mime")}


def exhibit_way(item: dict[str, Any]) -> str:
    """How an exhibit is shown: "image", "pdf", "bill", "chat" or "withheld"."""
    mime = str(item.get("mime") or "")
    facts = item.get("facts") or {}
    if mime.startswith(IMAGE_MIMES) and facts.get("width"):
        return "image"
    if mime == "application/pdf" and not facts.get("encrypted"):
        return "pdf"
    if facts.get("transactions"):
        return "bill"
    if facts.get("messages"):
        return "chat"
    return "withheld"


def prepare_exhibit(item: dict[str, Any], read: Callable[[str], bytes], rules: Rules,
                    boxes: Sequence[tuple[int, int, int, int]], tmp: Path, *, previews: bool = False) -> ExhibitOutcome:
    """Redact one exhibit; ``previews`` keeps each picture with its boxes drawn (for --dry-run)."""
    way = exhibit_way(item)
    outcome = ExhibitOutcome(item["id"], str(item.get("kind") or "other"),
                             {"image": "image", "pdf": "pages", "bill": "text", "chat": "text"}.get(way, way), original=original_entry(item))
    if way == "image":
        data = read(item["id"])
        _image_rendition(outcome, item["id"], data, item["sha256"], rules, boxes, tmp, previews=previews)
        if item.get("kind") == "photo" or not (item.get("facts") or {}).get("screenshot"):
            outcome.notes.append(msg("public.note.faces"))
    elif way == "pdf":
        _pdf_renditions(outcome, read(item["id"]), rules, boxes, tmp, previews)
    elif way in ("bill", "chat"):
        lines = text_lines(item)
        masked, spans = mask_lines(lines, dataclasses.replace(rules, parties=named_parties(item)))
        outcome.renditions.append(Rendition(item["id"], item["id"], "text", "\n".join(masked).encode("utf-8"),
                                            spans=spans))
        if boxes:
            outcome.notes.append(msg("public.note.boxes_on_text"))
    else:
        outcome.notes.append(msg("public.note.withheld"))
    if outcome.shown == "withheld":
        outcome.renditions = []
    return outcome


def _image_rendition(outcome: ExhibitOutcome, key: str, data: bytes, sha256: str | None, rules: Rules,
                     boxes: Sequence[tuple[int, int, int, int]], tmp: Path, page: int | None = None, *,
                     previews: bool = False) -> None:
    image = upright_rgb(data)
    width, height = image.size
    source = tmp / f"{key}.orig"
    source.write_bytes(data)
    try:
        result = read_lines(source, sha256=sha256)
    except OcrUnavailable:
        outcome.notes.append(msg("public.note.no_ocr"))
        outcome.shown = "withheld"
        return
    if (result.width, result.height) != (width, height):
        outcome.notes.append(msg("public.note.no_ocr"))
        outcome.shown = "withheld"
        return
    if not result.lines:
        outcome.notes.append(msg("public.note.no_text"))
    masks = line_masks(result.lines, rules, width, height)
    masks += [Mask(clamp(box, width, height), "user-box") for box in boxes]
    masks = [m for m in masks if m.box[2] > m.box[0] and m.box[3] > m.box[1]]
    rendition = apply_boxes(image, [m.box for m in masks])
    outcome.renditions.append(Rendition(key, outcome.id, "image", encode_png(rendition), masks=masks,
                                        size=(width, height), page=page,
                                        preview=preview(image, masks) if previews else None))


def pdftoppm_version() -> str | None:
    exe = shutil.which("pdftoppm")
    if exe is None:
        return None
    found = subprocess.run([exe, "-v"], capture_output=True, text=True, check=False)
    match = re.search(r"version\s+([\w.]+)", found.stderr + found.stdout)
    return f"pdftoppm {match.group(1) if match else '?'}"


def rasterise(data: bytes, tmp: Path, dpi: int = PDF_DPI) -> list[bytes]:
    """Each page of a PDF as PNG bytes (pdftoppm at ``dpi``); [] when it cannot be done."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        return []
    work = Path(tempfile.mkdtemp(prefix="raster-", dir=tmp))
    (work / "in.pdf").write_bytes(data)
    done = subprocess.run([exe, "-r", str(dpi), "-png", str(work / "in.pdf"), str(work / "p")],
                          capture_output=True, check=False, timeout=600)
    if done.returncode != 0:
        return []
    pages = sorted(work.glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return [p.read_bytes() for p in pages]


def _pdf_renditions(outcome: ExhibitOutcome, data: bytes, rules: Rules,
                    boxes: Sequence[tuple[int, int, int, int]], tmp: Path, previews: bool) -> None:
    renderer = pdftoppm_version()
    pages = rasterise(data, tmp) if renderer else []
    if not pages:
        outcome.notes.append(msg("public.note.no_raster"))
        outcome.shown = "withheld"
        return
    outcome.extra = {"renderer": renderer, "dpi": PDF_DPI}
    for n, png in enumerate(pages, start=1):
        # the user's boxes on a PDF are in the first page's pixels
        _image_rendition(outcome, f"{outcome.id}-p{n}", png, None, rules, boxes if n == 1 else [], tmp, page=n,
                         previews=previews)
        if outcome.shown == "withheld":
            return


def text_lines(item: dict[str, Any]) -> list[str]:
    """The lines a bill or chat is shown as on the public copy, from the sealed manifest's facts
    (the same function makes them again for ``verify --against``)."""
    facts = item.get("facts") or {}
    lines: list[str] = []
    if facts.get("transactions"):
        for key in ("name", "account"):
            if facts.get(key):
                lines.append(f"{key}: {facts[key]}")
        for row in facts["transactions"]:
            parts = [row.get("time"), row.get("direction"), row.get("amount"), row.get("counterparty"),
                     row.get("counterparty_account"), row.get("item"), row.get("method"), row.get("status"),
                     row.get("transaction_id"), row.get("merchant_order"), row.get("note")]
            lines.append("  ".join(str(p) for p in parts if p not in (None, "")))
    else:
        for message in facts.get("messages") or []:
            files = " ".join(str(a) for a in message.get("attachments") or [])
            text = " ".join(str(message.get("text") or "").split())
            lines.append(f"{message.get('time') or ''}  {message.get('sender') or ''}: {text} {files}".rstrip())
    return lines


def named_parties(item: dict[str, Any]) -> tuple[str, ...]:
    """The people a chat or bill names itself: a chat's senders, a bill's counterparties — unless the
    name is the complainant's own "我", an organisation's, or already masked by the app (李*)."""
    facts = item.get("facts") or {}
    senders = {str(m.get("sender") or "").strip() for m in facts.get("messages") or [] if not m.get("from_me")}
    payees = {str(r.get("counterparty") or "").strip() for r in facts.get("transactions") or []}
    return tuple(sorted({n for n in senders if len(n) >= 2 and n != "我" and party_value_personal(n)}
                        | {n for n in payees if person_like(n)}))


def mask_lines(lines: Sequence[str], rules: Rules) -> tuple[list[str], list[list[Any]]]:
    out: list[str] = []
    spans: list[list[Any]] = []
    for n, line in enumerate(lines):
        masked, found = mask_text(line, rules)
        out.append(masked)
        spans += [[n, s.start, s.end, s.category] for s in found]
    return out, spans


# ----------------------------------------------------------------------------- writing

def _write_previews(exhibits: list[ExhibitOutcome], output: Path) -> list[Path]:
    written = []
    for outcome in exhibits:
        for rendition in outcome.renditions:
            if rendition.preview is None:
                continue
            target = output.with_name(f"{output.stem}-{rendition.key}-preview.png")
            with atomic_output(target, force=True) as out, out.file as f:
                f.write(encode_png(rendition.preview))
            written.append(target)
    return written


def public_manifest(sealed_id: str, manifest: dict[str, Any], exhibits: list[ExhibitOutcome],
                    created: str) -> dict[str, Any]:
    items = []
    withheld = []
    for outcome in exhibits:
        if not outcome.renditions:
            withheld.append({"exhibit": outcome.id, "kind": outcome.kind, "original": outcome.original})
            continue
        for r in outcome.renditions:
            digests = Digester()
            digests.update(r.data)
            found = digests.finish()
            entry: dict[str, Any] = {
                "id": r.key, "path": r.file_name, "size": found.size, "sha256": found.sha256, "sm3": found.sm3,
                "mime": "image/png" if r.kind == "image" else "text/plain; charset=utf-8",
                "exhibit": outcome.id, "rendition": r.kind, "original": outcome.original,
            }
            if r.kind == "image":
                entry.update(width=r.size[0], height=r.size[1], boxes=[m.to_dict() for m in r.masks])
            else:
                entry["spans"] = r.spans
            if r.page is not None:
                entry["page"] = r.page
                entry.update(outcome.extra)
            items.append(entry)
    case = manifest.get("case") or {}
    title = (case.get("case") or {}).get("title")
    return {"schema": PUBLIC_SCHEMA, "tool": {"name": "evidencekit", "version": __version__}, "created": created,
            "sealed": {"dossier_id": sealed_id, "title": _masked_title(case, title)},
            "items": items, "withheld": withheld}


def _masked_title(case: dict[str, Any], title: Any) -> str | None:
    if not isinstance(title, str):
        return None
    return mask_known(title, replacement_map(CaseFile(data=case, text=None, path=None)))


def write_public(prepared: Prepared, output: Path, options: PublicOptions, identity: Identity, *,
                 clock: Clock = system_clock, progress: Progress | None = None) -> PublicResult:
    """Lay out, assemble and seal the public copy of ``prepared`` into ``output`` (atomically)."""
    with tempfile.TemporaryDirectory(prefix="evidencekit-public-") as tmp:
        return _write_public(prepared.sealed_id, prepared.manifest, prepared.exhibits, Path(output).absolute(),
                             options, identity, clock(), Path(tmp), progress)


def _write_public(sealed_id: str, manifest: dict[str, Any], exhibits: list[ExhibitOutcome], output: Path,
                  options: PublicOptions, identity: Identity, now: Any, tmp: Path,
                  progress: Progress | None) -> PublicResult:
    data = public_manifest(sealed_id, manifest, exhibits, iso(now))
    canonical = canonical_json(data)
    public_id = sha256_bytes(canonical)
    font = register_font(options.font)
    styles = Styles(font)
    rendered = render_public(data, exhibits, styles, options.lang, public_id)
    items = []
    by_key = {r.key: r for e in exhibits for r in e.renditions}
    for entry in data["items"]:
        source = tmp / entry["path"]
        source.write_bytes(by_key[entry["id"]].data)
        items.append(Item(id=entry["id"], path=entry["path"], source=source, size=entry["size"],
                          mtime=now.timestamp(), mime=entry["mime"].split(";")[0], kind="rendition",
                          sha256=entry["sha256"], sm3=entry["sm3"]))
    with atomic_output(output, force=options.force) as out:
        with out.file as stream:
            assembly.assemble(stream, rendered, items, dossier_id=public_id, manifest_bytes=canonical,
                              case_text=None, progress=progress, marker_key=PUBLIC_KEY, schema=PUBLIC_SCHEMA)
        seal_in_place(out.path, identity, signing_time=now, document_id=bytes.fromhex(public_id),
                      reason=f"evidencekit public copy {public_id} of {sealed_id}")
        signatures = scan_signatures(out.path)
        if not signatures or not all(sig.digest_matches for sig in signatures):
            raise SigningFailed(msg("err.sealed_check", problems=["public copy"]), msg("cli.internal_error.hint"))
    return PublicResult(output, public_id, sealed_id, exhibits, pages=rendered.page_count,
                        size=output.stat().st_size)


def _identity(options: PublicOptions) -> Identity:
    path = options.identity_path or default_identity_path()
    if not path.exists():
        raise SigningFailed(msg("err.no_signing_identity", path=str(path)), msg("err.no_signing_identity.hint"))
    return load_identity(path, options.passphrase)


# ----------------------------------------------------------------------------- pages

def render_public(data: dict[str, Any], exhibits: list[ExhibitOutcome], styles: Styles, lang: str,
                  public_id: str) -> RenderedPages:
    sealed_id = data["sealed"]["dossier_id"]
    slots: list[Any] = []
    story: list[Flowable] = [
        Paragraph(esc(t("public.page.title", lang)), styles.h1),
        Paragraph(esc(data["sealed"].get("title") or ""), styles.h2),
        Paragraph(esc(t("public.page.intro", lang, sealed=sealed_id, public=public_id)), styles.body),
        Spacer(1, 8),
    ]
    for outcome in exhibits:
        story.append(Paragraph(esc(t("public.page.summary_line", lang, id=outcome.id,
                                     kind=t(f"public.kind.{_kind_code(outcome.kind)}", lang),
                                     n=outcome.masked, shown=t(f"public.shown.{outcome.shown}", lang))),
                               styles.small))
    by_key = {entry["id"]: entry for entry in data["items"]}
    for outcome in exhibits:
        if not outcome.renditions:
            continue
        for r in outcome.renditions:
            entry = by_key[r.key]
            story += [PageBreak(), Marker(exhibit=(outcome.id, entry["sha256"])),
                      Paragraph(esc(t("public.page.exhibit_page" if r.page else "public.page.exhibit", lang,
                                      id=outcome.id, kind=t(f"public.kind.{_kind_code(outcome.kind)}", lang),
                                      page=r.page or 0)), styles.h2),
                      Paragraph(esc(t("public.page.masked", lang, n=len(r.masks) + len(r.spans), sealed=sealed_id)),
                                styles.warn),
                      Paragraph(esc(t("public.page.original", lang, sha=outcome.original["sha256"])), styles.tiny),
                      Spacer(1, 4)]
            if r.kind == "image":
                story.append(SlotFlowable(r.key, r.size[0] * 0.5, r.size[1] * 0.5, slots))
            else:
                for line in r.data.decode("utf-8").split("\n"):
                    story.append(Paragraph(esc(line) or "&nbsp;", styles.mono))
    story += [PageBreak(), Marker(exhibit=None), Paragraph(esc(t("public.page.check_title", lang)), styles.h2),
              Paragraph(esc(t("public.page.check_body", lang, sealed=sealed_id, public=public_id)), styles.body)]
    withheld = [e for e in exhibits if not e.renditions]
    if withheld:
        story.append(Paragraph(esc(t("public.page.withheld", lang, ids=[e.id for e in withheld])), styles.small))
    out = io.BytesIO()
    pages = build_pdf(story, font=styles.font, lang=lang, dossier_id=public_id,
                      title=t("public.page.title", lang), out=out)
    return RenderedPages(out.getvalue(), slots, pages)


def _kind_code(kind: str) -> str:
    return kind if kind in ("screenshot", "photo", "receipt", "bill", "chat", "recording", "video",
                            "document") else "other"
