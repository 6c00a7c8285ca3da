"""Shared helpers for the extractor tests: where the format fixtures live, libmagic's view."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "formats"


@pytest.fixture
def fixture_path() -> FixturePath:
    return FixturePath()


class FixturePath:
    def __call__(self, name: str) -> Path:
        path = FIXTURES / name
        assert path.is_file(), f"missing fixture {name}: run fixtures/formats/make_formats.py"
        return path


def mime_of(path: Path) -> str:
    import magic

    return str(magic.from_file(str(path), mime=True))
