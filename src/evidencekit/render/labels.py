"""Dossier labels in Chinese (default: every channel reads Chinese) and English."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "dossier": {"zh": "电子证据卷宗", "en": "Evidence dossier"},
    "cover": {"zh": "封面", "en": "Cover"},
    "case_title": {"zh": "案件名称", "en": "Case"},
    "complainant": {"zh": "投诉人", "en": "Complainant"},
    "respondent": {"zh": "被投诉人", "en": "Respondent"},
    "problem": {"zh": "问题类型", "en": "Problem"},
    "amount": {"zh": "涉及金额", "en": "Amount"},
    "occurred_at": {"zh": "发生时间", "en": "Occurred at"},
    "channel": {"zh": "投诉渠道", "en": "Channel"},
    "dossier_id": {"zh": "卷宗编号（清单SHA-256）", "en": "Dossier id (SHA-256 of the manifest)"},
    "sealed_at": {"zh": "封存时间", "en": "Sealed at"},
    "time_source": {"zh": "时间来源", "en": "Time source"},
    "local_clock": {"zh": "封存人电脑时钟（仅为封存人声明，未经第三方证明）",
                    "en": "the sealer's computer clock (the sealer's claim, not attested by a third party)"},
    "tsa": {"zh": "可信时间戳服务（TSA）", "en": "a trusted timestamp authority (TSA)"},
    "signer": {"zh": "封存签名人", "en": "Sealed by"},
    "fingerprint": {"zh": "证书指纹（SHA-256）", "en": "Certificate fingerprint (SHA-256)"},
    "items_count": {"zh": "证据数量", "en": "Evidence items"},
    "total_size": {"zh": "原始文件总大小", "en": "Total size of originals"},
    "not_given": {"zh": "（未填写）", "en": "(not given)"},
    "cover_note": {
        "zh": "本卷宗内含全部原始文件（PDF附件，逐字节一致），每件的SHA-256与SM3摘要列于证据清单，"
              "整份文件以数字签名封存。封存后任何改动都可被发现。核验方法见最后一页“验证说明”。",
        "en": "This dossier carries every original file as a PDF attachment, byte for byte; the SHA-256 "
              "and SM3 digests of each are in the evidence list, and the whole file is sealed with a "
              "digital signature, so any change after sealing can be detected. See the last page, "
              "“How to verify”.",
    },
    "evidence_list": {"zh": "证据清单", "en": "Evidence list"},
    "evidence_list_note": {
        "zh": "依《最高人民法院关于民事诉讼证据的若干规定》第十九条：逐一编号，说明来源、证明对象和内容。",
        "en": "Numbered item by item with source, what it proves and content (SPC Civil Evidence "
              "Provisions, Art. 19).",
    },
    "col_no": {"zh": "编号", "en": "No."},
    "col_file": {"zh": "文件与来源", "en": "File and source"},
    "col_proves": {"zh": "证明对象", "en": "Proves"},
    "col_meta": {"zh": "类型 · 大小 · 形成时间", "en": "Kind · size · captured"},
    "col_digest": {"zh": "SHA-256", "en": "SHA-256"},
    "skipped_title": {"zh": "未纳入的文件", "en": "Files not included"},
    "exhibits": {"zh": "证据", "en": "Exhibits"},
    "exhibit": {"zh": "证据", "en": "Exhibit"},
    "file": {"zh": "文件", "en": "File"},
    "kind": {"zh": "类型", "en": "Kind"},
    "mime": {"zh": "格式", "en": "Format"},
    "size": {"zh": "大小", "en": "Size"},
    "sha256": {"zh": "SHA-256", "en": "SHA-256"},
    "sm3": {"zh": "SM3", "en": "SM3"},
    "captured_at": {"zh": "形成/拍摄时间", "en": "Captured at"},
    "source": {"zh": "来源", "en": "Source"},
    "proves": {"zh": "证明对象", "en": "Proves"},
    "warnings": {"zh": "提示", "en": "Notes"},
    "page_of": {"zh": "第 {n} / {total} 页", "en": "page {n} / {total}"},
    "pdf_page": {"zh": "原文件第 {n} / {total} 页", "en": "page {n} of {total} of the original"},
    "card_note": {
        "zh": "此文件无法在页面上显示，原始文件已作为附件完整封存，可用 evidencekit extract 或任何PDF阅读器的附件面板取出。",
        "en": "This file cannot be shown on a page; the original is sealed in full as an attachment. "
              "Take it out with `evidencekit extract` or any PDF reader's attachments panel.",
    },
    "text_truncated": {"zh": "（以下省略，全文见附件）", "en": "(truncated here; the full text is in the attachment)"},
    "how_to_verify": {"zh": "验证说明", "en": "How to verify"},
    "footer_id": {"zh": "卷宗 {id}", "en": "Dossier {id}"},
    "footer_exhibit": {"zh": "证据 {no} · SHA-256 {sha}", "en": "Exhibit {no} · SHA-256 {sha}"},
    "statement": {"zh": "投诉书", "en": "Complaint statement"},
    "timeline": {"zh": "时间线", "en": "Timeline"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
}

KIND_LABELS: dict[str, dict[str, str]] = {
    "screenshot": {"zh": "截图", "en": "screenshot"},
    "photo": {"zh": "照片", "en": "photo"},
    "receipt": {"zh": "凭证/回单", "en": "receipt"},
    "bill": {"zh": "账单", "en": "bill"},
    "chat": {"zh": "聊天记录", "en": "chat"},
    "recording": {"zh": "录音", "en": "recording"},
    "video": {"zh": "视频", "en": "video"},
    "document": {"zh": "文档", "en": "document"},
    "other": {"zh": "其他", "en": "other"},
}

PROBLEM_LABELS: dict[str, dict[str, str]] = {
    "payment_failed": {"zh": "支付失败", "en": "payment failed"},
    "funds_not_received": {"zh": "款项未到账", "en": "funds not received"},
    "account_stolen": {"zh": "账户被盗", "en": "account stolen"},
    "account_frozen": {"zh": "账户冻结", "en": "account frozen"},
    "topup_not_credited": {"zh": "充值未到账", "en": "top-up not credited"},
    "other": {"zh": "其他", "en": "other"},
}

CHANNEL_LABELS: dict[str, dict[str, str]] = {
    "platform": {"zh": "平台客服", "en": "the platform's customer service"},
    "social": {"zh": "社交媒体（黑猫投诉、微博等）", "en": "social media (Black Cat, Weibo)"},
    "consumer": {"zh": "12315 / 消费者协会", "en": "12315 / consumer association"},
    "pboc": {"zh": "中国人民银行 12363", "en": "People's Bank of China, 12363"},
    "nfra": {"zh": "国家金融监督管理总局 12378", "en": "NFRA, 12378"},
    "police": {"zh": "公安机关 110 / 96110", "en": "police, 110 / 96110"},
    "court": {"zh": "人民法院（含互联网法院）", "en": "court (incl. internet courts)"},
}


def label(key: str, lang: str, **fmt: object) -> str:
    text = LABELS[key].get(lang) or LABELS[key]["zh"]
    return text.format(**fmt) if fmt else text


def kind_label(kind: str, lang: str) -> str:
    return KIND_LABELS.get(kind, KIND_LABELS["other"]).get(lang, kind)


def problem_label(problem: str | None, lang: str) -> str | None:
    if not problem:
        return None
    return PROBLEM_LABELS.get(problem, {}).get(lang, problem)


def channel_label(channel: str | None, lang: str) -> str | None:
    if not channel:
        return None
    return CHANNEL_LABELS.get(channel, {}).get(lang, channel)


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"
