"""One message catalog (issue 9): every code has a zh and an en text with the same
placeholders, every code the source uses exists, and the language of a run follows
--lang, EVIDENCEKIT_LANG and the locale."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evidencekit.i18n import CATALOG, Message, msg, placeholders, resolve_lang, t

SRC = Path(__file__).resolve().parent.parent / "src" / "evidencekit"
HAN = re.compile(r"[\u3400-\u9fff]")

# Literal codes in the source: msg("…"), t("…"), Message("…"), and any string literal that
# starts with a catalog prefix (help="help.bundle", report.fail(…, "verify.item_missing")).
_PREFIXES = sorted({code.split(".", 1)[0] for code in CATALOG})
_CALL = re.compile(r"""\b(?:msg|t|Message)\(\s*["']([a-z0-9_.\-]+)["']""")
_ALTERNATIVES = "|".join(map(re.escape, _PREFIXES))
_LITERAL = re.compile(r"""(?<![\w"'])["']((?:""" + _ALTERNATIVES + r""")\.[a-z0-9_.\-]*[a-z0-9_])["']""")
_LABEL = re.compile(r"""\blabel\(\s*["'](\w+)["']""")


# English texts that quote a Chinese legal term on purpose
_CHINESE_TERMS_IN_ENGLISH = {"problem.account_frozen_sanction"}


def _codes_in_source() -> dict[str, list[str]]:
    used: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "i18n.py":
            continue
        text = path.read_text(encoding="utf-8")
        where = str(path.relative_to(SRC))
        for pattern, prefix in ((_CALL, ""), (_LITERAL, ""), (_LABEL, "label.")):
            for match in pattern.finditer(text):
                used.setdefault(prefix + match.group(1), []).append(where)
    return used


def test_every_code_has_both_texts_with_the_same_placeholders() -> None:
    problems = []
    for code, pair in CATALOG.items():
        if not (isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(s, str) and s.strip() for s in pair)):
            problems.append(f"{code}: needs (zh, en) texts")
            continue
        zh, en = pair
        if placeholders(zh) != placeholders(en):
            problems.append(f"{code}: placeholders differ: zh {sorted(placeholders(zh))}, en {sorted(placeholders(en))}")
        if HAN.search(en) and code not in _CHINESE_TERMS_IN_ENGLISH:
            problems.append(f"{code}: the English text holds Chinese")
    assert problems == []


def test_every_code_the_source_uses_is_in_the_catalog() -> None:
    used = _codes_in_source()
    assert len(used) > 50, "the scan found almost nothing: is the pattern still right?"
    missing = {code: where for code, where in used.items() if code not in CATALOG}
    assert missing == {}


def test_codes_are_dotted_names() -> None:
    assert [c for c in CATALOG if not re.fullmatch(r"[a-z0-9_]+(\.[A-Za-z0-9_\-]+)+", c)] == []


def test_a_message_renders_at_display_time_in_either_language() -> None:
    message = msg("label.page_of", n=2, total=5)
    assert message.text("zh") == "第 2 / 5 页"
    assert message.text("en") == "page 2 / 5"
    assert str(message) == "page 2 / 5"
    assert message.to_dict() == {"code": "label.page_of", "params": {"n": 2, "total": 5},
                                 "zh": "第 2 / 5 页", "en": "page 2 / 5"}
    assert Message.from_code(message.as_code()) == message


def test_nested_messages_and_lists_render_in_the_same_language() -> None:
    nested = msg("label.page_of", n=msg("kind.bill"), total=[msg("kind.chat"), msg("kind.photo")])
    assert nested.text("zh") == "第 账单 / 聊天记录；照片 页"
    assert nested.text("en") == "page bill / chat; photo"
    assert t("label.page_of", "zh", n=1, total=["a", "b"]) == "第 1 / a、b 页"
    assert t("label.page_of", "en", n=1, total=["a", "b"]) == "page 1 / a, b"
    assert Message.from_code(nested.as_code()) == nested


def test_an_unknown_code_or_parameter_shows_itself_instead_of_raising() -> None:
    assert t("no.such_code", "zh", path="a.txt") == "no.such_code(path=a.txt)"
    assert t("label.page_of", "en", n=1) == "page 1 / {total}"


@pytest.mark.parametrize(("flag", "env", "expected"), [
    (None, {}, "zh"),
    ("en", {"EVIDENCEKIT_LANG": "zh", "LANG": "zh_CN.UTF-8"}, "en"),
    ("zh", {"LANG": "en_US.UTF-8"}, "zh"),
    (None, {"EVIDENCEKIT_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
    (None, {"EVIDENCEKIT_LANG": "fr"}, "zh"),  # not ours: ignored
    (None, {"LANG": "zh_CN.UTF-8"}, "zh"),
    (None, {"LANG": "zh_TW.Big5"}, "zh"),
    (None, {"LANG": "en_US.UTF-8"}, "en"),
    (None, {"LANG": "de_DE.UTF-8"}, "en"),  # another language: English is closer than Chinese
    (None, {"LANG": "C.UTF-8"}, "zh"),  # C says nothing about the reader
    (None, {"LANG": "POSIX"}, "zh"),
    (None, {"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
    (None, {"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh"),
    (None, {"LANG": "en_US.UTF-8", "LC_MESSAGES": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "zh"),
    (None, {"LC_ALL": "", "LANG": "zh_CN.UTF-8"}, "zh"),  # empty means unset
    (None, {"LC_ALL": "C", "LANG": "en_US.UTF-8"}, "zh"),  # LC_ALL wins, and C is the default
])
def test_the_language_comes_from_the_flag_then_evidencekit_lang_then_the_locale(
        flag: str | None, env: dict[str, str], expected: str) -> None:
    assert resolve_lang(flag, env) == expected


def test_codes_built_at_run_time_exist() -> None:
    """Codes the scan cannot see, because the source builds them from a name."""
    from evidencekit.verify import _STRUCTURE_CODES, VERDICTS

    built = [f"verdict.headline.{v}" for v in VERDICTS] + ["verdict.headline.untrusted-time.single"]
    built += [f"verify.structure.{c}" for c in _STRUCTURE_CODES]
    built += [f"cli.progress.{stage}" for stage in ("hash", "place", "attach", "render", "seal")]
    built += [f"cli.identity.{key}" for key in ("path", "name", "fingerprint", "self_signed", "not_after")]
    assert [code for code in built if code not in CATALOG] == []
