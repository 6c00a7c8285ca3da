"""The verify report in words a non-expert understands, in the reader's language."""

from __future__ import annotations

from evidencekit.i18n import t
from evidencekit.verify import SignatureInfo, VerifyReport
from evidencekit.visible import visible

_COVERAGE = {"ENTIRE_FILE": "verdict.coverage.file", "ENTIRE_REVISION": "verdict.coverage.revision"}


def render_report(report: VerifyReport, lang: str) -> list[str]:
    """The verdict as lines; names, paths and notes from the file are shown with control, bidi
    and invisible characters made visible, so none can repaint or reorder another line."""
    headline = f"verdict.headline.{report.verdict}"
    if report.verdict == "untrusted-time" and len(report.signatures) == 1:
        headline = "verdict.headline.untrusted-time.single"
    lines = [t(headline, lang), "", t("verdict.file", lang, path=str(report.path))]
    if report.case_title:
        lines.append(t("verdict.case", lang, title=report.case_title))
    if report.public_copy:
        lines.append(t("verdict.public_copy", lang, id=report.dossier_id or "?", sealed=report.public_of or "?"))
    elif report.dossier_id:
        lines.append(t("verdict.dossier_id", lang, id=report.dossier_id))
    if report.items_total:
        lines.append(t("verdict.originals", lang, checked=report.items_checked, total=report.items_total))
    if report.items_not_embedded:
        lines.append(t("verdict.not_embedded", lang, n=report.items_not_embedded))
    for sig in report.signatures:
        lines.append("")
        lines += _signature_lines(sig, report, lang)
    if report.batch is not None and report.batch.problem is None:
        lines += ["", t("verdict.batch_member", lang, index=report.batch.index, size=report.batch.size,
                        root=report.batch.root, tsa=report.batch.tsa, time=report.batch.tsa_time)]
    fails = [f for f in report.findings if f.severity == "fail"]
    warns = [f for f in report.findings if f.severity != "fail"]
    if fails:
        lines += ["", t("verdict.found", lang)]
        lines += [f"  ✗ {f.message(lang)}" for f in fails]
    if warns:
        lines += ["", t("verdict.notes", lang)]
        lines += [f"  ! {f.message(lang)}" for f in warns]
    if any(s.self_signed and s.kind == "signature" for s in report.signatures) and report.verdict in (
            "valid", "untrusted-time"):
        lines += ["", t("verdict.self_signed_note", lang)]
    return [visible(line) for line in lines]


def _signature_lines(sig: SignatureInfo, report: VerifyReport, lang: str) -> list[str]:
    """Who, when (and on whose word), what it covers, and what was added before it."""
    ok = sig.intact and sig.valid
    if sig.kind == "document-timestamp":
        kind = t("verdict.kind.timestamp", lang)
    elif sig.index == 1:
        kind = t("verdict.kind.seal", lang)
    else:
        kind = t("verdict.kind.countersignature", lang)
    state = t("verdict.state.ok" if ok else "verdict.state.bad", lang)
    lines = [t("verdict.signature", lang, n=sig.index, kind=kind, field=sig.field, state=state)]
    if sig.changes_before and sig.index > 1:
        lines.append(t("verdict.added_since", lang, changes=list(sig.changes_before)))
    if sig.signer and sig.kind == "signature":
        lines.append(t("verdict.signer", lang, name=sig.signer))
        lines.append(t("verdict.identity", lang, trust=_trust_words(sig, report, lang)))
    if sig.fingerprint:
        lines.append(t("verdict.fingerprint", lang, fingerprint=sig.fingerprint))
    if sig.reason and not sig.reason.startswith("evidencekit dossier "):  # the seal's own reason repeats the id
        lines.append(t("verdict.note", lang, note=sig.reason))
    if sig.location:
        lines.append(t("verdict.location", lang, location=sig.location))
    lines.append(t("verdict.time", lang, time=_time_words(sig, report, lang)))
    if sig.coverage in _COVERAGE and ok:
        lines.append("  " + t(_COVERAGE[sig.coverage], lang))
    return lines


def _trust_words(sig: SignatureInfo, report: VerifyReport, lang: str) -> str:
    if sig.trusted:
        return t("verdict.trust.trusted", lang)
    if report.trust_anchors:
        return t("verdict.trust.not_trusted", lang)
    if sig.self_signed:
        return t("verdict.trust.self_signed", lang)
    return t("verdict.trust.issued_by", lang, issuer=sig.issuer or "?")


def _time_words(sig: SignatureInfo, report: VerifyReport, lang: str) -> str:
    if sig.tsa_time and sig.tsa_valid:
        if sig.tsa_trusted:
            trust = t("verdict.tsa.trusted", lang)
        elif report.trust_anchors:
            trust = t("verdict.tsa.not_trusted", lang)
        else:
            trust = t("verdict.tsa.unchecked", lang)
        return t("verdict.time.tsa", lang, time=sig.tsa_time, tsa=sig.tsa, trust=trust)
    if sig.tsa_time:
        return t("verdict.time.tsa_invalid", lang, tsa=sig.tsa)
    if sig.signing_time:
        return t("verdict.time.claimed", lang, time=sig.signing_time)
    return t("verdict.time.unknown", lang)
