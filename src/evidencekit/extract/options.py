"""What the case description tells the extractors (from case.toml), and how much they keep."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Bill rows and chat messages kept in facts (and so shown on the exhibit pages); the rest are
#: counted and summed but only the attached original holds them. 5,000 rows are ~170 pages.
KEPT_ROWS = 5000


@dataclass(frozen=True)
class ExtractOptions:
    """Per-file hints from case.toml; every field is optional."""

    disputed_ids: frozenset[str] = frozenset()  # 交易单号/商户单号 of [[transactions]] with disputed = true
    date_order: str | None = None  # "dmy" | "mdy": WhatsApp override from [[evidence]] date_order
    password: str | None = None  # for encrypted PDFs, from [[evidence]] password
    # rows/messages kept in facts (None: all); disputed ones beyond are kept too. Read when the
    # options are made, so a test can lower KEPT_ROWS for a whole bundle.
    max_rows: int | None = field(default_factory=lambda: KEPT_ROWS)
