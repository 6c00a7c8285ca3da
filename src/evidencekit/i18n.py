"""Every user-facing text in one catalog: a code, a Chinese and an English template.

Messages travel as data — a :class:`Message` is a code and its parameters — and are
rendered only when shown, in the reader's language: stderr in the user's, a dossier's
pages in the dossier's, ``--json`` in both (with the code, for scripts).

Why a typed Python table and not gettext/Babel ``.po``/``.mo`` catalogs (the ecosystem's
convention): there are exactly two languages and both are first-class (Chinese is the
default, so there is no "source language" whose text doubles as the message id — the
very thing that made ``verify.py``'s old table keyed by English sentences break
silently); a dict needs no ``.mo`` build step in the wheel or in a checkout; a test
checks every code has both texts with the same placeholders and that every code used in
``src/`` exists (``tests/test_i18n.py``); and a code is one grep away from its texts.
Templates use ``str.format`` placeholders.

The language of a run: ``--lang``, else ``EVIDENCEKIT_LANG``, else the locale
(``LC_ALL``, then ``LC_MESSAGES``, then ``LANG``: ``zh_CN.UTF-8`` → zh, any other named
language → en), else zh.
"""

from __future__ import annotations

import os
import string
from dataclasses import dataclass, field
from typing import Any, Literal, Mapping

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
DEFAULT_LANG: Lang = "zh"


@dataclass(frozen=True)
class Message:
    """A message as data: its catalog code and parameters, rendered at display time.

    A parameter may itself be a Message (rendered in the same language) or a list or
    tuple (its parts rendered and joined as the language joins a list).
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return t(self.code, lang, **self.params)

    def to_dict(self) -> dict[str, Any]:
        """``{"code", "params", "zh", "en"}``: what ``--json`` carries."""
        return {"code": self.code, "params": _plain(self.params), "zh": self.text("zh"), "en": self.text("en")}

    def as_code(self) -> dict[str, Any]:
        """``{"code", "params"}`` only, JSON-safe: what a manifest seals."""
        return {"code": self.code, "params": _plain(self.params)}

    @classmethod
    def from_code(cls, data: Mapping[str, Any]) -> "Message":
        """The inverse of :meth:`as_code` (nested messages come back as messages)."""
        return cls(str(data.get("code")), {k: _unplain(v) for k, v in dict(data.get("params") or {}).items()})

    def __str__(self) -> str:  # logs and exceptions that are not localised read English
        return self.text("en")

    def __hash__(self) -> int:
        return hash((self.code, repr(sorted(self.params.items(), key=lambda kv: kv[0]))))


def msg(code: str, **params: Any) -> Message:
    """A message to render later: ``msg("err.not_a_folder", path=str(p))``."""
    return Message(code, params)


def t(code: str, lang: str, **params: Any) -> str:
    """The text of ``code`` in ``lang`` ("en" is English, anything else Chinese).

    An unknown code or a missing parameter never raises — a message must not hide the
    error it reports — but shows the code or the placeholder; the catalog test keeps
    both from happening.
    """
    lang = "en" if lang == "en" else "zh"
    pair = CATALOG.get(code)
    if pair is None:
        shown = ", ".join(f"{k}={_render(v, lang)}" for k, v in params.items())
        return f"{code}({shown})" if shown else code
    template = pair[1] if lang == "en" else pair[0]
    return string.Formatter().vformat(template, (), _Params({k: _render(v, lang) for k, v in params.items()}))


def placeholders(template: str) -> set[str]:
    """The parameter names a template uses (``{n}``, ``{size:.1f}`` → ``n``, ``size``)."""
    names = set()
    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None:
            names.add(name.split(".")[0].split("[")[0])
    return names


def resolve_lang(flag: str | None = None, environ: Mapping[str, str] | None = None) -> Lang:
    """The language of a run: the flag, ``EVIDENCEKIT_LANG``, the locale, or zh.

    Of the locale variables the first set one of ``LC_ALL``, ``LC_MESSAGES``, ``LANG``
    decides, as for every POSIX program; ``zh…`` is Chinese, another named language is
    English, and ``C``/``POSIX`` say nothing (zh, the default).
    """
    if flag in LANGS:
        return flag  # type: ignore[return-value]
    env = os.environ if environ is None else environ
    chosen = (env.get("EVIDENCEKIT_LANG") or "").strip().lower()
    if chosen in LANGS:
        return chosen  # type: ignore[return-value]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = (env.get(name) or "").strip()
        if value:
            return _locale_lang(value)
    return DEFAULT_LANG


def _locale_lang(value: str) -> Lang:
    language = value.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
    if language in ("", "c", "posix"):
        return DEFAULT_LANG
    return "zh" if language == "zh" else "en"


class _Params(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _render(value: Any, lang: str) -> Any:
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, (list, tuple)):
        return ("、" if lang == "zh" else ", ").join(str(_render(v, lang)) for v in value)
    return value


def _plain(value: Any) -> Any:
    """JSON-safe parameters: nested messages as ``{"code", "params"}``, paths as text."""
    if isinstance(value, Message):
        return value.as_code()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _unplain(value: Any) -> Any:
    if isinstance(value, Mapping) and set(value) == {"code", "params"}:
        return Message.from_code(value)
    if isinstance(value, list):
        return [_unplain(v) for v in value]
    return value


#: code → (Chinese template, English template). Codes are dotted: ``label.*`` dossier page
#: labels, ``kind.*``, ``channel.*``, ``field.*``, ``problem.*``, ``outcome.*`` names,
#: ``help.*`` the command line's help, ``cli.*`` its messages, ``err.*`` errors and their
#: hints, ``skip.*`` why a file is not bundled, ``warn.*`` what an extractor noticed in a
#: file, ``verify.*`` verify's findings and report.
CATALOG: dict[str, tuple[str, str]] = {
    # ---- dossier page labels (render/labels.py label(key))
    "label.dossier": ("证据材料汇编（电子版）", "Evidence dossier"),
    "label.cover": ("封面", "Cover"),
    "label.case_title": ("案件名称", "Case"),
    "label.complainant": ("投诉人", "Complainant"),
    "label.respondent": ("被投诉人", "Respondent"),
    "label.problem": ("问题类型", "Problem"),
    "label.amount": ("涉及金额", "Amount"),
    "label.occurred_at": ("发生时间", "Occurred at"),
    "label.channel": ("投诉渠道", "Channel"),
    "label.dossier_id": ("材料编号（清单SHA-256）", "Dossier id (SHA-256 of the manifest)"),
    "label.sealed_at": ("封存时间", "Sealed at"),
    "label.time_source": ("时间来源", "Time source"),
    "label.local_clock": ("封存人电脑时钟（仅为封存人声明，未经第三方证明）",
                          "the sealer's computer clock (the sealer's claim, not attested by a third party)"),
    "label.tsa": ("可信时间戳服务（TSA）", "a trusted timestamp authority (TSA)"),
    "label.signer": ("封存签名人", "Sealed by"),
    "label.fingerprint": ("证书指纹（SHA-256）", "Certificate fingerprint (SHA-256)"),
    "label.items_count": ("证据数量", "Evidence items"),
    "label.total_size": ("原始文件总大小", "Total size of originals"),
    "label.not_given": ("（未填写）", "(not given)"),
    "label.cover_note": ("本材料内含全部原始文件（PDF附件，逐字节一致），每件的SHA-256与SM3摘要列于证据清单，整份文件以数字签名封存。封存后任何改动都可被发现。核验方法见最后一页“验证说明”。",
                         "This dossier carries every original file as a PDF attachment, byte for byte; the SHA-256 and SM3 digests of each are in the evidence list, and the whole file is sealed with a digital signature, so any change after sealing can be detected. See the last page, “How to verify”."),
    "label.evidence_list": ("证据清单", "Evidence list"),
    "label.evidence_list_note": ("依《最高人民法院关于民事诉讼证据的若干规定》第十九条：逐一编号，说明来源、证明对象和内容；页码为本材料中的页码，原件以附件形式逐字节附上。",
                                 "Numbered item by item with source, what it proves and content (SPC Civil Evidence Provisions, Art. 19); pages are this document's, and each original is attached byte for byte."),
    "label.col_no": ("序号", "No."),
    "label.col_name": ("证据名称", "Evidence"),
    "label.col_source": ("证据来源", "Source"),
    "label.col_proves": ("证明对象", "Proves"),
    "label.col_pages": ("页码", "Pages"),
    "label.col_original": ("原件/复制件", "Original / copy"),
    "label.col_digest": ("SHA-256", "SHA-256"),
    "label.original": ("原件", "original"),
    "label.copy": ("复制件", "copy"),
    "label.formed": ("形成", "made"),
    "label.submitter_signature": ("提交人（签名）：\u3000\u3000\u3000\u3000\u3000\u3000",
                                  "Submitted by (signature): ________________"),
    "label.submitted_on": ("提交日期：{date}", "Date of submission: {date}"),
    "label.evidence_copies": ("证据材料的副本按对方当事人人数提交（第十九条）。",
                              "Copies of the evidence are filed for each opposing party (Art. 19)."),
    "label.skipped_title": ("未纳入的文件", "Files not included"),
    "label.exhibits": ("证据", "Exhibits"),
    "label.exhibit": ("证据", "Exhibit"),
    "label.file": ("文件", "File"),
    "label.kind": ("类型", "Kind"),
    "label.mime": ("格式", "Format"),
    "label.size": ("大小", "Size"),
    "label.sha256": ("SHA-256", "SHA-256"),
    "label.sm3": ("SM3", "SM3"),
    "label.captured_at": ("形成/拍摄时间", "Captured at"),
    "label.source": ("来源", "Source"),
    "label.proves": ("证明对象", "Proves"),
    "label.warnings": ("提示", "Notes"),
    "label.page_of": ("第 {n} / {total} 页", "page {n} / {total}"),
    "label.pdf_page": ("原文件第 {n} / {total} 页", "page {n} of {total} of the original"),
    "label.card_note": ("此文件无法在页面上显示，原始文件已作为附件完整封存，可用 evidencekit extract 或任何PDF阅读器的附件面板取出。",
                        "This file cannot be shown on a page; the original is sealed in full as an attachment. Take it out with `evidencekit extract` or any PDF reader's attachments panel."),
    "label.text_truncated": ("（以下省略，全文见附件）", "(truncated here; the full text is in the attachment)"),
    "label.how_to_verify": ("验证说明", "How to verify"),
    "label.footer_id": ("材料编号 {id}", "Dossier {id}"),
    "label.footer_exhibit": ("证据 {no} · SHA-256 {sha}", "Exhibit {no} · SHA-256 {sha}"),
    "label.statement": ("投诉书", "Complaint statement"),
    "label.timeline": ("时间线", "Timeline"),
    "label.yes": ("是", "yes"),
    "label.no": ("否", "no"),
    "label.bill_title": ("账单明细", "Bill transactions"),
    "label.bill_account": ("账户", "Account"),
    "label.bill_name": ("户名", "Name"),
    "label.bill_period": ("账单期间", "Period"),
    "label.bill_exported": ("导出时间", "Exported at"),
    "label.bill_format": ("格式", "Format"),
    "label.bill_count": ("笔数", "Transactions"),
    "label.bill_count_value": ("共 {n} 笔，其中争议 {d} 笔（★ 标出）", "{n}, of which {d} disputed (marked ★)"),
    "label.bill_count_plain": ("共 {n} 笔", "{n}"),
    "label.bill_disputed_title": ("争议交易（在下方明细中以 ★ 和底色标出）",
                                  "Disputed transactions (marked ★ and shaded in the table below)"),
    "label.bill_col_line": ("行", "Line"),
    "label.bill_col_time": ("时间", "Time"),
    "label.bill_col_what": ("交易对方 · 类型 · 商品", "Counterparty · type · item"),
    "label.bill_col_dir": ("收/支", "In/out"),
    "label.bill_col_amount": ("金额（元）", "Amount"),
    "label.bill_col_status": ("状态 · 方式", "Status · method"),
    "label.bill_col_ids": ("交易单号 / 商户单号", "Transaction id / merchant order"),
    "label.bill_tx_prefix": ("交易", "Tx"),
    "label.bill_mo_prefix": ("商户", "Mo"),
    "label.bill_disputed_tag": ("★ 争议", "★ disputed"),
    "label.bill_totals": ("合计", "Totals"),
    "label.bill_totals_value": ("{n} 笔", "{n} rows"),
    "label.bill_stated_mismatch": ("注意：文件自述的合计（{stated}）与逐笔相加（{computed}）不一致。",
                                   "Note: the totals the file states ({stated}) differ from the sum of its rows ({computed})."),
    "label.bill_line_note": ("“行”为原始文件中的行号；时间为北京时间（UTC+08:00）。",
                             "“Line” is the line number in the original file; times are Beijing time (UTC+08:00)."),
    "label.bill_empty": ("未能从此文件中识别出交易明细，下面按原文显示。",
                         "No transactions could be read from this file; it is shown as text below."),
    "label.chat_title": ("聊天记录", "Chat transcript"),
    "label.chat_participants": ("参与者", "Participants"),
    "label.chat_range": ("时间范围", "Time range"),
    "label.chat_count": ("消息数", "Messages"),
    "label.chat_format": ("导出格式", "Export format"),
    "label.chat_timezone": ("时区", "Time zone"),
    "label.chat_system": ("系统消息", "system"),
    "label.chat_attachment": ("附件", "attachment"),
    "label.chat_points_to": ("→ 证据 {no}", "→ exhibit {no}"),
    "label.chat_not_in_case": ("（不在本材料中）", "(not in this dossier)"),
    "label.chat_me": ("（本人）", "(me)"),
    "label.chat_unknown_time": ("（时间不详）", "(time unknown)"),
    "label.chat_note": ("时间为北京时间（UTC+08:00）；灰色为系统消息；“→ 证据 E..”指向本材料中的同名文件。",
                        "Times are Beijing time (UTC+08:00); grey lines are system messages; “→ exhibit E..” points at the file of that name in this dossier."),
    "label.chat_empty": ("未能从此文件中识别出消息，下面按原文显示。",
                         "No messages could be read from this file; it is shown as text below."),
    "label.img_captured": ("拍摄时间", "Taken"),
    "label.img_no_exif_time": ("无EXIF拍摄时间", "no EXIF capture time"),
    "label.img_device": ("设备", "Device"),
    "label.img_orientation": ("方向", "Orientation"),
    "label.img_rotated": ("已旋转 {deg}° 正向显示", "shown rotated {deg}° upright"),
    "label.img_mirrored": ("已镜像还原", "mirror undone"),
    "label.img_pixels": ("像素", "Pixels"),
    "label.img_gps": ("▲ 隐私提示：此图片含GPS定位信息（拍摄地点）。公开发布前请去除或打码。",
                      "▲ Privacy: this image carries a GPS location (where it was taken). Remove it before posting publicly."),
    "label.img_screenshot": ("截图", "screenshot"),
    "label.media_format": ("格式", "Format"),
    "label.media_codec": ("编码", "Codec"),
    "label.media_duration": ("时长", "Duration"),
    "label.media_estimated": ("（估算）", " (estimated)"),
    "label.media_rate": ("采样率", "Sample rate"),
    "label.media_channels": ("声道", "Channels"),
    "label.media_unknown": ("未能识别", "not recognised"),
    "label.timeline_note": ("按时间排列案件事件、沟通记录、争议交易、相关聊天消息和拍摄时间；每行指向证据编号或 case.toml（案件说明）。时间为北京时间（UTC+08:00）；只有日期的事件排在当天最前。",
                            "Case events, contacts, disputed transactions, related chat messages and capture times in time order; each line points at its exhibit or at case.toml (the case description). Times are Beijing time (UTC+08:00); events with a date only come first on their day."),
    "label.tl_col_time": ("时间", "Time"),
    "label.tl_col_event": ("事件", "Event"),
    "label.tl_col_source": ("出处", "Source"),
    "label.tl_occurred": ("问题发生", "Problem occurred"),
    "label.tl_transaction": ("争议交易", "Disputed transaction"),
    "label.tl_bill_row": ("账单记录（争议）", "Bill row (disputed)"),
    "label.tl_contact": ("投诉/沟通", "Contact"),
    "label.tl_ticket": ("编号", "ticket"),
    "label.tl_outcome": ("结果", "outcome"),
    "label.tl_chat": ("聊天", "Chat"),
    "label.tl_captured": ("拍摄/截图", "Photo/screenshot taken"),
    "label.tl_more_chat": ("证据 {no} 另有 {n} 条消息未列入时间线，见该证据。",
                           "Exhibit {no} has {n} more messages not listed here; see the exhibit."),
    "label.tl_empty": ("没有可排入时间线的事件。", "No events to put on the timeline."),
    "label.st_masked": ("本投诉书已按公开渠道要求隐去个人信息（姓名、证件号、电话、地址、账号、单号部分位数）。",
                        "Personal data in this statement is masked for a public channel (name, ID, phone, address, account, parts of order numbers)."),
    "label.st_before_submit": ("提交前请注意（仅供投诉人参考）", "Before you submit (for the complainant)"),
    "label.escalation": ("升级投诉", "Escalation"),
    "label.prior_complaints": ("前期投诉情况", "Earlier complaints"),
    # ---- evidence kinds
    "kind.screenshot": ("截图", "screenshot"),
    "kind.photo": ("照片", "photo"),
    "kind.receipt": ("凭证/回单", "receipt"),
    "kind.bill": ("账单", "bill"),
    "kind.chat": ("聊天记录", "chat"),
    "kind.recording": ("录音", "recording"),
    "kind.video": ("视频", "video"),
    "kind.document": ("文档", "document"),
    "kind.other": ("其他", "other"),
    # ---- channels, short names
    "channel.platform": ("平台客服", "the platform's customer service"),
    "channel.social": ("社交媒体（黑猫投诉、微博等）", "social media (Black Cat, Weibo)"),
    "channel.consumer": ("12315 / 消费者协会", "12315 / consumer association"),
    "channel.pboc": ("中国人民银行 12363", "People's Bank of China, 12363"),
    "channel.nfra": ("国家金融监督管理总局 12378", "NFRA, 12378"),
    "channel.police": ("公安机关（110 / 派出所）", "police (110 / police station)"),
    "channel.mediation": ("调解组织（金融纠纷调解、法院调解平台、消协）",
                          "mediation (financial mediation bodies, court platform, consumer association)"),
    "channel.court": ("人民法院（含互联网法院）", "court (incl. internet courts)"),
    # ---- case.toml fields
    "field.case.title": ("案件标题", "case title"),
    "field.case.problem": ("问题类型", "problem type"),
    "field.case.channel": ("投诉渠道", "channel"),
    "field.case.amount": ("涉及金额", "amount at stake"),
    "field.case.occurred_at": ("发生时间", "time it happened"),
    "field.case.facts": ("事实经过", "facts"),
    "field.case.demand": ("投诉请求", "demand"),
    "field.demands.platform": ("向平台/机构的请求", "request to the platform or institution"),
    "field.demands.regulator": ("向监管部门的请求", "request to the regulator"),
    "field.demands.police": ("报案请求", "request to the police"),
    "field.demands.court": ("诉讼请求", "claims to the court"),
    "field.complainant.name": ("投诉人姓名", "complainant's name"),
    "field.complainant.id_number": ("投诉人身份证号", "complainant's ID number"),
    "field.complainant.phone": ("投诉人电话号码", "complainant's phone number"),
    "field.complainant.address": ("投诉人通讯地址", "complainant's address"),
    "field.complainant.account": ("投诉人账户", "complainant's account"),
    "field.complainant.gender": ("原告性别", "plaintiff's sex"),
    "field.complainant.birth_date": ("原告出生日期", "plaintiff's date of birth"),
    "field.complainant.ethnicity": ("原告民族", "plaintiff's ethnicity"),
    "field.complainant.occupation": ("原告职业", "plaintiff's occupation"),
    "field.respondent.legal_representative": ("被告法定代表人", "defendant's legal representative"),
    "field.complainant.agent.name": ("代理人姓名", "agent's name"),
    "field.complainant.agent.id_number": ("代理人身份证号", "agent's ID number"),
    "field.complainant.agent.phone": ("代理人电话", "agent's phone"),
    "field.respondent.name": ("被投诉人名称", "respondent's name"),
    "field.respondent.type": ("被投诉人类型", "respondent's type"),
    "field.respondent.credit_code": ("被投诉人统一社会信用代码", "respondent's unified social credit code"),
    "field.respondent.address": ("被投诉人地址", "respondent's address"),
    "field.transactions.id": ("交易单号", "transaction id"),
    "field.transactions.merchant_order": ("商户单号", "merchant order number"),
    "field.transactions.time": ("交易时间", "transaction time"),
    "field.transactions.amount": ("交易金额", "transaction amount"),
    "field.transactions.counterparty": ("交易对方", "counterparty"),
    "field.contacts.ticket": ("投诉编号/工单号", "ticket number"),
    # ---- problem types
    "problem.payment_failed": ("支付失败", "payment failed"),
    "problem.funds_not_received": ("款项未到账", "funds not received"),
    "problem.account_stolen": ("账户被盗", "account stolen"),
    "problem.account_frozen": ("账户被平台风控冻结", "account frozen by the platform's risk control"),
    "problem.account_frozen_judicial": ("账户被司法或公安机关冻结", "account frozen by a court or the police"),
    "problem.account_frozen_sanction": ("断卡惩戒（账户功能被限制）", "account restricted as a 断卡 sanction"),
    "problem.topup_not_credited": ("充值不到账", "top-up not credited"),
    "problem.fraud": ("电信网络诈骗", "telecom or online fraud"),
    "problem.mistaken_transfer": ("误转账", "money sent to the wrong person"),
    "problem.merchant_refund": ("商户退款、自动扣费或免密支付纠纷", "merchant refund, auto-debit or password-free payment"),
    "problem.credit_report": ("征信异议", "objection to a credit report"),
    "problem.other": ("其他", "other"),
    # ---- outcome of an earlier contact
    "outcome.unresolved": ("未解决", "unresolved"),
    "outcome.resolved": ("已解决", "resolved"),
    "outcome.rejected": ("被拒绝", "rejected"),
    "outcome.pending": ("处理中", "pending"),
}
