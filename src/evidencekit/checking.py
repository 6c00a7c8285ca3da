"""check_dossier: a case folder (pre-flight) or a sealed dossier against a channel's requirements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from evidencekit.case import CaseFile, empty_case, parse_case
from evidencekit.channels import channel_ids, check_all, check_case, get_channel
from evidencekit.channels.check import CheckReport
from evidencekit.errors import BadInput, CannotVerify
from evidencekit.i18n import msg, os_reason
from evidencekit.inspection import inspect_folder
from evidencekit.layout import CASE_NAME, MANIFEST_NAME
from evidencekit.manifest import parse_manifest
from evidencekit.pdf.attachments import embedded_files, stream_ref


@dataclass
class CheckOutcome:
    target: Path
    sealed: bool
    reports: dict[str, CheckReport]

    @property
    def ok(self) -> bool:
        return all(report.ok for report in self.reports.values())

    def to_dict(self) -> dict[str, Any]:
        return {"target": str(self.target), "sealed": self.sealed, "ok": self.ok,
                "channels": {cid: report.to_dict() for cid, report in self.reports.items()}}


def read_sealed_case(dossier: Path) -> tuple[CaseFile, list[dict[str, Any]], dict[str, Any]]:
    """The case and manifest items sealed inside a dossier (read, not verified: use verify for that)."""
    from pyhanko.pdf_utils.reader import PdfFileReader


    try:
        with open(dossier, "rb") as f:
            reader = PdfFileReader(f, strict=False)
            files = embedded_files(reader.root)
            if MANIFEST_NAME not in files:
                raise CannotVerify(msg("err.no_manifest", path=str(dossier)), msg("err.check_takes.hint"))
            manifest = parse_manifest(bytes(stream_ref(files[MANIFEST_NAME]).get_object().data))
            case_raw = bytes(stream_ref(files[CASE_NAME]).get_object().data) if CASE_NAME in files else None
    except OSError as exc:
        raise BadInput(msg("err.cannot_open", path=str(dossier), reason=os_reason(exc)),
                       msg("err.cannot_open.hint")) from exc
    except CannotVerify:
        raise
    except Exception as exc:
        raise CannotVerify(msg("err.unreadable_dossier", path=str(dossier), detail=str(exc)),
                           msg("err.check_takes.hint")) from exc
    if case_raw:
        case = parse_case(case_raw.decode("utf-8"), f"{dossier.name}:case.toml")
    elif manifest.get("case"):  # a public dossier seals only the masked case data
        case = CaseFile(data=manifest["case"])
    else:
        case = empty_case()
    return case, list(manifest["items"]), manifest


def check_dossier(target: Path, channel: str, today: date, lang: str = "zh") -> CheckOutcome:
    """Check ``target`` (a folder or a sealed dossier) for one channel id, or ``"all"``."""
    target = Path(target)
    if target.is_dir():
        inspection = inspect_folder(target, require_files=False)
        case, items, timestamped, sealed = (
            inspection.case, [i.manifest_entry() for i in inspection.items], False, False)
    elif target.is_file():
        case, items, manifest = read_sealed_case(target)
        timestamped, sealed = manifest.get("time_source") == "tsa", True
    else:
        raise BadInput(msg("err.no_such_target", path=str(target)), msg("err.no_such_target.hint"))
    if channel == "all":
        reports = check_all(case, items, today, lang, timestamped=timestamped)
    else:
        get_channel(channel)
        reports = {channel: check_case(case, items, channel, today, lang, timestamped=timestamped)}
    return CheckOutcome(target, sealed, reports)


__all__ = ["CheckOutcome", "check_dossier", "read_sealed_case", "channel_ids"]
