"""The verify report in words a non-expert understands (zh and en)."""

from __future__ import annotations

from evidencekit.verify import VerifyReport

HEADLINES = {
    "valid": ("有效：卷宗自封存以来没有被改动，封存时间由可信时间戳证明。",
              "VALID: the dossier has not changed since it was sealed, and a trusted timestamp attests when."),
    "untrusted-time": ("有效：卷宗自封存以来没有被改动。（注意：封存时间只是封存人自己的声明，没有可信时间戳证明。）",
                       "VALID: the dossier has not changed since it was sealed. (Note: the sealing time is only "
                       "the sealer's own claim; no trusted timestamp attests it.)"),
    "tampered": ("无效：卷宗在封存后被改动或损坏，不能作为未经篡改的证据使用。",
                 "TAMPERED: the dossier was changed or damaged after sealing; it cannot be relied on as unaltered."),
    "incomplete": ("不完整：卷宗缺少部分原始文件或清单，无法确认其完整性。",
                   "INCOMPLETE: originals or the manifest are missing, so the dossier cannot be confirmed whole."),
}

SELF_SIGNED_NOTE = (
    "说明：封存证书是封存人自己生成的（自签名）。它证明文件封存后未被改动，但不能证明封存人的真实身份，"
    "也不是《电子签名法》第十三条所称的“可靠的电子签名”。请向对方核对证书指纹。",
    "Note: the seal's certificate was made by the sealer (self-signed). It proves the file has not changed "
    "since sealing, but not who the sealer is, and it is not a reliable electronic signature under Art. 13 "
    "of the PRC Electronic Signature Law. Compare the certificate fingerprint with the sender.",
)


def render_report(report: VerifyReport, lang: str) -> list[str]:
    zh = lang == "zh"
    pick = (lambda pair: pair[0] if zh else pair[1])
    lines = [pick(HEADLINES[report.verdict]), ""]
    lines.append(("文件：" if zh else "File: ") + str(report.path))
    if report.case_title:
        lines.append(("案件：" if zh else "Case: ") + report.case_title)
    if report.dossier_id:
        lines.append(("卷宗编号：" if zh else "Dossier id: ") + report.dossier_id)
    if report.items_total:
        lines.append((f"原始文件：{report.items_checked} / {report.items_total} 件逐一重新计算摘要，与清单一致"
                      if zh else f"Originals: {report.items_checked} of {report.items_total} re-hashed and "
                      "matching the manifest"))
    for sig in report.signatures:
        lines.append("")
        kind = ("文档时间戳" if zh else "Document timestamp") if sig.kind == "document-timestamp" else (
            ("签名" if zh else "Signature"))
        ok = sig.intact and sig.valid
        state = ("完整有效" if zh else "intact and valid") if ok else ("无效" if zh else "NOT valid")
        lines.append(f"{kind} {sig.index}（{sig.field}）：{state}" if zh else f"{kind} {sig.index} ({sig.field}): {state}")
        if sig.signer:
            trust = ("可信（链接到 --trust 信任根）" if sig.trusted else ("自签名" if sig.self_signed else "未验证身份")) if zh \
                else ("trusted (chains to a --trust anchor)" if sig.trusted else ("self-signed" if sig.self_signed
                                                                                  else "identity not verified"))
            lines.append(("  签名人：" if zh else "  Signer: ") + f"{sig.signer}（{trust}）" if zh
                         else f"  Signer: {sig.signer} ({trust})")
        if sig.fingerprint:
            lines.append(("  证书指纹 SHA-256：" if zh else "  Certificate SHA-256: ") + sig.fingerprint)
        if sig.tsa_time:
            lines.append((f"  时间：{sig.tsa_time}，由时间戳机构 {sig.tsa} 证明" if zh
                          else f"  Time: {sig.tsa_time}, attested by timestamp authority {sig.tsa}"))
        elif sig.signing_time:
            lines.append((f"  时间：{sig.signing_time}（签名人电脑时钟的声明）" if zh
                          else f"  Time: {sig.signing_time} (asserted by the signer's own clock)"))
        coverage = {"ENTIRE_FILE": ("覆盖整个文件", "covers the whole file"),
                    "ENTIRE_REVISION": ("覆盖它所在的文件版本，之后只追加了签名或时间戳", "covers its revision; only "
                                        "signatures or timestamps were added after it")}.get(sig.coverage)
        if coverage and ok:
            lines.append("  " + pick(coverage))
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
    return lines
