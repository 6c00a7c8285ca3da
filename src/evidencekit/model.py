"""Plain data shared by the stages: what was collected, what an item is."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evidencekit.i18n import Message, msg, text_of

#: Evidence kinds (DESIGN.md), in the order the evidence list prefers.
KINDS = ("screenshot", "photo", "image", "receipt", "bill", "chat", "recording", "video", "document", "other")

PROBLEM_TYPES = (
    "payment_failed",
    "funds_not_received",
    "account_stolen",
    "account_frozen",           # by the platform's risk control: 申诉 in the app (反电信网络诈骗法 Art. 32)
    "account_frozen_judicial",  # by a court or the police: only the freezing authority can lift it
    "account_frozen_sanction",  # a 断卡 sanction: 申诉 to the public-security organ that found it (Art. 31)
    "topup_not_credited",
    "fraud",                    # 电信网络诈骗: 110 at once, emergency stop
    "mistaken_transfer",        # 误转账: 不当得利, by suit (民法典 Art. 985)
    "merchant_refund",          # 商户退款 / 自动扣费 / 免密支付: the merchant, 12315
    "credit_report",            # 征信异议: objection to the information provider or credit bureau
    "other",
)

CHANNEL_IDS = ("platform", "social", "consumer", "pboc", "nfra", "police", "mediation", "court")

#: What kind of body the respondent is: it decides which regulator takes the complaint
#: (2024-06-28 announcement of NFRA, PBOC and CSRC) and whether 12315 may take it.
RESPONDENT_TYPES = (
    "bank",              # 银行, 信用卡中心, 农信社 → NFRA 12378
    "insurer",           # 保险公司 → NFRA 12378
    "consumer_finance",  # 消费金融公司 (花呗/借呗's lender) → NFRA 12378
    "trust",             # 信托公司 → NFRA 12378
    "nonbank_fi",        # other NFRA-supervised non-bank institutions: 金融租赁, 汽车金融, 财务公司
    "payment",           # 非银行支付机构 (支付宝, 财付通 …) → PBOC 12363
    "credit_bureau",     # 征信机构 → PBOC 12363
    "securities",        # 证券, 期货, 基金 → CSRC 12386
    "microloan",         # 小额贷款公司 → the local 地方金融管理部门
    "merchant",          # the 经营者 that sold the goods or service → 12315
    "other",
)


@dataclass(frozen=True)
class Candidate:
    """A regular file found in the case folder, not yet read."""

    rel_path: str  # POSIX, NFC-normalised, relative to the case folder
    source: Path  # where to read it
    size: int
    mtime: float
    notes: tuple[str | Message, ...] = ()  # things the reader should know, e.g. a renamed duplicate


@dataclass(frozen=True)
class Skipped:
    """Something in the case folder that is not bundled, and why (a catalog message; a
    plain English ``reason`` with its ``reason_zh`` is still accepted)."""

    path: str
    reason: str | Message
    reason_zh: str = ""

    def as_dict(self) -> dict[str, str]:
        """What the manifest seals: the reason's English and Chinese texts."""
        return {"path": self.path, "reason": str(self.reason), "reason_zh": self.text("zh")}

    def text(self, lang: str) -> str:
        if isinstance(self.reason, Message):
            return self.reason.text(lang)
        return self.reason_zh if lang == "zh" and self.reason_zh else self.reason

    def to_dict(self) -> dict[str, Any]:
        """For ``--json``: the sealed texts, and the reason's code, parameters and texts."""
        return {**self.as_dict(), "reason_message": _as_message(self.reason).to_dict()}


@dataclass
class Extraction:
    """What an extractor learned about one file. Never raises for bad content."""

    kind: str | None = None  # a refined kind, e.g. "bill" for a CSV; None keeps the sniffed one
    facts: dict[str, Any] = field(default_factory=dict)  # JSON-serialisable
    warnings: list[Message] = field(default_factory=list)  # what a reader should know about the file
    captured_at: str | None = None  # ISO 8601 with offset, when the content says when


@dataclass
class Item:
    """One evidence item: a file of the case, hashed and described."""

    id: str  # "E01"
    path: str
    source: Path
    size: int
    mtime: float
    mime: str
    kind: str
    sha256: str
    sm3: str
    captured_at: str | None = None
    provenance: str | None = None
    proves: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    warnings: list[str | Message] = field(default_factory=list)
    duplicate_of: str | None = None  # the id of an earlier item with the same bytes: not attached again
    embedded: bool = True  # False for --hash-only: hashed and listed, the original kept by its owner

    @property
    def attached(self) -> bool:
        """Whether the dossier carries this item's bytes as its own attachment."""
        return self.embedded and self.duplicate_of is None
    parent: str | None = None  # the container (zip, e-mail) this file was found in: "E05"
    children: list[str] = field(default_factory=list)  # the sub-exhibits found in this container
    name_in_container: str | None = None  # the name as the container gives it (may be unsafe: ../x)
    # (device, inode, size, mtime_ns, ctime_ns) of ``source`` taken before it was hashed: assemble
    # compares it after copying the bytes in, instead of hashing them a second time
    source_state: tuple[int, int, int, int, int] | None = field(default=None, compare=False, repr=False)
    # the screen's OCR lines (screens.engine.OcrResult): the exhibit page's invisible text layer; not in the manifest
    ocr: Any = field(default=None, repr=False, compare=False)

    def manifest_entry(self) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "id": self.id,
            "path": self.path,
            "size": self.size,
            "mime": self.mime,
            "kind": self.kind,
            "sha256": self.sha256,
            "sm3": self.sm3,
            "captured_at": self.captured_at,
            "provenance": self.provenance,
            "facts": self.facts,
            "warnings": [str(w) for w in self.warnings],
        }
        if self.warnings:
            entry["warning_codes"] = [_as_message(w).as_code() for w in self.warnings]
        if self.proves:
            entry["proves"] = self.proves
        if self.duplicate_of:
            entry["duplicate_of"] = self.duplicate_of
        if not self.embedded:
            entry["embedded"] = False
        if self.parent:
            entry["parent"] = self.parent
            entry["name_in_container"] = self.name_in_container
        if self.children:
            entry["children"] = list(self.children)
        return entry

    def warnings_in(self, lang: str) -> list[str]:
        """The warnings as a reader of ``lang`` sees them."""
        return [text_of(w, lang) for w in self.warnings]

    def warning_messages(self) -> list[dict[str, Any]]:
        """For ``--json``: each warning's code, parameters and both texts."""
        return [_as_message(w).to_dict() for w in self.warnings]


def _as_message(value: str | Message) -> Message:
    """A message for a text that predates the catalog (shown as it is, in both languages)."""
    return value if isinstance(value, Message) else msg("note.text", text=value)



# --- what the plan stage hands to rendering ------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One piece of an office document shown on a page: a heading, a paragraph or a table."""

    kind: str  # "heading" | "paragraph" | "table" | "sheet" (a workbook sheet's name)
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()  # a table's rows shown, the first one its header
    more_rows: int = 0  # rows of the table in the original beyond those shown
    more_columns: int = 0  # columns beyond those shown


@dataclass(frozen=True)
class Visual:
    """How an item shows on its exhibit pages."""

    mode: str  # "image" | "pdf" | "text" | "document" | "video" | "card"
    size: tuple[float, float] = (0.0, 0.0)  # display size of an image
    pages: tuple[tuple[float, float], ...] = ()  # display sizes of a PDF's pages
    text: str | None = None
    truncated: bool = False
    reason: str | None = None  # why a card instead of the content
    blocks: tuple[Block, ...] = ()  # a document's headings, paragraphs and tables
    picture: bytes | None = None  # a JPEG made for the page (a video's contact sheet), not the original
    frame_times: tuple[float, ...] = ()  # seconds into a video of each frame on its contact sheet
    problem: bool = False  # the content should show but cannot (damaged, encrypted): warn the reader


@dataclass(frozen=True)
class Signer:
    name: str
    fingerprint: str  # SHA-256 of the certificate, hex
    self_signed: bool


@dataclass(frozen=True)
class Section:
    """One part of the statement: a heading, paragraphs, and optionally a table."""

    key: str
    heading: str
    paragraphs: tuple[str, ...] = ()
    table_header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "heading": self.heading, "paragraphs": list(self.paragraphs),
                "table_header": list(self.table_header), "rows": [list(r) for r in self.rows]}


@dataclass(frozen=True)
class Statement:
    """A complaint statement for one channel, ready to be laid out."""

    channel_id: str
    lang: str
    title: str
    sections: tuple[Section, ...]
    date: str
    signature: str
    masked: bool
    warnings: tuple[str, ...] = field(default=())
    annex: str = ""  # a line after the date: "附：本起诉状副本1份"

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def keys(self) -> list[str]:
        return [s.key for s in self.sections]

    def to_dict(self) -> dict[str, Any]:
        return {"channel": self.channel_id, "lang": self.lang, "title": self.title,
                "sections": [s.to_dict() for s in self.sections], "date": self.date,
                "signature": self.signature, "masked": self.masked, "warnings": list(self.warnings),
                "annex": self.annex}

    def to_text(self) -> str:
        """Plain text, e.g. for copying into a web form."""
        lines = [self.title, ""]
        for section in self.sections:
            if section.key != "closing":
                lines.append(f"{section.heading}" + ("：" if self.lang != "en" else ":"))
            lines.extend(section.paragraphs)
            if section.rows:
                lines.append(" | ".join(section.table_header))
                lines.extend(" | ".join(row) for row in section.rows)
            lines.append("")
        if self.annex:
            lines.append(self.annex)
        return "\n".join(lines).rstrip() + "\n"
