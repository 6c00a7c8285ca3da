"""Shared fixtures: one identity per session, a small case, sealed once."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from evidencekit.clock import CHINA_TZ, fixed_clock

if TYPE_CHECKING:
    from tests.tsa import TestTSA

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CASE = REPO / "fixtures" / "sample-case"
FIXED_NOW = datetime(2025, 4, 2, 10, 30, 0, tzinfo=CHINA_TZ)


def require_tool(name: str) -> str:
    """The path of an external tool; skip when missing, fail under EVIDENCEKIT_REQUIRE_TOOLS=1."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("EVIDENCEKIT_REQUIRE_TOOLS") == "1":
            pytest.fail(f"{name} is required (EVIDENCEKIT_REQUIRE_TOOLS=1) but not installed")
        pytest.skip(f"{name} not installed")
    return path


@pytest.fixture(scope="session")
def ek_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An EVIDENCEKIT_HOME holding one identity for the whole session (RSA keys are slow to make)."""
    from evidencekit.identity import create_identity, default_identity_path

    home = tmp_path_factory.mktemp("ekhome")
    old = os.environ.get("EVIDENCEKIT_HOME")
    os.environ["EVIDENCEKIT_HOME"] = str(home)
    create_identity(default_identity_path(), "测试 封存人", now=FIXED_NOW)
    yield home
    if old is None:
        os.environ.pop("EVIDENCEKIT_HOME", None)
    else:
        os.environ["EVIDENCEKIT_HOME"] = old


@pytest.fixture(autouse=True)
def _home(ek_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EVIDENCEKIT_HOME", str(ek_home))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("EVIDENCEKIT_PASSPHRASE", raising=False)
    # the language of a run follows the locale: the suite must not depend on the machine's
    for name in ("EVIDENCEKIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    return ek_home


@pytest.fixture(scope="session")
def sample_case() -> Path:
    if not SAMPLE_CASE.is_dir():
        pytest.fail(f"{SAMPLE_CASE} is missing: run fixtures/make_sample_case.py")
    return SAMPLE_CASE


@pytest.fixture(scope="session")
def sealed(ek_home: Path, sample_case: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample case sealed once; tests copy it before changing it."""
    from evidencekit.pipeline import BundleOptions, build_dossier

    out = tmp_path_factory.mktemp("sealed") / "sample-dossier.pdf"
    os.environ["EVIDENCEKIT_HOME"] = str(ek_home)
    build_dossier(sample_case, BundleOptions(output=out), clock=fixed_clock(FIXED_NOW))
    return out


@pytest.fixture(scope="session")
def tiny_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two small text files, no case.toml: a dossier that bundles and verifies fast."""
    folder = tmp_path_factory.mktemp("tiny") / "case"
    folder.mkdir()
    (folder / "chat.txt").write_text("2025-03-13 客服：48小时内处理 / support: we will refund within 48 hours\n")
    (folder / "note.txt").write_text("second exhibit\n")
    return folder


@pytest.fixture(scope="session")
def tiny_sealed(ek_home: Path, tiny_case: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from evidencekit.pipeline import BundleOptions, build_dossier

    out = tmp_path_factory.mktemp("tiny-out") / "tiny-dossier.pdf"
    os.environ["EVIDENCEKIT_HOME"] = str(ek_home)
    build_dossier(tiny_case, BundleOptions(output=out), clock=fixed_clock(FIXED_NOW))
    return out


@pytest.fixture(scope="session")
def tsa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestTSA]:
    """An RFC 3161 timestamp authority on 127.0.0.1 (tests/tsa.py), one for the whole session:
    tests that count its requests take the count before and after."""
    from tests.tsa import start_tsa

    require_tool("openssl")
    info, server = start_tsa(tmp_path_factory.mktemp("tsa"))
    yield info
    server.shutdown()
    server.server_close()


@pytest.fixture
def dossier_copy(sealed: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "dossier.pdf"
    shutil.copyfile(sealed, copy)
    return copy


def fixed() -> object:
    return fixed_clock(FIXED_NOW)
