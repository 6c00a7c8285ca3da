"""Render lays out a plan and computes nothing: a plan built by hand, with no case.toml, channel
templates or evidence files behind it, renders to pages that show exactly what it says."""

from __future__ import annotations

import datetime
import subprocess
from types import MappingProxyType

from evidencekit.case import CaseFile
from evidencekit.manifest import build_manifest
from evidencekit.model import Section, Signer, Statement
from evidencekit.money_flow import Attempt, Glance
from evidencekit.plan import DossierPlan
from evidencekit.render.document import Styles
from evidencekit.render.dossier import render_dossier
from evidencekit.render.fonts import register_font
from evidencekit.timeline import Event
from tests.conftest import require_tool

BEIJING = datetime.timezone(datetime.timedelta(hours=8))


def test_a_hand_built_plan_renders_what_it_says(tmp_path) -> None:  # type: ignore[no-untyped-def]
    case = CaseFile(data={"case": {"title": "手写计划的案件 HANDPLAN-7"}}, text=None, path=None)
    manifest = build_manifest(case=case.data, items=[], created="2025-04-02T10:30:00+08:00",
                              time_source="local-clock", skipped=[])
    when = datetime.datetime(2025, 3, 12, 20, 15, 3, tzinfo=BEIJING)
    plan = DossierPlan(
        lang="zh", created="2025-04-02T10:30:00+08:00", time_source="local-clock", today=when.date(),
        case=case, sealed_case=case, public=False, replacements=MappingProxyType({}), channel=None, items=(),
        visuals=MappingProxyType({}), skipped=(), signer=Signer("手写 封存人", "ab" * 32, True), manifest=manifest,
        statement=Statement("platform", "zh", "投诉书 STATEMENT-TITLE-9", (Section("facts", "事实经过", ("手写的事实。",)),),
                            "2025年4月2日", "", False),
        events=(Event(when, False, "tl_occurred", "手写事件 EVENT-42", ("case.toml",)),),
        flows=(), glance=Glance("topup_not_credited", "手写计划的案件 HANDPLAN-7", "218.00", when.isoformat(),
                                "2025-03-13", "2025-03-13", (Attempt("2025-03-13", "platform", "T-1", "unresolved"),),
                                "退款 218.00 元", 0),
        escalation=None, checks=None, lint=(), notices=(),
    )
    pages = render_dossier(plan, Styles(register_font(None)))
    pdf = tmp_path / "pages.pdf"
    pdf.write_bytes(pages.pdf)
    text = subprocess.run([require_tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    squeezed = "".join(text.split())
    for said in ("HANDPLAN-7", "STATEMENT-TITLE-9", "手写的事实", "EVENT-42", "手写封存人", plan.dossier_id[:16]):
        assert said in squeezed, said
    assert pages.page_count >= 4
