"""The case description (``case.toml``): parse, validate, normalise.

``case.toml`` is the user's account of the case: what happened, who complains against whom,
which transactions are disputed, whom they already contacted, and notes per evidence file.
A typo must never silently drop a fact, so every unknown key is an error that names the file,
the key path and the line, with a suggestion. The normalised data keeps one spelling of
every value: amounts as strings with two decimals, times as ISO 8601 with an offset (naive
times are Beijing time, +08:00), dates as ``YYYY-MM-DD``. An empty string means "not filled
in yet" and is dropped, so the commented template can list every key.
"""

from __future__ import annotations

import copy
import difflib
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from evidencekit.clock import CHINA_TZ
from evidencekit.errors import BadInput, OutputExists
from evidencekit.fileio import atomic_output
from evidencekit.layout import CASE_NAME
from evidencekit.model import CHANNEL_IDS, KINDS, PROBLEM_TYPES, RESPONDENT_TYPES
from evidencekit.template_files import template_ids

CASE_FILE_NAME = CASE_NAME  # kept: the name this module and its callers use

OUTCOMES = ("unresolved", "resolved", "rejected", "pending")
DATE_ORDERS = ("dmy", "mdy")

KeyPath = tuple[str | int, ...]


# --------------------------------------------------------------------------- schema


@dataclass(frozen=True)
class FieldSpec:
    """One key of case.toml: its type and, for enums, the allowed values."""

    type: str  # "text" | "lines" | "amount" | "datetime" | "date" | "bool" | "enum" | "channel"
    choices: tuple[str, ...] = ()
    example: str = ""


_TEXT = FieldSpec("text")

#: Plain tables: ``[case]``, ``[complainant]``, ``[respondent]`` and the nested agent table.
TABLE_FIELDS: dict[str, dict[str, FieldSpec]] = {
    "case": {
        "title": _TEXT,
        "problem": FieldSpec("enum", PROBLEM_TYPES),
        "channel": FieldSpec("channel", CHANNEL_IDS),
        "amount": FieldSpec("amount", example='"218.00"'),
        "occurred_at": FieldSpec("datetime", example="2025-03-12T20:15:03+08:00"),
        "facts": _TEXT,
        "demand": _TEXT,
        "public": FieldSpec("bool", example="true"),
    },
    "complainant": {
        "name": _TEXT,
        "gender": FieldSpec("enum", ("男", "女")),
        "birth_date": FieldSpec("date", example="1990-03-07"),
        "ethnicity": _TEXT,
        "occupation": _TEXT,
        "employer": _TEXT,
        "id_number": _TEXT,
        "phone": _TEXT,
        "address": _TEXT,
        "account": _TEXT,
    },
    "complainant.agent": {
        "name": _TEXT,
        "id_number": _TEXT,
        "phone": _TEXT,
    },
    "respondent": {
        "name": _TEXT,
        "type": FieldSpec("enum", RESPONDENT_TYPES),
        "credit_code": _TEXT,
        "address": _TEXT,
        "legal_representative": _TEXT,
    },
}

_LINES = FieldSpec("lines", example='["判令被告返还原告218.00元", "本案诉讼费用由被告负担"]')

#: ``[demands]``: what to ask of each addressee, when it differs from ``[case] demand``: a
#: court is asked "判令被告…", the police "立案侦查、追赃挽损", the platform "请贵司…", a
#: regulator "请求督促…". ``regulator`` serves pboc and nfra unless they have their own.
TABLE_FIELDS["demands"] = {key: _LINES for key in (
    "platform", "regulator", "pboc", "nfra", "consumer", "police", "mediation", "court", "social")}

#: Arrays of tables: ``[[transactions]]``, ``[[contacts]]``, ``[[evidence]]``.
ARRAY_FIELDS: dict[str, dict[str, FieldSpec]] = {
    "transactions": {
        "id": _TEXT,
        "merchant_order": _TEXT,
        "time": FieldSpec("datetime", example="2025-03-12T20:15:03+08:00"),
        "amount": FieldSpec("amount", example='"218.00"'),
        "counterparty": _TEXT,
        "disputed": FieldSpec("bool", example="true"),
    },
    "contacts": {
        "date": FieldSpec("date", example="2025-03-13"),
        "channel": FieldSpec("channel", CHANNEL_IDS),
        "ticket": _TEXT,
        "summary": _TEXT,
        "outcome": FieldSpec("enum", OUTCOMES),
    },
    "evidence": {
        "path": _TEXT,
        "kind": FieldSpec("enum", KINDS),
        "source": _TEXT,
        "proves": _TEXT,
        "date_order": FieldSpec("enum", DATE_ORDERS),
        "password": _TEXT,
        "name": _TEXT,
        "original": FieldSpec("bool", example="false"),
    },
}

#: Keys an array entry must have once anything in it is filled in.
ARRAY_REQUIRED: dict[str, tuple[str, ...]] = {"evidence": ("path",)}

TOP_LEVEL = ("case", "complainant", "respondent", "demands", "transactions", "contacts", "evidence", "public")


# --------------------------------------------------------------------------- the case


@dataclass
class CaseFile:
    """A validated, normalised case description.

    ``data`` is what the manifest seals as ``case``; ``text`` is the original file, sealed
    byte for byte; ``path`` is where it was read from (None for a built-in or empty case).
    """

    data: dict[str, Any]
    text: str | None = None
    path: Path | None = None

    def _table(self, name: str) -> dict[str, Any]:
        value = self.data.get(name)
        return value if isinstance(value, dict) else {}

    def _get(self, table: str, key: str) -> Any:
        return self._table(table).get(key)

    @property
    def case(self) -> dict[str, Any]:
        return self._table("case")

    @property
    def title(self) -> str | None:
        return self._get("case", "title")

    @property
    def problem(self) -> str | None:
        return self._get("case", "problem")

    @property
    def channel(self) -> str | None:
        return self._get("case", "channel")

    @property
    def amount(self) -> str | None:
        return self._get("case", "amount")

    @property
    def occurred_at(self) -> str | None:
        return self._get("case", "occurred_at")

    @property
    def facts(self) -> str | None:
        return self._get("case", "facts")

    @property
    def demand(self) -> str | None:
        return self._get("case", "demand")

    @property
    def public(self) -> bool | None:
        return self._get("case", "public")

    @property
    def demands(self) -> dict[str, Any]:
        return self._table("demands")

    @property
    def complainant(self) -> dict[str, Any]:
        return self._table("complainant")

    @property
    def respondent(self) -> dict[str, Any]:
        return self._table("respondent")

    @property
    def transactions(self) -> list[dict[str, Any]]:
        return list(self.data.get("transactions") or [])

    @property
    def contacts(self) -> list[dict[str, Any]]:
        return list(self.data.get("contacts") or [])

    @property
    def evidence(self) -> list[dict[str, Any]]:
        return list(self.data.get("evidence") or [])

    def disputed_transactions(self) -> list[dict[str, Any]]:
        """The ``[[transactions]]`` marked ``disputed = true``, in file order."""
        return [t for t in self.transactions if t.get("disputed")]

    def disputed_ids(self) -> frozenset[str]:
        """Transaction ids and merchant order numbers of the disputed transactions."""
        ids: set[str] = set()
        for tx in self.disputed_transactions():
            for key in ("id", "merchant_order"):
                if tx.get(key):
                    ids.add(str(tx[key]))
        return frozenset(ids)

    def evidence_for(self, path: str | Path) -> dict[str, Any] | None:
        """The ``[[evidence]]`` note for an item path (POSIX, relative, NFC), if any."""
        wanted = normalise_rel_path(path)
        for note in self.evidence:
            if normalise_rel_path(note.get("path", "")) == wanted:
                return note
        return None

    def get_path(self, dotted: str) -> Any:
        """A value by dotted path, e.g. ``complainant.phone`` or ``complainant.agent.name``."""
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, dict):
                return None
            node = node.get(part)
        return node


def normalise_rel_path(path: str | Path) -> str:
    """POSIX, NFC, no leading ``./`` — how manifest paths are written."""
    text = str(path).replace("\\", "/")
    while text.startswith("./"):
        text = text[2:]
    return unicodedata.normalize("NFC", text.strip("/"))


def empty_case() -> CaseFile:
    """The case used when a folder has no case.toml."""
    return CaseFile(data={}, text=None, path=None)


# --------------------------------------------------------------------------- errors


@dataclass(frozen=True)
class CaseProblem:
    """One thing wrong in case.toml, located."""

    key_path: str
    line: int | None
    message: str
    hint: str


class CaseError(BadInput):
    """case.toml is invalid; ``problems`` lists every finding, not just the first."""

    def __init__(self, origin: str, problems: list[CaseProblem]):
        self.origin = origin
        self.problems = problems
        lines = [_format_problem(origin, p) for p in problems]
        if len(lines) > 1:
            message = f"{origin}: {len(lines)} problems:\n" + "\n".join("  " + l for l in lines)  # noqa: E741 - l is a line of the message
        else:
            message = lines[0]
        hint = problems[0].hint if problems else None
        super().__init__(message, hint, path=origin)


def _format_problem(origin: str, problem: CaseProblem) -> str:
    where = f"{origin}, line {problem.line}" if problem.line else origin
    key = f" {problem.key_path}:" if problem.key_path else ""
    return f"{where}:{key} {problem.message}"


class _Invalid(Exception):
    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message = message
        self.hint = hint


def format_key_path(path: KeyPath) -> str:
    """``("transactions", 1, "amount")`` -> ``transactions[1].amount``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


# --------------------------------------------------------------------------- line finding


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*((?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+)(?:\s*\.\s*(?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+))*)\s*=")


def _split_dotted(raw: str) -> tuple[str, ...]:
    parts = re.findall(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_\-]+)", raw)
    return tuple(a or b or c for a, b, c in parts)


def locate_keys(text: str) -> dict[KeyPath, int]:
    """Map key paths to the 1-based line where they are defined.

    tomllib reports no positions, so this scans the text: table headers (``[a.b]``,
    ``[[a]]`` counted per name), ``key =`` lines, dotted keys, skipping multi-line strings.
    The first definition wins.
    """
    where: dict[KeyPath, int] = {}
    current: KeyPath = ()
    array_counts: dict[str, int] = {}
    in_string: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string is not None:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        header = _HEADER.match(line) if line.lstrip().startswith("[") else None
        if header:
            names = _split_dotted(header.group(2))
            if header.group(1) == "[[":
                name = ".".join(names)
                index = array_counts.get(name, 0)
                array_counts[name] = index + 1
                current = (*names, index)
            else:
                current = names
            where.setdefault(current, number)
            # the table itself is also reachable by its name alone
            where.setdefault(current[:-1] if isinstance(current[-1], int) else current, number)
        else:
            key = _KEY.match(line)
            if key:
                path = (*current, *_split_dotted(key.group(1)))
                for depth in range(len(current) + 1, len(path) + 1):
                    where.setdefault(path[:depth], number)
        for delimiter in ('"""', "'''"):
            if line.count(delimiter) % 2 == 1:
                in_string = delimiter
                break
    return where


def _line_of(locations: dict[KeyPath, int], path: KeyPath) -> int | None:
    for depth in range(len(path), 0, -1):
        if path[:depth] in locations:
            return locations[path[:depth]]
    return None


# --------------------------------------------------------------------------- values


_AMOUNT = re.compile(r"^[¥￥]?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*(元)?$")


def normalise_amount(value: Any) -> str:
    """``218`` / ``"218.5"`` / ``"¥1,218.00"`` -> ``"218.00"`` style; fen is the limit."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _Invalid(f"amount must be a string or number, got {_type_name(value)}",
                       'write it in yuan, e.g. amount = "218.00"')
    text = str(value).strip()
    if isinstance(value, str) and not _AMOUNT.match(text):
        raise _Invalid(f"{value!r} is not an amount",
                       'write it in yuan with at most 2 decimals, e.g. amount = "218.00"')
    try:
        number = Decimal(text.lstrip("¥￥").rstrip("元").replace(",", "").strip())
    except InvalidOperation:
        raise _Invalid(f"{value!r} is not an amount", 'e.g. amount = "218.00"') from None
    if number < 0 or not number.is_finite():
        raise _Invalid(f"{value!r} is negative or not finite",
                       "give the amount at stake as a positive number of yuan")
    if number != number.quantize(Decimal("0.01")):
        raise _Invalid(f"{value!r} has more than 2 decimals",
                       "amounts are in yuan; the smallest unit is the fen (0.01)")
    return str(number.quantize(Decimal("0.01")))


_DATE_TEXT = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_DATETIME_TEXT = re.compile(
    r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?[ T]?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$"
)


def normalise_datetime(value: Any) -> str:
    """A time as ISO 8601 with offset; naive times are read as Asia/Shanghai (+08:00)."""
    hint = "write a date and time, e.g. 2025-03-12T20:15:03+08:00 (without an offset: Beijing time)"
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        raise _Invalid(f"{value.isoformat()} is a date without a time of day", hint)
    elif isinstance(value, str):
        match = _DATETIME_TEXT.match(value.strip())
        if not match:
            raise _Invalid(f"{value!r} is not a date and time", hint)
        y, mo, d, h, mi, s, _frac, offset = match.groups()
        iso_text = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}T{int(h):02d}:{mi}:{s or '00'}"
        if offset:
            iso_text += "+00:00" if offset == "Z" else offset if ":" in offset else offset[:3] + ":" + offset[3:]
        try:
            moment = datetime.fromisoformat(iso_text)
        except ValueError as exc:
            raise _Invalid(f"{value!r} is not a valid time ({exc})", hint) from None
    else:
        raise _Invalid(f"expected a date and time, got {_type_name(value)}", hint)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=CHINA_TZ)
    return moment.replace(microsecond=0).isoformat(timespec="seconds")


def normalise_date(value: Any) -> str:
    """A date as ``YYYY-MM-DD``; a full time is cut to its date in Beijing time."""
    hint = "write a date, e.g. 2025-03-13"
    if isinstance(value, datetime):
        moment = value if value.tzinfo is None else value.astimezone(CHINA_TZ)
        return moment.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        match = _DATE_TEXT.match(value.strip())
        if match:
            try:
                return date(*(int(g) for g in match.groups())).isoformat()
            except ValueError as exc:
                raise _Invalid(f"{value!r} is not a valid date ({exc})", hint) from None
        try:
            return normalise_date(datetime.fromisoformat(normalise_datetime(value)))
        except _Invalid:
            raise _Invalid(f"{value!r} is not a date", hint) from None
    raise _Invalid(f"expected a date, got {_type_name(value)}", hint)


def _type_name(value: Any) -> str:
    names = {str: "a string", bool: "true/false", int: "an integer", float: "a number",
             dict: "a table", list: "an array", datetime: "a date-time", date: "a date",
             time: "a time"}
    return names.get(type(value), type(value).__name__)


def _channel_choices() -> tuple[str, ...]:
    """DESIGN.md's channel ids plus any added as a template (no code change needed)."""
    try:
        extra = tuple(c for c in template_ids() if c not in CHANNEL_IDS)
    except OSError:  # an unreadable templates folder must not make every case.toml unreadable
        extra = ()
    return CHANNEL_IDS + extra


def _is_blank(value: Any) -> bool:
    return isinstance(value, str) and not value.strip()


def _normalise_field(spec: FieldSpec, value: Any) -> Any:
    if spec.type == "text":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)  # order numbers written without quotes
        if not isinstance(value, str):
            raise _Invalid(f"expected text, got {_type_name(value)}", 'put the value in quotes, e.g. "…"')
        return value.strip("\n") if "\n" in value else value.strip()
    if spec.type == "lines":
        if isinstance(value, list):
            if not all(isinstance(v, str) for v in value):
                raise _Invalid("expected text or a list of texts", 'e.g. ["判令被告返还原告218.00元", "本案诉讼费用由被告负担"]')
            return [v.strip() for v in value if v.strip()]
        return _normalise_field(_TEXT, value)
    if spec.type == "amount":
        return normalise_amount(value)
    if spec.type == "datetime":
        return normalise_datetime(value)
    if spec.type == "date":
        return normalise_date(value)
    if spec.type == "bool":
        if not isinstance(value, bool):
            raise _Invalid(f"expected true or false, got {_type_name(value)} {value!r}",
                           "write true or false without quotes")
        return value
    if spec.type in ("enum", "channel"):
        choices = _channel_choices() if spec.type == "channel" else spec.choices
        if not isinstance(value, str) or value.strip() not in choices:
            allowed = ", ".join(choices)
            close = difflib.get_close_matches(str(value), choices, n=1)
            suggestion = f"; did you mean {close[0]!r}?" if close else ""
            raise _Invalid(f"{value!r} is not allowed (allowed: {allowed}){suggestion}",
                           f"use one of: {allowed}")
        return value.strip()
    raise AssertionError(f"unknown field type {spec.type}")


# --------------------------------------------------------------------------- validation


def _validate(raw: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[KeyPath, str, str]]]:
    problems: list[tuple[KeyPath, str, str]] = []
    data: dict[str, Any] = {}

    def unknown(path: KeyPath, key: str, allowed_keys: Iterable[str], where: str) -> None:
        allowed = list(allowed_keys)
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        suggestion = f"; did you mean {close[0]!r}?" if close else ""
        problems.append((path, f"unknown key {key!r} in {where}{suggestion}",
                         f"allowed keys in {where}: {', '.join(allowed)}"))

    def fields(table: dict[str, Any], specs: dict[str, FieldSpec], path: KeyPath,
               where: str, nested: dict[str, dict[str, FieldSpec]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in table.items():
            key_path = (*path, key)
            if key in nested:
                if not isinstance(value, dict):
                    problems.append((key_path, f"{key} must be a table, got {_type_name(value)}",
                                     f"write it as a [{format_key_path(key_path)}] section"))
                    continue
                sub = fields(value, nested[key], key_path, f"[{format_key_path(key_path)}]", {})
                if sub:
                    out[key] = sub
                continue
            spec = specs.get(key)
            if spec is None:
                unknown(key_path, key, [*specs, *nested], where)
                continue
            if _is_blank(value):
                continue
            try:
                out[key] = _normalise_field(spec, value)
            except _Invalid as exc:
                problems.append((key_path, exc.message, exc.hint))
        return out

    for name, value in raw.items():
        if name in TABLE_FIELDS and name in TOP_LEVEL:
            if not isinstance(value, dict):
                problems.append(((name,), f"[{name}] must be a table, got {_type_name(value)}",
                                 f"write it as a [{name}] section"))
                continue
            nested = {"agent": TABLE_FIELDS["complainant.agent"]} if name == "complainant" else {}
            table = fields(value, TABLE_FIELDS[name], (name,), f"[{name}]", nested)
            if table:
                data[name] = table
        elif name in ARRAY_FIELDS:
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                problems.append(((name,), f"{name} must be an array of tables",
                                 f"write each entry as a [[{name}]] section"))
                continue
            entries = []
            for index, entry in enumerate(value):
                where = f"[[{name}]] #{index + 1}"
                normal = fields(entry, ARRAY_FIELDS[name], (name, index), where, {})
                if not any(isinstance(v, str) for v in normal.values()):
                    continue  # an untouched template entry
                for required in ARRAY_REQUIRED.get(name, ()):
                    if required not in normal and required not in entry:
                        problems.append(((name, index), f"{where} has no {required!r}",
                                         f"add {required} = \"…\" to this [[{name}]] entry"))
                entries.append(normal)
            if entries:
                data[name] = entries
        elif name == "public":
            public = _public_table(value, problems, unknown)
            if public:
                data[name] = public
        else:
            unknown((name,), name, TOP_LEVEL, "the top level")
    return data, problems


def _public_table(value: Any, problems: list[tuple[KeyPath, str, str]],
                  unknown: Any) -> dict[str, Any]:
    """``[public]``: what the public copy must hide besides what it finds itself —
    ``redact = ["王五", …]`` (text) and ``[[public.boxes]] exhibit = "E03", box = [x0, y0, x1, y1]``
    (upright pixels of the exhibit's image: a face, a QR code)."""
    if not isinstance(value, dict):
        problems.append((("public",), f"[public] must be a table, got {_type_name(value)}",
                         "write it as a [public] section"))
        return {}
    out: dict[str, Any] = {}
    for key, entry in value.items():
        if key == "redact":
            if not isinstance(entry, list) or not all(isinstance(v, str) and v.strip() for v in entry):
                problems.append((("public", key), "redact must be a list of texts",
                                 'write it as redact = ["王五", "6222…"]'))
                continue
            if entry:
                out[key] = [v.strip() for v in entry]
        elif key == "boxes":
            boxes = _public_boxes(entry, problems)
            if boxes:
                out[key] = boxes
        else:
            unknown(("public", key), key, ["redact", "boxes"], "[public]")
    return out


def _public_boxes(entry: Any, problems: list[tuple[KeyPath, str, str]]) -> list[dict[str, Any]]:
    hint = 'write each as [[public.boxes]] exhibit = "E03", box = [x0, y0, x1, y1] (whole pixels, x0 < x1, y0 < y1)'
    if not isinstance(entry, list) or not all(isinstance(v, dict) for v in entry):
        problems.append((("public", "boxes"), "boxes must be an array of tables", hint))
        return []
    out = []
    for index, box in enumerate(entry):
        coords = box.get("box")
        exhibit = box.get("exhibit")
        ok = (set(box) <= {"exhibit", "box"} and isinstance(exhibit, str) and re.fullmatch(r"E\d{2,}", exhibit)
              and isinstance(coords, list) and len(coords) == 4
              and all(isinstance(c, int) and not isinstance(c, bool) and c >= 0 for c in coords)
              and coords[0] < coords[2] and coords[1] < coords[3])
        if not ok:
            problems.append((("public", "boxes", index), f"[[public.boxes]] #{index + 1} is not a box", hint))
            continue
        out.append({"exhibit": exhibit, "box": list(coords)})
    return out


# --------------------------------------------------------------------------- entry points


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse_case(text: str, origin: str = CASE_FILE_NAME, path: Path | None = None) -> CaseFile:
    """Parse and validate case.toml text.

    Raises :class:`CaseError` (a ``BadInput``, exit code 3) listing every problem with the
    file, key path, line and a hint; invalid TOML keeps tomllib's line and column.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        reason = str(exc)
        position = _TOML_POSITION.search(reason)
        line = int(position.group(1)) if position else None
        column = f", column {position.group(2)}" if position else ""
        reason = _TOML_POSITION.sub("", reason).strip()
        raise CaseError(origin, [CaseProblem(
            key_path="", line=line,
            message=f"invalid TOML{column}: {reason}",
            hint='check quotes and brackets near that line: text values need quotes ("…"), '
                 "tables are written [name] or [[name]], multi-line text uses triple quotes",
        )]) from None
    data, found = _validate(raw)
    if found:
        locations = locate_keys(text)
        problems = [CaseProblem(format_key_path(p), _line_of(locations, p), message, hint)
                    for p, message, hint in found]
        raise CaseError(origin, problems)
    return CaseFile(data=data, text=text, path=path)


def load_case(path: Path) -> CaseFile:
    """Read and validate a case.toml file (UTF-8). Raises ``BadInput`` naming the file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"cannot read {path}: {exc.strerror or exc}",
                       "check that the file exists and is readable", path=str(path)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CaseError(str(path), [CaseProblem(
            "", line, "the file is not UTF-8 text",
            "save case.toml as UTF-8 (in most editors: Save As… → Encoding UTF-8)")]) from None
    return parse_case(text, origin=str(path), path=path)


def find_case(folder: Path) -> CaseFile:
    """The case.toml at the root of a case folder, or the empty case when there is none."""
    candidate = folder / CASE_FILE_NAME
    return load_case(candidate) if candidate.is_file() else empty_case()


# --------------------------------------------------------------------------- template


CASE_TEMPLATE = '''\
# evidencekit 案件描述文件 case.toml
#
# 这份文件说明你的案件：发生了什么、你向谁投诉、哪些交易有争议、之前联系过谁、
# 每个证据文件是什么。evidencekit 会把它原样封存进证据包（PDF），并据此生成投诉书、
# 检查所选投诉渠道的要求。
#
# 填写说明：
# - 留空（""）表示暂不填写；不需要的 [[transactions]] / [[contacts]] / [[evidence]] 段可以删除，
#   需要多条时复制整段。
# - 键名写错会报错（例如把 amount 写成 ammount），以免事实被悄悄丢掉。
# - 时间没有写时区时，按北京时间（+08:00）理解。
# - 用 `evidencekit check 本文件夹 --channel all` 查看每个渠道还缺什么。

[case]
# 案件标题，一句话说清问题。例："支付宝充值未到账"
title = ""
# 问题类型，只能填以下之一：
#   payment_failed 支付失败 | funds_not_received 款项未到账 | account_stolen 账户被盗
#   account_frozen 账户被平台风控冻结 | account_frozen_judicial 账户被法院或公安冻结
#   account_frozen_sanction 断卡惩戒（账户功能被公安认定后限制）| topup_not_credited 充值不到账
#   fraud 电信网络诈骗 | mistaken_transfer 误转账 | merchant_refund 商户退款、自动扣费、免密支付
#   credit_report 征信异议 | other 其他
problem = ""
# 默认投诉渠道（bundle 和 check 使用），只能填以下之一：
#   platform 平台/银行客服 | social 黑猫投诉、微博等公开平台 | consumer 12315、消协
#   pboc 中国人民银行 12363（支付机构、征信机构）| nfra 国家金融监督管理总局 12378（银行、信用卡中心、
#   保险、消费金融公司、信托）| police 公安机关（110 / 派出所报案）| mediation 调解 | court 法院
# 金融类投诉请先向平台或银行投诉（platform），机构答复后再向监管部门投诉。
# 账户被盗：先立即挂失、冻结账户，再拨打 110 报警（96110 是预警劝阻咨询电话，不受理报案）。
channel = ""
# 涉及金额（元），写成带引号的字符串。例："218.00"
amount = ""
# 问题发生的时间，例：2025-03-12T20:15:03+08:00（不写 +08:00 则按北京时间）。
# 也可以写成字符串 "2025-03-12 20:15:03"。
occurred_at = ""
# 是否用于公开平台（黑猫投诉、微博等）。true 时姓名、电话、身份证号、地址、账号会打码。
# 例：public = true
# public = false
# 事实经过：按时间顺序写清 何时、在哪个 App、做了什么、金额多少、订单号是什么、结果如何。
# 保持冷静、客观、具体，不要使用情绪化的词语。
facts = """
"""
# 投诉请求 / 诉求：明确、具体，写清要对方做什么、金额多少。
# 例："请求退还充值款 218.00 元，或为账户补发相应点券。"
demand = """
"""

# 按收件人写的请求（可选；不填则都用上面的 demand）。法院、公安、平台、监管部门要的请求不同：
# [demands]
# 向平台或银行本身：写“请贵司……”，例："请贵司核查交易并在15日内退还218.00元。"
# platform = ""
# 向人民银行 12363 / 金融监管总局 12378：写“请求督促……”
# regulator = ""
# 向公安机关：例："请依法立案侦查，追缴被骗资金并返还本人。"
# police = ""
# 向法院（诉讼请求，逐项写，程序会编号）：
# court = ["判令被告返还原告218.00元", "本案诉讼费用由被告负担"]
# 只给某个渠道用的请求（不填则用 regulator 或 demand）：
# pboc = ""
# nfra = ""
# consumer = ""
# mediation = ""
# social = ""

[complainant]
# 投诉人信息。在公开渠道（social）会自动打码。
# 姓名，例："张三"
name = ""
# 以下四项是民事起诉状要写的原告信息（民事诉讼法第一百二十四条），其他渠道可不填。
# 性别，只能填 "男" 或 "女"
gender = ""
# 出生日期，例：1990-03-07
birth_date = ""
# 民族，例："汉族"
ethnicity = ""
# 职业，例："职员"
occupation = ""
# 工作单位（可不填）
employer = ""
# 身份证号，例："110101199003071234"
id_number = ""
# 联系电话，例："13800138000"（12315 要求提供电话号码）
phone = ""
# 通讯地址，例："北京市朝阳区某某路1号"
address = ""
# 在平台的账户（手机号、邮箱或账号），例："zhang***@example.com"
account = ""

# 委托他人代为投诉时填写代理人；12315 还要求提供授权委托书原件和代理人身份证明。
# [complainant.agent]
# name = "李四"
# id_number = "110101198801011234"
# phone = "13900139000"

[respondent]
# 被投诉人（平台、银行或商家）。
# 名称，例："支付宝（中国）网络技术有限公司"
name = ""
# 类型（决定向哪个监管部门投诉；不填则按名称识别），只能填以下之一：
#   bank 银行/信用卡中心 | insurer 保险 | consumer_finance 消费金融公司（花呗、借呗）| trust 信托
#   nonbank_fi 其他非银行金融机构 | payment 支付机构（支付宝、财付通）| credit_bureau 征信机构
#   securities 证券期货基金 | microloan 小额贷款公司 | merchant 商家（经营者）| other 其他
type = ""
# 统一社会信用代码，例："91310115MA1K3XXXXX"（可在国家企业信用信息公示系统查询）
credit_code = ""
# 地址，例："上海市浦东新区……"
address = ""
# 法定代表人（起诉时写明），例："王某"
legal_representative = ""

# 有争议的交易，每笔一段。交易单号和商户单号可以在账单详情中找到。
[[transactions]]
# 交易单号 / 交易订单号，例："2025031222001400000001"
id = ""
# 商户单号 / 商家订单号，例："GM20250312000001"
merchant_order = ""
# 交易时间，例：2025-03-12T20:15:03+08:00
time = ""
# 金额（元），例："218.00"
amount = ""
# 交易对方，例："示例游戏科技有限公司"
counterparty = ""
# 是否为争议交易：true 表示这笔交易就是投诉的对象
disputed = true

# 沟通记录：之前每一次投诉、来电或在线客服，每次一段。请保留投诉编号/工单号。
[[contacts]]
# 日期，例：2025-03-13
date = ""
# 联系的渠道（渠道代码同上），例："platform"
channel = ""
# 投诉编号 / 工单号，例："CS2025031300012"
ticket = ""
# 对方的答复摘要，例："客服称48小时内处理"
summary = ""
# 结果，只能填以下之一：unresolved 未解决 | resolved 已解决 | rejected 被拒绝 | pending 处理中
outcome = ""

# 证据文件说明（可选），按路径对应文件夹里的文件，每个文件一段。
[[evidence]]
# 文件路径（相对于本文件夹），例："screens/1.png"
path = ""
# 证据类型（不填则自动识别）：screenshot 截图 | photo 照片 | image 图片（无拍摄信息）| receipt 凭证
#   bill 账单 | chat 聊天记录 | recording 录音 | video 视频 | document 文件 | other 其他
kind = ""
# 来源：在哪里、如何取得，例："支付宝App 账单详情截图"
source = ""
# 证明对象：这份证据证明什么，例："充值成功但余额未增加"
proves = ""
# WhatsApp 聊天导出的日期顺序：dmy（日/月/年）或 mdy（月/日/年）；不填则自动判断
date_order = ""
# 加密 PDF 或压缩包的密码（例如微信支付“用于材料证明”的账单、支付宝发来的加密 zip），不填则只附原件、
# 不展开内容；密码只用来打开文件，不会被封存进证据包
password = ""
# 证据名称（证据清单中显示；不填则按内容生成，如“支付宝交易明细（2025年3月）”）
name = ""
# 是否原件：附上的电子数据本身即原件（true）；翻拍、转存的填 false，清单中标为“复制件”
original = true
'''


def write_case_template(directory: Path, text: str = CASE_TEMPLATE) -> Path:
    """Write the commented case.toml template (or ``text``, a pre-filled one) into ``directory``;
    never overwrite.

    Creates the directory when needed. Raises ``OutputExists`` (a ``BadInput``) naming the
    existing file.
    """
    target = directory / CASE_FILE_NAME
    if target.exists():
        raise OutputExists(f"{target} already exists; not overwriting it",
                           "edit the existing file, or move it away and run init again",
                           path=str(target))
    with atomic_output(target) as out:  # never replaces: a file that appeared meanwhile is OutputExists
        out.file.write(text.encode("utf-8"))
    return target


__all__ = [
    "ARRAY_FIELDS", "CASE_FILE_NAME", "CASE_TEMPLATE", "CaseError", "CaseFile", "CaseProblem",
    "FieldSpec", "OUTCOMES", "TABLE_FIELDS", "empty_case", "find_case", "format_key_path",
    "load_case", "locate_keys", "normalise_amount", "normalise_date", "normalise_datetime",
    "normalise_rel_path", "parse_case", "write_case_template",
]


def without_passwords(case: CaseFile) -> CaseFile:
    """The case as it is sealed: no ``[[evidence]] password`` in its data or its text.

    A password only opens a file; sealing it would hand it to everyone the dossier reaches.
    In the text each such value becomes ``""`` on its own line (comments and line numbers
    stay); a text that does not then read back as the data (a password in an inline table,
    a multi-line string) is not sealed at all, only the data is.
    """
    notes = case.data.get("evidence") or []
    if not any(isinstance(n, dict) and "password" in n for n in notes):
        return case
    data = copy.deepcopy(case.data)
    for note in data["evidence"]:
        note.pop("password", None)
    text = case.text
    if text is not None:
        lines = text.split("\n")
        where = locate_keys(text)
        for index, note in enumerate(notes):
            line = where.get(("evidence", index, "password"))
            if "password" in note and line is not None:
                lines[line - 1] = _PASSWORD_LINE.sub(r'\1""', lines[line - 1])
        text = "\n".join(lines)
        try:
            if parse_case(text).data != data:
                text = None
        except BadInput:
            text = None
    return CaseFile(data=data, text=text, path=case.path)


_PASSWORD_LINE = re.compile(r"^(\s*password\s*=\s*).*$")


def sealed_case_matches(raw: bytes, case_data: object) -> bool:
    """Does a sealed case.toml parse (and normalise) to the case data recorded in the manifest?"""
    try:
        return parse_case(raw.decode("utf-8")).data == case_data
    except (UnicodeDecodeError, BadInput):
        return False
