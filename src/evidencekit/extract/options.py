"""What the case description tells the extractors (from case.toml)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExtractOptions:
    """Per-file hints from case.toml; every field is optional."""

    disputed_ids: frozenset[str] = frozenset()  # 交易单号/商户单号 of [[transactions]] with disputed = true
    date_order: str | None = None  # "dmy" | "mdy": WhatsApp override from [[evidence]] date_order
    password: str | None = None  # for encrypted PDFs, from [[evidence]] password
    max_rows: int | None = None  # optional cap on rows/messages kept; never needed for correctness
