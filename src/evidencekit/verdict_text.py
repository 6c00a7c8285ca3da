"""The verify report in words a non-expert understands (zh and en)."""

from __future__ import annotations

from evidencekit.verify import SignatureInfo, VerifyReport
from evidencekit.visible import visible

HEADLINES = {
    "valid": ("有效：卷宗自封存以来没有被改动，每个签名的时间都由时间戳机构（TSA）证明。",
              "VALID: the dossier has not changed since it was sealed, and a timestamp authority (TSA) attests "
              "the time of every signature."),
    "untrusted-time": ("有效：卷宗自封存以来没有被改动。（注意：并非每个签名的时间都有时间戳机构证明；没有时间戳的，时间只是签名人自己的声明。）",
                       "VALID: the dossier has not changed since it was sealed. (Note: not every signature's time is "
                       "attested by a timestamp authority; where it is not, the time is only the signer's own claim.)"),
    "untrusted-signer": ("完好但不可信：卷宗自封存以来没有被改动，但封存签名不是由您用 --trust 指定信任的任何人做出的。",
                         "INTACT BUT NOT TRUSTED: the dossier has not changed since it was sealed, but the seal was not "
                         "made by anyone you trust with --trust."),
    "tampered": ("无效：卷宗在封存后被改动或损坏，不能作为未经篡改的证据使用。",
                 "TAMPERED: the dossier was changed or damaged after sealing; it cannot be relied on as unaltered."),
    "incomplete": ("不完整：卷宗缺少部分原始文件或清单，无法确认其完整性。",
                   "INCOMPLETE: originals or the manifest are missing, so the dossier cannot be confirmed whole."),
}

SINGLE_UNTRUSTED_TIME = (
    "有效：卷宗自封存以来没有被改动。（注意：封存时间只是封存人电脑时钟的声明，没有时间戳机构证明。）",
    "VALID: the dossier has not changed since it was sealed. (Note: the sealing time is only the sealer's own "
    "clock's claim; no timestamp authority attests it.)",
)

SELF_SIGNED_NOTE = (
    "说明：封存证书是封存人自己生成的（自签名）。它证明文件封存后未被改动，但不能证明封存人的真实身份；"
    "自签名证书难以证明签名制作数据专属于并仅由签名人控制（《电子签名法》第十三条第一、二项），"
    "一般不能据此认定为可靠的电子签名。请向对方核对证书指纹。",
    "Note: the seal's certificate was made by the sealer (self-signed). It proves the file has not changed "
    "since sealing, but not who the sealer is; a self-signed certificate can hardly show that the key belonged "
    "to and was controlled only by the signer (Art. 13(1)(2) of the PRC Electronic Signature Law), so it is "
    "generally not shown to be a reliable electronic signature. Compare the certificate fingerprint with the sender.",
)


def render_report(report: VerifyReport, lang: str) -> list[str]:
    """The verdict as lines; names, paths and notes from the file are shown with control, bidi
    and invisible characters made visible, so none can repaint or reorder another line."""
    zh = lang == "zh"
    pick = (lambda pair: pair[0] if zh else pair[1])  # noqa: E731 - a one-line closure over zh
    headline = HEADLINES[report.verdict]
    if report.verdict == "untrusted-time" and len(report.signatures) == 1:
        headline = SINGLE_UNTRUSTED_TIME
    lines = [pick(headline), ""]
    lines.append(("文件：" if zh else "File: ") + str(report.path))
    if report.case_title:
        lines.append(("案件：" if zh else "Case: ") + report.case_title)
    if report.dossier_id:
        lines.append(("卷宗编号：" if zh else "Dossier id: ") + report.dossier_id)
    if report.items_total:
        lines.append(f"原始文件：{report.items_checked} / {report.items_total} 件逐一重新计算摘要，与清单一致"
                      if zh else f"Originals: {report.items_checked} of {report.items_total} re-hashed and "
                      "matching the manifest")
    for sig in report.signatures:
        lines.append("")
        lines += _signature_lines(sig, report, zh)
    fails = [f for f in report.findings if f.severity == "fail"]
    warns = [f for f in report.findings if f.severity != "fail"]
    if fails:
        lines += ["", "发现的问题：" if zh else "What was found:"]
        lines += [f"  ✗ {f.message(lang)}" for f in fails]
    if warns:
        lines += ["", "提示：" if zh else "Notes:"]
        lines += [f"  ! {f.message(lang)}" for f in warns]
    if any(s.self_signed and s.kind == "signature" for s in report.signatures) and report.verdict in (
            "valid", "untrusted-time"):
        lines += ["", pick(SELF_SIGNED_NOTE)]
    return [visible(line) for line in lines]


def _signature_lines(sig: SignatureInfo, report: VerifyReport, zh: bool) -> list[str]:
    """Who, when (and on whose word), what it covers, and what was added before it."""
    lines: list[str] = []
    ok = sig.intact and sig.valid
    if sig.kind == "document-timestamp":
        kind = "文档时间戳" if zh else "Document timestamp"
    elif sig.index == 1:
        kind = "封存签名" if zh else "Seal"
    else:
        kind = "加签" if zh else "Countersignature"
    state = ("完整有效" if zh else "intact and valid") if ok else ("无效" if zh else "NOT valid")
    lines.append(f"{sig.index}. {kind}（{sig.field}）：{state}" if zh else f"{sig.index}. {kind} ({sig.field}): {state}")
    if sig.changes_before and sig.index > 1:
        added = "；".join(_change_zh(c) for c in sig.changes_before) if zh else "; ".join(sig.changes_before)
        lines.append(("  此前一个签名之后新增：" if zh else "  Added since the previous signature: ") + added)
    if sig.signer and sig.kind == "signature":
        lines.append(("  签名人：" if zh else "  Signer: ") + sig.signer)
        lines.append(("  身份：" if zh else "  Identity: ") + _trust_words(sig, report, zh))
    if sig.fingerprint:
        lines.append(("  证书指纹 SHA-256：" if zh else "  Certificate SHA-256: ") + sig.fingerprint)
    if sig.reason and not sig.reason.startswith("evidencekit dossier "):  # the seal's own reason repeats the id
        lines.append(("  说明：" if zh else "  Note: ") + sig.reason)
    if sig.location:
        lines.append(("  地点：" if zh else "  Location: ") + sig.location)
    lines.append(("  时间：" if zh else "  Time: ") + _time_words(sig, report, zh))
    coverage = {"ENTIRE_FILE": ("覆盖整个文件", "covers the whole file"),
                "ENTIRE_REVISION": ("覆盖它所在的文件版本，之后只追加了签名或时间戳",
                                    "covers its revision; only signatures or timestamps were added after it")
                }.get(sig.coverage)
    if coverage and ok:
        lines.append("  " + (coverage[0] if zh else coverage[1]))
    return lines


def _trust_words(sig: SignatureInfo, report: VerifyReport, zh: bool) -> str:
    if sig.trusted:
        return "可信：证书链接到所给的信任根（--trust）" if zh else "trusted: the certificate chains to a --trust anchor"
    if report.trust_anchors:
        return ("不可信：证书不能链接到所给的信任根（--trust）" if zh
                else "NOT trusted: the certificate does not chain to the given --trust anchors")
    if sig.self_signed:
        return ("自签名：签名人自己生成的证书，身份未经第三方确认（可用 --trust 指定对方证书）" if zh
                else "self-signed: a certificate the signer made; no third party confirms who it is "
                "(pass the signer's certificate with --trust)")
    issuer = sig.issuer or "?"
    return (f"证书由 {issuer} 签发；未核验（用 --trust 指定该机构的根证书）" if zh
            else f"certificate issued by {issuer}; not checked (pass that CA's certificate with --trust)")


def _time_words(sig: SignatureInfo, report: VerifyReport, zh: bool) -> str:
    if sig.tsa_time and sig.tsa_valid:
        if sig.tsa_trusted:
            trust = "该机构可信：链接到 --trust 信任根" if zh else "the TSA is trusted: it chains to a --trust anchor"
        elif report.trust_anchors:
            trust = "该机构不能链接到所给的信任根" if zh else "the TSA does NOT chain to the given --trust anchors"
        else:
            trust = ("未核验该机构的身份：可用 --trust 指定其根证书" if zh
                     else "the TSA's identity was not checked: pass its CA certificate with --trust")
        return (f"{sig.tsa_time}，由时间戳机构 {sig.tsa} 证明（令牌摘要与签名均核对一致；{trust}）" if zh
                else f"{sig.tsa_time}, attested by timestamp authority {sig.tsa} (token imprint and signature "
                f"check out; {trust})")
    if sig.tsa_time:
        return (f"时间戳机构 {sig.tsa} 的时间戳无效" if zh else f"the timestamp by {sig.tsa} is NOT valid")
    if sig.signing_time:
        return (f"{sig.signing_time}（仅为签名人电脑时钟的声明，没有时间戳）" if zh
                else f"{sig.signing_time} (asserted by the signer's own clock; no timestamp)")
    return "未知" if zh else "unknown"


def _change_zh(change: str) -> str:
    """verify records changes in English (they are also JSON); say the usual ones in Chinese."""
    if change.startswith("signature field "):
        return "签名字段 " + change[len("signature field "):]
    if change == "validation data (DSS)":
        return "验证数据（DSS）"
    if change.startswith("changes that are not signatures or timestamps"):
        return "不是签名或时间戳的改动" + change[len("changes that are not signatures or timestamps"):]
    return change
