"""Every channel template is complete, sourced, bilingual, and uses only known checks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from evidencekit.channels import (
    CHECKS,
    TemplateError,
    check_case,
    get_channel,
    load_channels,
    templates_dir,
)
from evidencekit.channels.rules import validate_params
from evidencekit.errors import BadInput
from evidencekit.model import CHANNEL_IDS, PROBLEM_TYPES

from .conftest import FULL_ITEMS, TODAY, full_case

CHANNELS = load_channels()


def test_one_template_per_design_channel_id():
    assert tuple(CHANNELS) == CHANNEL_IDS
    folder = Path(str(templates_dir()))
    assert sorted(p.stem for p in folder.glob("[!_]*.toml")) == sorted(CHANNEL_IDS)


@pytest.mark.parametrize("channel_id", CHANNEL_IDS)
def test_template_is_complete_and_bilingual(channel_id: str):
    channel = CHANNELS[channel_id]
    for text in (channel.name, channel.authority, channel.how, channel.privacy.text,
                 channel.trust.text, channel.statement.title):
        assert text.zh.strip() and text.en.strip()
    assert channel.advice and channel.time_limits
    for note in (*channel.advice, *channel.time_limits):
        assert note.text.zh and note.text.en
        assert note.source in channel.sources
    assert channel.rules
    for rule in channel.rules:
        assert rule.check in CHECKS
        assert validate_params(rule.check, rule.params) == []
        assert rule.severity in ("fail", "warn")
        assert rule.source in channel.sources, rule.id
        source = channel.sources[rule.source]
        assert source.title.zh and source.title.en
        assert source.confidence in ("primary", "mirror", "secondary", "unverified")
        assert rule.text.zh and rule.text.en and rule.fix.zh and rule.fix.en
        assert set(rule.problems) <= set(PROBLEM_TYPES)
    assert channel.statement.order[-1] == "closing"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("channel_id", CHANNEL_IDS)
def test_describe_is_json(channel_id: str, lang: str):
    described = CHANNELS[channel_id].describe(lang)
    json.dumps(described, ensure_ascii=False)
    assert described["id"] == channel_id
    assert described["rules"] and all(r["source"] for r in described["rules"])
    assert described["sources"]


def test_unverified_sources_are_flagged_in_citations():
    pboc = CHANNELS["pboc"]
    assert "条文序号未核实" in pboc.sources["pboc-43"].cite("zh")
    assert "article number unverified" in pboc.sources["pboc-43"].cite("en")
    assert "secondary source" in pboc.sources["pboc-12363"].cite("en")
    assert pboc.sources["samr-9"].cite("zh") == "《市场监督管理投诉举报处理暂行办法》第九条"


def test_the_legal_substance_is_in_the_data():
    rules = {cid: {r.id: r for r in ch.rules} for cid, ch in CHANNELS.items()}
    for regulator, severity in (("pboc", "warn"), ("nfra", "fail")):
        first = rules[regulator]["institution-first"]
        assert first.check == "contact_before" and first.severity == severity
        assert rules[regulator]["institution-answer-window"].params["days"] == 15
        assert rules[regulator]["competent-regulator"].source == "regulator-split-2024"
    assert rules["consumer"]["within-three-years"].params == {"years": 3}
    assert rules["consumer"]["within-three-years"].source == "samr-15-4"
    assert rules["consumer"]["not-before-court"].source == "samr-15-2"
    assert CHANNELS["social"].mask_personal and CHANNELS["social"].statement.mask_personal
    assert not CHANNELS["pboc"].mask_personal
    assert CHANNELS["court"].timestamp == "recommended"
    for cid in ("platform", "pboc", "nfra", "court"):
        assert rules[cid]["stolen-police-report"].source == "spc-bankcard-4"
        assert rules[cid]["stolen-police-report"].severity == ("fail" if cid == "court" else "warn")
        assert rules[cid]["stolen-loss-report"].problems == ("account_stolen",)
        assert rules[cid]["frozen-notice"].source == "atf-32"
    escalation = CHANNELS["platform"].escalation
    assert escalation is not None and escalation.answer_days == 15
    assert escalation.window("bank").max_days == 60 and escalation.window("bank").source == "nfra-deadline"
    assert escalation.window("payment").source == "npi-35"  # no bank rule for a payment institution
    assert CHANNELS["pboc"].escalation is not None and CHANNELS["pboc"].escalation.max_days == 60


def test_required_fields_and_kinds_are_derived_from_rules():
    consumer = CHANNELS["consumer"].describe("en")
    assert {"complainant.name", "complainant.phone", "complainant.address",
            "respondent.name", "case.demand", "case.facts"} <= set(consumer["fields"]["required"])
    assert "complainant.agent.id_number" not in consumer["fields"]["required"]  # conditional
    assert CHANNELS["police"].kind_requirements()["required"] == ["bill | receipt | screenshot"]
    assert CHANNELS["nfra"].kind_requirements()["recommended"] == ["recording"]


def test_unknown_channel_lists_the_valid_ones():
    with pytest.raises(BadInput) as caught:
        get_channel("weibo")
    assert "platform, social, consumer, pboc, nfra, police, mediation, court" in str(caught.value)


def _copy_templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(str(templates_dir()), folder)
    return folder


def test_adding_a_channel_needs_no_code(tmp_path: Path):
    folder = _copy_templates(tmp_path)
    text = (folder / "platform.toml").read_text(encoding="utf-8")
    text = text.replace('id = "platform"', 'id = "arbitration"').replace(
        'zh = "平台或银行客服"', 'zh = "仲裁委员会"')
    (folder / "arbitration.toml").write_text(text, encoding="utf-8")
    channels = load_channels(folder)
    assert list(channels)[-1] == "arbitration"
    report = check_case(full_case(), FULL_ITEMS, "arbitration", TODAY, channels=channels)
    assert report.channel_id == "arbitration" and report.channel_name == "仲裁委员会"
    assert report.ok


@pytest.mark.parametrize("breakage, expected", [
    (('check = "field_present"', 'check = "field_presnt"'), "unknown check 'field_presnt'"),
    (('source = "nfra-13"', 'source = "nowhere"'), "unknown source 'nowhere'"),
    (('severity = "warn"', 'severity = "maybe"'), "severity must be one of fail, warn"),
    (('fix_en = "Fill in name in [complainant]"', 'fix_xx = "x"'), "missing fix_en text"),
    (('params = { field = "respondent.name" }', 'params = { feild = "respondent.name" }'),
     "takes no parameter 'feild'"),
])
def test_a_broken_template_is_refused_with_the_reason(tmp_path: Path, breakage, expected):
    folder = _copy_templates(tmp_path)
    path = folder / "platform.toml"
    text = path.read_text(encoding="utf-8")
    old, new = breakage
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_channels(folder)
    assert "platform.toml" in str(caught.value)
    assert expected in str(caught.value)


def test_empty_any_of_policy_is_an_error():
    assert validate_params("any_of", {"checks": []})
    assert validate_params("any_of", {"checks": [{"check": "field_present", "params": {"field": "x"}}]}) == []
