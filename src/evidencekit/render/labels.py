"""Dossier labels in Chinese (default: every channel reads Chinese) and English."""

from __future__ import annotations

from evidencekit.terms import PROBLEM_LABELS, pick

LABELS: dict[str, dict[str, str]] = {
    # a party's own submission, not an authority's case file (卷宗)
    "dossier": {"zh": "证据材料汇编（电子版）", "en": "Evidence dossier"},
    "cover": {"zh": "封面", "en": "Cover"},
    "case_title": {"zh": "案件名称", "en": "Case"},
    "complainant": {"zh": "投诉人", "en": "Complainant"},
    "respondent": {"zh": "被投诉人", "en": "Respondent"},
    "problem": {"zh": "问题类型", "en": "Problem"},
    "amount": {"zh": "涉及金额", "en": "Amount"},
    "occurred_at": {"zh": "发生时间", "en": "Occurred at"},
    "channel": {"zh": "投诉渠道", "en": "Channel"},
    "dossier_id": {"zh": "材料编号（清单SHA-256）", "en": "Dossier id (SHA-256 of the manifest)"},
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
        "zh": "本材料内含全部原始文件（PDF附件，逐字节一致），每件的SHA-256与SM3摘要列于证据清单，"
              "整份文件以数字签名封存。封存后任何改动都可被发现。核验方法见最后一页“验证说明”。",
        "en": "This dossier carries every original file as a PDF attachment, byte for byte; the SHA-256 "
              "and SM3 digests of each are in the evidence list, and the whole file is sealed with a "
              "digital signature, so any change after sealing can be detected. See the last page, "
              "“How to verify”.",
    },
    "evidence_list": {"zh": "证据清单", "en": "Evidence list"},
    "evidence_list_note": {
        "zh": "依《最高人民法院关于民事诉讼证据的若干规定》第十九条：逐一编号，说明来源、证明对象和内容；"
              "页码为本材料中的页码，原件以附件形式逐字节附上。",
        "en": "Numbered item by item with source, what it proves and content (SPC Civil Evidence "
              "Provisions, Art. 19); pages are this document's, and each original is attached byte for byte.",
    },
    "col_no": {"zh": "序号", "en": "No."},
    "col_name": {"zh": "证据名称", "en": "Evidence"},
    "col_source": {"zh": "证据来源", "en": "Source"},
    "col_proves": {"zh": "证明对象", "en": "Proves"},
    "col_pages": {"zh": "页码", "en": "Pages"},
    "col_original": {"zh": "原件/复制件", "en": "Original / copy"},
    "col_digest": {"zh": "SHA-256", "en": "SHA-256"},
    "original": {"zh": "原件", "en": "original"},
    "copy": {"zh": "复制件", "en": "copy"},
    "formed": {"zh": "形成", "en": "made"},
    "submitter_signature": {"zh": "提交人（签名）：" + "\u3000" * 6, "en": "Submitted by (signature): ________________"},
    "submitted_on": {"zh": "提交日期：{date}", "en": "Date of submission: {date}"},
    "evidence_copies": {"zh": "证据材料的副本按对方当事人人数提交（第十九条）。",
                        "en": "Copies of the evidence are filed for each opposing party (Art. 19)."},
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
    "footer_id": {"zh": "材料编号 {id}", "en": "Dossier {id}"},
    "footer_exhibit": {"zh": "证据 {no} · SHA-256 {sha}", "en": "Exhibit {no} · SHA-256 {sha}"},
    "statement": {"zh": "投诉书", "en": "Complaint statement"},
    "timeline": {"zh": "时间线", "en": "Timeline"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    # bills
    "bill_title": {"zh": "账单明细", "en": "Bill transactions"},
    "bill_account": {"zh": "账户", "en": "Account"},
    "bill_name": {"zh": "户名", "en": "Name"},
    "bill_period": {"zh": "账单期间", "en": "Period"},
    "bill_exported": {"zh": "导出时间", "en": "Exported at"},
    "bill_format": {"zh": "格式", "en": "Format"},
    "bill_count": {"zh": "笔数", "en": "Transactions"},
    "bill_count_value": {"zh": "共 {n} 笔，其中争议 {d} 笔（★ 标出）", "en": "{n}, of which {d} disputed (marked ★)"},
    "bill_count_plain": {"zh": "共 {n} 笔", "en": "{n}"},
    "bill_disputed_title": {"zh": "争议交易（在下方明细中以 ★ 和底色标出）",
                            "en": "Disputed transactions (marked ★ and shaded in the table below)"},
    "bill_col_line": {"zh": "行", "en": "Line"},
    "bill_col_time": {"zh": "时间", "en": "Time"},
    "bill_col_what": {"zh": "交易对方 · 类型 · 商品", "en": "Counterparty · type · item"},
    "bill_col_dir": {"zh": "收/支", "en": "In/out"},
    "bill_col_amount": {"zh": "金额（元）", "en": "Amount"},
    "bill_col_status": {"zh": "状态 · 方式", "en": "Status · method"},
    "bill_col_ids": {"zh": "交易单号 / 商户单号", "en": "Transaction id / merchant order"},
    "bill_tx_prefix": {"zh": "交易", "en": "Tx"},
    "bill_mo_prefix": {"zh": "商户", "en": "Mo"},
    "bill_disputed_tag": {"zh": "★ 争议", "en": "★ disputed"},
    "bill_totals": {"zh": "合计", "en": "Totals"},
    "bill_totals_value": {"zh": "{n} 笔", "en": "{n} rows"},
    "bill_stated_mismatch": {"zh": "注意：文件自述的合计（{stated}）与逐笔相加（{computed}）不一致。",
                             "en": "Note: the totals the file states ({stated}) differ from the sum of its rows ({computed})."},
    "bill_line_note": {"zh": "“行”为原始文件中的行号；时间为北京时间（UTC+08:00）。",
                       "en": "“Line” is the line number in the original file; times are Beijing time (UTC+08:00)."},
    "bill_empty": {"zh": "未能从此文件中识别出交易明细，下面按原文显示。",
                   "en": "No transactions could be read from this file; it is shown as text below."},
    # chats
    "chat_title": {"zh": "聊天记录", "en": "Chat transcript"},
    "chat_participants": {"zh": "参与者", "en": "Participants"},
    "chat_range": {"zh": "时间范围", "en": "Time range"},
    "chat_count": {"zh": "消息数", "en": "Messages"},
    "chat_format": {"zh": "导出格式", "en": "Export format"},
    "chat_timezone": {"zh": "时区", "en": "Time zone"},
    "chat_system": {"zh": "系统消息", "en": "system"},
    "chat_attachment": {"zh": "附件", "en": "attachment"},
    "chat_points_to": {"zh": "→ 证据 {no}", "en": "→ exhibit {no}"},
    "chat_not_in_case": {"zh": "（不在本材料中）", "en": "(not in this dossier)"},
    "chat_me": {"zh": "（本人）", "en": "(me)"},
    "chat_unknown_time": {"zh": "（时间不详）", "en": "(time unknown)"},
    "chat_note": {"zh": "时间为北京时间（UTC+08:00）；灰色为系统消息；“→ 证据 E..”指向本材料中的同名文件。",
                  "en": "Times are Beijing time (UTC+08:00); grey lines are system messages; “→ exhibit E..” points at the file of that name in this dossier."},
    "chat_empty": {"zh": "未能从此文件中识别出消息，下面按原文显示。",
                   "en": "No messages could be read from this file; it is shown as text below."},
    # images and media
    "img_captured": {"zh": "拍摄时间", "en": "Taken"},
    "img_no_exif_time": {"zh": "无EXIF拍摄时间", "en": "no EXIF capture time"},
    "img_device": {"zh": "设备", "en": "Device"},
    "img_orientation": {"zh": "方向", "en": "Orientation"},
    "img_rotated": {"zh": "已旋转 {deg}° 正向显示", "en": "shown rotated {deg}° upright"},
    "img_mirrored": {"zh": "已镜像还原", "en": "mirror undone"},
    "img_pixels": {"zh": "像素", "en": "Pixels"},
    "img_gps": {"zh": "▲ 隐私提示：此图片含GPS定位信息（拍摄地点）。公开发布前请去除或打码。",
                "en": "▲ Privacy: this image carries a GPS location (where it was taken). Remove it before posting publicly."},
    "img_screenshot": {"zh": "截图", "en": "screenshot"},
    "media_format": {"zh": "格式", "en": "Format"},
    "media_codec": {"zh": "编码", "en": "Codec"},
    "media_duration": {"zh": "时长", "en": "Duration"},
    "media_estimated": {"zh": "（估算）", "en": " (estimated)"},
    "media_rate": {"zh": "采样率", "en": "Sample rate"},
    "media_channels": {"zh": "声道", "en": "Channels"},
    "media_unknown": {"zh": "未能识别", "en": "not recognised"},
    # timeline
    "timeline_note": {"zh": "按时间排列案件事件、沟通记录、争议交易、相关聊天消息和拍摄时间；每行指向证据编号或 case.toml（案件说明）。时间为北京时间（UTC+08:00）；只有日期的事件排在当天最前。",
                      "en": "Case events, contacts, disputed transactions, related chat messages and capture times in time order; each line points at its exhibit or at case.toml (the case description). Times are Beijing time (UTC+08:00); events with a date only come first on their day."},
    "tl_col_time": {"zh": "时间", "en": "Time"},
    "tl_col_event": {"zh": "事件", "en": "Event"},
    "tl_col_source": {"zh": "出处", "en": "Source"},
    "tl_occurred": {"zh": "问题发生", "en": "Problem occurred"},
    "tl_transaction": {"zh": "争议交易", "en": "Disputed transaction"},
    "tl_bill_row": {"zh": "账单记录（争议）", "en": "Bill row (disputed)"},
    "tl_contact": {"zh": "投诉/沟通", "en": "Contact"},
    "tl_ticket": {"zh": "编号", "en": "ticket"},
    "tl_outcome": {"zh": "结果", "en": "outcome"},
    "tl_chat": {"zh": "聊天", "en": "Chat"},
    "tl_captured": {"zh": "拍摄/截图", "en": "Photo/screenshot taken"},
    "tl_more_chat": {"zh": "证据 {no} 另有 {n} 条消息未列入时间线，见该证据。",
                     "en": "Exhibit {no} has {n} more messages not listed here; see the exhibit."},
    "tl_empty": {"zh": "没有可排入时间线的事件。", "en": "No events to put on the timeline."},
    # statement
    "st_masked": {"zh": "本投诉书已按公开渠道要求隐去个人信息（姓名、证件号、电话、地址、账号、单号部分位数）。",
                  "en": "Personal data in this statement is masked for a public channel (name, ID, phone, address, account, parts of order numbers)."},
    "st_before_submit": {"zh": "提交前请注意（仅供投诉人参考）", "en": "Before you submit (for the complainant)"},
    # escalation
    "escalation": {"zh": "升级投诉", "en": "Escalation"},
    "prior_complaints": {"zh": "前期投诉情况", "en": "Earlier complaints"},
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


CHANNEL_LABELS: dict[str, dict[str, str]] = {
    "platform": {"zh": "平台客服", "en": "the platform's customer service"},
    "social": {"zh": "社交媒体（黑猫投诉、微博等）", "en": "social media (Black Cat, Weibo)"},
    "consumer": {"zh": "12315 / 消费者协会", "en": "12315 / consumer association"},
    "pboc": {"zh": "中国人民银行 12363", "en": "People's Bank of China, 12363"},
    "nfra": {"zh": "国家金融监督管理总局 12378", "en": "NFRA, 12378"},
    "police": {"zh": "公安机关（110 / 派出所）", "en": "police (110 / police station)"},
    "mediation": {"zh": "调解组织（金融纠纷调解、法院调解平台、消协）", "en": "mediation (financial mediation bodies, court platform, consumer association)"},
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
    pair = PROBLEM_LABELS.get(problem)
    return pick(pair, lang) if pair else problem


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
