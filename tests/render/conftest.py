"""Helpers for the render tests: bundle a folder, read its pages back as text."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from evidencekit.clock import fixed_clock
from evidencekit.pipeline import BundleOptions, BundleResult, build_dossier
from tests.conftest import FIXED_NOW, require_tool


@dataclass
class Rendered:
    result: BundleResult
    pages: list[str]  # pdftotext of each page

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    def page_of(self, needle: str) -> int:
        """The first page (0-based) whose text holds ``needle``."""
        for n, page in enumerate(self.pages):
            if needle in page:
                return n
        raise AssertionError(f"{needle!r} is on no page")

    def exhibit(self, number: str) -> str:
        """The text of exhibit ``number``'s pages (those whose footer names it)."""
        pages = [p for p in self.pages if f"证据 {number} · SHA-256" in p]
        assert pages, f"no page of exhibit {number}"
        return "\n".join(pages)

    def exhibit_of(self, path: str) -> str:
        """The text of the pages of the exhibit made of the file at ``path`` (relative to the case)."""
        return self.exhibit(next(i.id for i in self.result.items if i.path == path))

    def section(self, start: str, end: str | None = None) -> str:
        """The text from the page holding ``start`` up to (not including) the page holding ``end``."""
        first = self.page_of(start)
        last = self.page_of(end) if end else len(self.pages)
        return "\n".join(self.pages[first:last])


def pdf_pages(pdf: Path) -> list[str]:
    tool = require_tool("pdftotext")
    out = subprocess.run([tool, "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True).stdout
    pages = out.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def bundle(folder: Path, out: Path, **options: object) -> Rendered:
    """Bundle as the CLI does: a first run makes the default identity (the library never does)."""
    from evidencekit.pipeline import ensure_default_identity

    made = ensure_default_identity(options.get("sealer_name"), FIXED_NOW)  # type: ignore[arg-type]
    result = build_dossier(folder, BundleOptions(output=out, **options), clock=fixed_clock(FIXED_NOW),  # type: ignore[arg-type]
                           identity=made)
    return Rendered(result, pdf_pages(out))


def copy_case(src: Path, dest: Path, case_toml: str | None = None) -> Path:
    shutil.copytree(src, dest)
    if case_toml is not None:
        (dest / "case.toml").write_text(case_toml, encoding="utf-8")
    return dest
