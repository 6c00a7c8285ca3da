"""countersign: a receipt (e.g. a legal aide's) added to a sealed dossier as one more
signature, in an incremental update: a chain of custody.

The dossier is checked first: countersigning a dossier that is already tampered with
would lend it credibility, so that is refused (exit 4). The new signature goes into a
copy beside the file; the copy's signatures are re-checked from the bytes; only then
does it replace the original in one rename. A failure at any point leaves the input
exactly as it was.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidencekit.clock import Clock, iso, system_clock
from evidencekit.errors import BadInput, SigningFailed, VerificationFailed
from evidencekit.fileio import atomic_output, output_exists
from evidencekit.i18n import msg
from evidencekit.identity import Identity
from evidencekit.pdf.rawsig import scan_signatures
from evidencekit.seal import seal_in_place
from evidencekit.timestamping import make_timestamper, probe
from evidencekit.verify import VerifyReport, verify_dossier

log = logging.getLogger("evidencekit")

FIELD_PREFIX = "evidencekit-countersign-"
DEFAULT_NOTE = "received / 已接收"


@dataclass
class CountersignResult:
    output: Path
    field: str
    signer: str
    fingerprint: str
    time: str
    note: str
    tsa: dict[str, Any] | None
    signatures: int
    warnings: list[str] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__, output=str(self.output))


def countersign(dossier: Path, identity: Identity, *, note: str | None = None, tsa_url: str | None = None,
                output: Path | None = None, clock: Clock = system_clock,
                trust: list[Any] | None = None) -> CountersignResult:
    """Add a countersignature to ``dossier`` (in place, or into ``output``)."""
    dossier = Path(dossier)
    target = Path(output).absolute() if output else dossier.absolute()
    if output and output_exists(target) and target.resolve() != dossier.resolve():
        raise BadInput(msg("err.exists", path=str(target)), msg("err.exists.hint_countersign"))
    note = (note or DEFAULT_NOTE).strip()
    if not note or len(note) > 500:
        raise BadInput(msg("err.note_length"), msg("err.note_length.hint"))

    before = verify_dossier(dossier, trust)
    if before.verdict not in ("valid", "untrusted-time"):
        raise VerificationFailed(msg("err.countersign_not_valid", path=str(dossier), verdict=before.verdict),
                                 msg("err.run_verify_found.hint"))
    field_name = _next_field(before)
    timestamper = make_timestamper(tsa_url) if tsa_url else None
    tsa_info = probe(timestamper) if timestamper is not None else None
    now = clock()

    # in place: the countersigned copy replaces the dossier; with -o it never clobbers a file
    in_place = not output or target.resolve() == dossier.resolve()
    with atomic_output(target, force=in_place, mode=os.stat(dossier).st_mode & 0o777) as out:
        with out.file as copy, open(dossier, "rb") as src:
            shutil.copyfileobj(src, copy, 1 << 20)
        seal_in_place(out.path, identity, signing_time=now, document_id=None, reason=note,
                      timestamper=timestamper, field_name=field_name)
        raw = scan_signatures(out.path)
        if len(raw) != len(before.signatures) + 1 or not all(sig.digest_matches for sig in raw):
            raise SigningFailed(msg("err.countersign_check", path=str(dossier)), msg("err.report.hint"))
    return CountersignResult(
        output=target, field=field_name, signer=identity.name, fingerprint=identity.fingerprint,
        time=iso(now), note=note,
        tsa=({"url": tsa_info["url"], "name": tsa_info["name"]} if tsa_info else None),
        signatures=len(raw),
    )


def _next_field(report: VerifyReport) -> str:
    used = [int(m.group(1)) for s in report.signatures
            if (m := re.fullmatch(re.escape(FIELD_PREFIX) + r"(\d+)", s.field or ""))]
    return f"{FIELD_PREFIX}{max(used, default=0) + 1}"
