"""verify PUBLIC.pdf --against SEALED.pdf: is each rendition exactly its sealed original with only
the listed boxes blacked out?

Both files are verified first (each its own seal). Then every rendition is made again from the
sealed original — decoded the same way (EXIF orientation applied), the listed boxes filled black —
and compared pixel for pixel with the rendition the public copy attaches and the picture its page
shows. A bill's or chat's text is made again from the sealed manifest's facts; only the listed
spans may differ, and only by being starred. Any other difference fails (exit 4), naming the exhibit.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidencekit.errors import CannotVerify, ExitCode
from evidencekit.hashing import sha256_bytes
from evidencekit.i18n import Message, msg
from evidencekit.layout import MANIFEST_NAME, PUBLIC_SCHEMA
from evidencekit.manifest import parse_manifest
from evidencekit.public_copy import open_sealed, pdftoppm_version, rasterise, text_lines
from evidencekit.redaction import apply_boxes, box_mask, upright_rgb
from evidencekit.verify import Finding, VerifyReport, verify_dossier

OK_VERDICTS = ("valid", "untrusted-time", "untrusted-signer")


@dataclass
class AgainstReport:
    public: VerifyReport
    sealed: VerifyReport
    findings: list[Finding] = dataclasses.field(default_factory=list)
    checked: int = 0  # renditions shown to be their sealed original with only the listed boxes
    total: int = 0

    @property
    def ok(self) -> bool:
        return not any(f.severity == "fail" for f in self.findings)

    @property
    def exit_code(self) -> ExitCode:
        if not self.ok or self.public.exit_code == ExitCode.VERIFICATION_FAILED:
            return ExitCode.VERIFICATION_FAILED
        return self.public.exit_code

    def fail(self, code: str, detail: Message, item: str | None = None) -> None:
        self.findings.append(Finding(code, "fail", detail, item))

    def warn(self, code: str, detail: Message, item: str | None = None) -> None:
        self.findings.append(Finding(code, "warn", detail, item))

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "exit_code": int(self.exit_code), "public": self.public.to_dict(),
                "sealed": {"file": str(self.sealed.path), "verdict": self.sealed.verdict,
                           "dossier_id": self.sealed.dossier_id},
                "renditions": {"checked": self.checked, "total": self.total},
                "findings": [f.to_dict() for f in self.findings]}


def verify_against(public: Path, sealed: Path, trust: list[Any] | None = None) -> AgainstReport:
    """Check ``public`` (a public copy) against ``sealed`` (the dossier it says it was made from)."""
    pub = verify_dossier(public, trust)
    if not pub.public_copy:
        raise CannotVerify(msg("err.against.not_public", path=str(public)), msg("err.against.not_public.hint"))
    sea = verify_dossier(sealed, trust)
    report = AgainstReport(pub, sea)
    if sea.public_copy or sea.dossier_id is None:
        raise CannotVerify(msg("err.against.not_sealed", path=str(sealed)), msg("err.against.not_public.hint"))
    if pub.verdict not in OK_VERDICTS:
        report.fail("public-not-valid", msg("against.public_not_valid", verdict=pub.verdict))
        return report
    if sea.verdict not in OK_VERDICTS:
        report.fail("sealed-not-valid", msg("against.sealed_not_valid", verdict=sea.verdict))
        return report
    if pub.public_of != sea.dossier_id:
        report.fail("other-dossier", msg("against.other_dossier", said=str(pub.public_of)[:16],
                                         given=sea.dossier_id[:16]))
        return report
    manifest, renditions, page_images = _read_public(public, pub.dossier_id or "")
    sealed_manifest, read = open_sealed(sealed, sea.dossier_id)
    originals = {item["id"]: item for item in sealed_manifest["items"]}
    rasters: dict[str, list[bytes]] = {}
    report.total = len(manifest["items"])
    for entry in manifest["items"]:
        _check_rendition(report, entry, originals, read, renditions, page_images, rasters)
    for entry in manifest.get("withheld") or []:
        exhibit = str(entry.get("exhibit"))
        if not _same_original(entry.get("original") or {}, originals.get(exhibit)):
            report.fail("exhibit-swapped", msg("against.swapped", id=exhibit), exhibit)
    named = {e.get("exhibit") for e in manifest["items"]} | {e.get("exhibit") for e in manifest.get("withheld") or []}
    for item_id in sorted(set(originals) - named):
        report.warn("exhibit-not-listed", msg("against.not_listed", id=item_id), item_id)
    return report


def _read_public(path: Path, public_id: str) -> tuple[dict[str, Any], dict[str, bytes], set[str]]:
    """The public manifest, each rendition's bytes, and the digests of the pictures its pages show."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        files = {name: spec.get_file().read_bytes() for name, spec in pdf.attachments.items()}
        shown: set[str] = set()
        for page in pdf.pages:
            for _, raw in page.get_images().items():
                try:
                    picture = pikepdf.PdfImage(raw).as_pil_image()  # type: ignore[arg-type]
                    picture = picture.convert("RGB")
                except Exception:  # noqa: BLE001 - a picture we cannot decode matches no rendition
                    continue
                shown.add(_pixels_digest(picture))
    raw_manifest = files.pop(MANIFEST_NAME, b"")
    if sha256_bytes(raw_manifest) != public_id:
        raise CannotVerify(msg("err.against.manifest", path=str(path)), msg("err.run_verify_found.hint"))
    return parse_manifest(raw_manifest, PUBLIC_SCHEMA), files, shown


def _pixels_digest(image: Any) -> str:
    return hashlib.sha256(f"{image.size[0]}x{image.size[1]}".encode() + image.tobytes()).hexdigest()


def _same_original(said: dict[str, Any], item: dict[str, Any] | None) -> bool:
    return (item is not None and said.get("sha256") == item.get("sha256") and said.get("size") == item.get("size")
            and said.get("sm3") == item.get("sm3"))


def _check_rendition(report: AgainstReport, entry: dict[str, Any], originals: dict[str, dict[str, Any]],
                     read: Any, renditions: dict[str, bytes], page_images: set[str],
                     rasters: dict[str, list[bytes]]) -> None:
    exhibit, key = str(entry.get("exhibit")), str(entry.get("id"))
    item = originals.get(exhibit)
    if not _same_original(entry.get("original") or {}, item):
        report.fail("exhibit-swapped", msg("against.swapped", id=exhibit), exhibit)
        return
    assert item is not None
    data = renditions.get(key)
    if data is None or sha256_bytes(data) != entry.get("sha256"):
        report.fail("rendition-missing", msg("against.rendition_missing", id=exhibit, key=key), exhibit)
        return
    if entry.get("rendition") == "text":
        _check_text(report, entry, item, data)
        return
    if entry.get("page") is None:
        source = read(exhibit)
    else:
        if exhibit not in rasters:
            rasters[exhibit] = _rasterise_like(report, entry, read(exhibit))
        pages = rasters[exhibit]
        page = int(entry["page"])
        if page > len(pages):
            report.fail("pixels-differ", msg("against.cannot_render", id=exhibit), exhibit)
            return
        source = pages[page - 1]
    boxes = [tuple(b["box"]) for b in entry.get("boxes") or []]
    expected = apply_boxes(upright_rgb(source), boxes)
    actual = upright_rgb(data)
    if actual.size != expected.size:
        report.fail("pixels-differ", msg("against.size_differs", id=exhibit, key=key), exhibit)
        return
    if expected.tobytes() != actual.tobytes():
        _explain(report, exhibit, key, expected, actual, boxes)
        return
    if _pixels_digest(actual) not in page_images:
        report.fail("page-image-differs", msg("against.page_image", id=exhibit, key=key), exhibit)
        return
    report.checked += 1


def _explain(report: AgainstReport, exhibit: str, key: str, expected: Any, actual: Any, boxes: list[Any]) -> None:
    """Which way the rendition differs: blacked outside the listed boxes (a box grew, or one was
    left out of the manifest), or other pixels changed."""
    from PIL import ImageChops

    difference = ImageChops.difference(expected, actual).convert("L").point(lambda v: 255 if v else 0)
    changed = difference.histogram()[255]
    black = actual.convert("L").point(lambda v: 255 if v == 0 else 0)
    outside = ImageChops.subtract(difference, box_mask(actual.size, boxes).convert("L"))
    black_changed = ImageChops.multiply(outside, black).histogram()[255]
    if black_changed == changed:
        report.fail("blacked-outside-boxes", msg("against.blacked_outside", id=exhibit, key=key, n=changed), exhibit)
    else:
        report.fail("pixels-differ", msg("against.pixels_differ", id=exhibit, key=key, n=changed), exhibit)


def _rasterise_like(report: AgainstReport, entry: dict[str, Any], data: bytes) -> list[bytes]:
    import tempfile

    here = pdftoppm_version()
    if here != entry.get("renderer"):
        report.warn("renderer-differs", msg("against.renderer", id=str(entry.get("exhibit")),
                                            made=str(entry.get("renderer")), here=str(here)))
    with tempfile.TemporaryDirectory(prefix="evidencekit-against-") as tmp:
        return rasterise(data, Path(tmp), int(entry.get("dpi") or 0) or 110)


def _check_text(report: AgainstReport, entry: dict[str, Any], item: dict[str, Any], data: bytes) -> None:
    exhibit = str(entry.get("exhibit"))
    lines = text_lines(item)
    shown = data.decode("utf-8", errors="replace").split("\n") if data else [""]
    if not lines:
        lines = [""]
    allowed: dict[int, set[int]] = {}
    for span in entry.get("spans") or []:
        line, start, end = int(span[0]), int(span[1]), int(span[2])
        allowed.setdefault(line, set()).update(range(start, end))
    good = len(lines) == len(shown)
    for n, (before, after) in enumerate(zip(lines, shown)):
        if not good or len(before) != len(after):
            good = False
            break
        for i, (a, b) in enumerate(zip(before, after)):
            starred = i in allowed.get(n, set())
            if (a != b and not (starred and b == "*")) or (starred and not a.isspace() and b != "*"):
                good = False
                break
    if good:
        report.checked += 1
    else:
        report.fail("text-differs", msg("against.text_differs", id=exhibit), exhibit)
