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
Templates use ``str.format`` placeholders, the same in both texts, with one exception: ``{detail}``
is a library's own words (an exception's text, always English) and appears in the English text
only; the Chinese text says the same without it, and ``--json`` keeps it in the parameters.

The language of a run: ``--lang``, else ``EVIDENCEKIT_LANG``, else the locale
(``LC_ALL``, then ``LC_MESSAGES``, then ``LANG``: ``zh_CN.UTF-8`` → zh, any other named
language → en), else zh.
"""

from __future__ import annotations

import errno
import os
import string
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
DEFAULT_LANG: Lang = "zh"


class Message(str):
    """A message as data: its catalog code and parameters, rendered at display time.

    ``text(lang)`` renders it. A parameter may itself be a Message (rendered in the same
    language) or a list or tuple (its parts rendered and joined: names as the language
    joins a list, messages with semicolons). Immutable; two messages are equal when code
    and parameters are.

    A Message is also a ``str`` whose value is its English text, so code that still
    treats messages as text (an ``in`` test, a log line, ``json.dumps``, a manifest's
    ``warnings``) keeps working unchanged; anything shown to a person calls ``text(lang)``.
    """

    code: str
    params: Mapping[str, Any]

    def __new__(cls, code: str, params: Mapping[str, Any] | None = None) -> Message:
        frozen = MappingProxyType(dict(params or {}))
        self = super().__new__(cls, t(code, "en", **frozen))
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "params", frozen)
        return self

    def text(self, lang: str) -> str:
        return t(self.code, lang, **self.params)

    def to_dict(self) -> dict[str, Any]:
        """``{"code", "params", "zh", "en"}``: what ``--json`` carries."""
        return {"code": self.code, "params": _plain(self.params), "zh": self.text("zh"), "en": self.text("en")}

    def as_code(self) -> dict[str, Any]:
        """``{"code", "params"}`` only, JSON-safe: what a manifest seals."""
        return {"code": self.code, "params": _plain(self.params)}

    @classmethod
    def from_code(cls, data: Mapping[str, Any]) -> Message:
        """The inverse of :meth:`as_code` (nested messages come back as messages)."""
        return cls(str(data.get("code")), {k: _unplain(v) for k, v in dict(data.get("params") or {}).items()})

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a Message is immutable (cannot set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Message is immutable (cannot delete {name!r})")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Message):
            return self.code == other.code and dict(self.params) == dict(other.params)
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = str.__hash__  # equal messages have equal English texts

    def __repr__(self) -> str:
        return f"Message({self.code!r}, {dict(self.params)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (self.code, dict(self.params)))


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


def text_of(value: Any, lang: str) -> str:
    """A message in ``lang``; any other value (a name, plain text) as it is."""
    return value.text(lang) if isinstance(value, Message) else str(value)


def os_reason(exc: OSError) -> Message | str:
    """Why an OS call failed, in words of the catalog for the usual causes (``strerror`` is
    English whatever the user reads), else the system's own words."""
    name = errno.errorcode.get(exc.errno or 0, "")
    if f"os.{name}" in CATALOG:
        return msg(f"os.{name}")
    return exc.strerror or type(exc).__name__


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
        # messages are clauses (joined by semicolons), anything else names (joined as a list)
        clauses = any(isinstance(v, Message) for v in value)
        sep = ("；" if clauses else "、") if lang == "zh" else ("; " if clauses else ", ")
        return sep.join(str(_render(v, lang)) for v in value)
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
    "name.bill_of": ("{platform}交易明细", "{platform} transaction statement"),
    "name.bill": ("交易明细", "Transaction statement"),
    "name.chat_with": ("与{who}的聊天记录", "Chat with {who}"),
    "name.with_span": ("{head}（{span}）", "{head} ({span})"),
    "name.with_duration": ("{head}（时长 {length}）", "{head} ({length})"),
    "label.tl_txn_id": ("交易单号", "transaction id"),
    "label.tl_merchant_order": ("商户单号", "merchant order"),
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
    # ---- the pictures (render/pictures.py): the case at a glance, the drawn timeline, 资金流向
    "pic.glance": ("案情一览", "The case at a glance"),
    "pic.glance_note": ("本页依据案件说明（case.toml）和所附证据绘制，便于快速了解案情；各项事实的出处见证据清单和时间线。",
                        "Drawn from the case description (case.toml) and the exhibits, to take in the case at a glance; "
                        "the list of exhibits and the timeline give each fact's source."),
    "pic.problem": ("问题", "Problem"),
    "pic.amount": ("涉及金额", "Amount"),
    "pic.occurred": ("发生时间", "Happened"),
    "pic.tried": ("已经尝试", "Already tried"),
    "pic.tried_none": ("未记载此前的投诉", "no earlier contact stated"),
    "pic.asked": ("请求", "What is asked"),
    "pic.asked_none": ("案件说明未写明请求。", "The case states no request."),
    "pic.evidence": ("证据 {n} 件", "{n} exhibits"),
    "pic.step_problem": ("问题发生", "Problem"),
    "pic.outcome_none": ("结果未记载", "outcome not stated"),
    "pic.ticket": ("编号 {ticket}", "ticket {ticket}"),
    "pic.timeline_title": ("时间线图", "Timeline at a glance"),
    "pic.timeline_note": ("每个标记注明证据编号（“案件”指案件说明 case.toml）；无事件的长时段被压缩，断开处标明间隔；"
                          "粗虚线标出争议交易。时间为北京时间。",
                          "Each mark names its exhibit (\"case\" is case.toml); long quiet periods are cut, each cut "
                          "showing the time skipped; the heavy dashed line marks the disputed transaction. Beijing time."),
    "pic.lane_case": ("问题发生", "Problem"),
    "pic.lane_money": ("交易/账单", "Payments"),
    "pic.lane_capture": ("截图/拍摄", "Screenshots"),
    "pic.lane_chat": ("聊天", "Chats"),
    "pic.lane_contact": ("投诉/沟通", "Contacts"),
    "pic.case_ref": ("案件", "case"),
    "pic.gap_days": ("间隔{n}天", "{n} d later"),
    "pic.gap_hours": ("间隔{n}小时", "{n} h later"),
    "pic.disputed": ("争议交易", "Disputed"),
    "pic.untimed": ("另有 {n} 项没有时间，未画入，见下表。", "{n} more without a time are not drawn; see the table."),
    "pic.flow_title": ("资金流向", "资金流向 · where the money went"),
    "pic.flow_tx": ("交易单号 {id}", "transaction {id}"),
    "pic.payer": ("付款账户", "Payer account"),
    "pic.institution": ("支付机构", "Payment institution"),
    "pic.payee": ("收款方", "Payee"),
    "pic.unknown": ("未记载", "not stated"),
    "pic.col_source": ("出处", "Source"),
    "pic.col_amount": ("金额", "Amount"),
    "pic.col_time": ("时间", "Time"),
    "pic.col_status": ("状态", "Status"),
    "pic.col_status_none": ("—", "—"),
    "pic.named_only": ("载有该单号", "names this transaction"),
    "pic.check_agree": ("核对：各出处的金额和时间一致", "Cross-check: the sources agree on amount and time"),
    "pic.check_single": ("核对：只有一个出处，无从比对", "Cross-check: one source only, nothing to compare"),
    "pic.check_conflict": ("核对：各出处不一致（{what}），请以原件为准核实", "Cross-check: the sources disagree ({what}); see the originals"),
    "pic.conflict_amount": ("金额", "amount"),
    "pic.conflict_time": ("时间", "time"),
    "pic.inst_alipay": ("支付宝", "Alipay"),
    "pic.inst_wechat": ("微信支付", "WeChat Pay"),
    # ---- outcome of an earlier contact
    "outcome.unresolved": ("未解决", "unresolved"),
    "outcome.resolved": ("已解决", "resolved"),
    "outcome.rejected": ("被拒绝", "rejected"),
    "outcome.pending": ("处理中", "pending"),
    # ---- command-line help (Click); a command's first line is its summary in the list of commands
    "help.usage": ("用法：", "Usage: "),
    "help.options": ("选项：", "Options:"),
    "help.commands": ("命令：", "Commands:"),
    "help.required": ("必填", "required"),
    "help.help": ("显示本帮助并退出。", "Show this message and exit."),
    "help.version": ("显示版本并退出。", "Show the version and exit."),
    "help.main": ("evidencekit：把投诉证据整理成一份经哈希、签名封存、可核验的 PDF 证据材料。",
                  "evidencekit: turn complaint evidence into one sealed, verifiable PDF dossier."),
    "help.main.lang": ("提示信息和卷宗标签的语言。默认取 EVIDENCEKIT_LANG，其次取系统语言（LC_ALL、LC_MESSAGES、"
                       "LANG，如 zh_CN.UTF-8），都没有时为中文。",
                       "Language of messages and dossier labels. Default: EVIDENCEKIT_LANG, else the locale "
                       "(LC_ALL, LC_MESSAGES, LANG, e.g. en_US.UTF-8), else Chinese."),
    "help.main.verbose": ("显示更多细节；出错时显示调用栈。", "More detail; tracebacks on errors."),
    "help.main.quiet": ("stderr 上只显示错误。", "Only errors on stderr."),
    "help.json": ("在 stdout 上以 JSON 输出结果。", "Print the result as JSON on stdout."),
    "help.case": ("使用此 case.toml，而不是 FOLDER/case.toml。", "case.toml to use instead of FOLDER/case.toml."),
    "help.tsa": ("用于可信封存时间的 RFC 3161 时间戳服务（TSA）地址（默认：EVIDENCEKIT_TSA，或 EVIDENCEKIT_HOME "
                 "中 settings.toml 里的 tsa = \"URL\"）。",
                 "RFC 3161 timestamp authority for a trusted sealing time (default: EVIDENCEKIT_TSA, or "
                 "tsa = \"URL\" in settings.toml in EVIDENCEKIT_HOME)."),
    "help.no_tsa": ("不使用已配置的默认 TSA。", "Do not use the configured default TSA."),
    "help.tsa_optional": ("TSA 失败时不带可信时间戳封存（并说明这一点），而不是以退出码 7 结束。",
                          "If the TSA fails, seal without a timestamp (and say so) instead of exit 7."),
    "help.archive": ("长期验证：嵌入验证数据并加文档时间戳（PAdES B-LTA）；需要 TSA。",
                     "Long-term validation: embed the validation data and add a document timestamp (PAdES "
                     "B-LTA); needs a TSA."),
    "help.bundle": ("把 FOLDER 中的证据封存为一份 PDF 证据材料。\n\nFOLDER 不会被改动；卷宗以原子方式写在它外面。",
                    "Bundle the evidence in FOLDER into one sealed PDF dossier.\n\nFOLDER is never changed; the "
                    "dossier is written atomically outside it."),
    "help.bundle.output": ("要写入的卷宗文件（默认：文件夹旁边的 FOLDER-dossier.pdf）。",
                           "Dossier file to write (default: FOLDER-dossier.pdf beside the folder)."),
    "help.bundle.channel": ("卷宗面向的投诉渠道（默认：case.toml 中 [case] 的 channel）。",
                            "Channel the dossier is for (default: case.toml's [case] channel)."),
    "help.bundle.identity": ("用来签名的 PKCS#12 身份文件（默认：你的 evidencekit 身份）。",
                             "PKCS#12 identity to sign with (default: your evidencekit identity)."),
    "help.bundle.font": ("代替内置字体使用的、含中文字形的 TrueType 字体。",
                         "TrueType font with Chinese glyphs to use instead of the bundled one."),
    "help.bundle.public": ("为公开渠道（社交媒体）隐去个人信息。", "Mask personal data for public channels (social media)."),
    "help.bundle.force": ("输出文件已存在时替换它。", "Replace the output file if it exists."),
    "help.verify": ("检查 DOSSIER 是否完好：签名、封存后的改动、每件原始文件。\n\n退出码 0 有效，4 被改动或篡改，"
                    "5 无法核验，8 完好但不是由 --trust 指定的人封存。",
                    "Check that DOSSIER is intact: signatures, changes after sealing, every original.\n\nExit 0 "
                    "valid, 4 changed or tampered, 5 cannot verify, 8 intact but not sealed by a --trust anchor."),
    "help.verify.trust": ("可信签名人或 CA 的证书（PEM/DER）；可重复。",
                          "Certificate of a trusted signer or CA (PEM/DER); repeatable."),
    "help.verify.save_sealed": ("另外把封存时的文件（签名覆盖的部分）写到此文件。",
                                "Also write the file as it was sealed (what the signatures cover) to this file."),
    "help.verify.force": ("--save-sealed 的文件已存在时替换它。", "Replace the --save-sealed file if it exists."),
    "help.verify.json": ("在 stdout 上以 JSON 输出报告。", "Print the report as JSON on stdout."),
    "help.extract": ("从 DOSSIER 中取出封存的原始文件，每件都按清单重新核对摘要。",
                     "Write the sealed originals out of DOSSIER, each re-hashed against the manifest."),
    "help.extract.dir": ("写入原始文件的文件夹。", "Folder to write the originals into."),
    "help.extract.force": ("覆盖文件夹中已有的文件。", "Overwrite files that already exist in the folder."),
    "help.identity": ("签名身份：一把密钥和一张证书（PKCS#12）。", "The signing identity: a key and certificate (PKCS#12)."),
    "help.identity.create": ("生成密钥和自签名证书（文件权限 0600）。",
                             "Make a key and a self-signed certificate (file mode 0600)."),
    "help.identity.name": ("你的姓名，即封存签名上显示的名字。", "Your name, as it should appear on the seal."),
    "help.identity.output": ("写到哪里（默认：EVIDENCEKIT_HOME 中的 evidencekit 身份）。",
                             "Where to write it (default: the evidencekit identity in EVIDENCEKIT_HOME)."),
    "help.identity.passphrase": ("用口令保护密钥（会询问，或取自 EVIDENCEKIT_PASSPHRASE）。",
                                 "Protect the key with a passphrase (asked, or EVIDENCEKIT_PASSPHRASE)."),
    "help.identity.force": ("替换已有的身份（旧密钥会丢失）。", "Replace an existing identity (its key is lost)."),
    "help.identity.file": ("PKCS#12 身份文件（默认：你的 evidencekit 身份）。",
                           "PKCS#12 identity file (default: your evidencekit identity)."),
    "help.identity.show": ("显示身份的姓名和证书指纹。", "Show the identity's name and certificate fingerprint."),
    "help.identity.export": ("导出证书（仅公开部分，PEM），交给核验方用于 --trust。",
                             "Export the certificate (public part only, PEM) to give to a verifier for --trust."),
    "help.identity.export.output": ("把证书（PEM）写到此文件，而不是 stdout。",
                                    "Write the certificate (PEM) here instead of stdout."),
    "help.inspect": ("显示 bundle 会从 FOLDER 中取用什么：证据、类型、内容要点、提示。不写任何文件。",
                     "Show what bundle would take from FOLDER: items, kinds, facts, warnings. Writes nothing."),
    "help.inspect.json": ("以 JSON 输出每件证据的类型、内容要点和提示。",
                          "Print every item's kind, facts and warnings as JSON."),
    "help.check": ("按某个投诉渠道的要求检查案件文件夹或已封存的卷宗。\n\n没有不符合项时退出码 0，有要求未满足时 6。",
                   "Check a case folder or a sealed dossier against a channel's requirements.\n\nExit 0 when "
                   "nothing fails, 6 when a requirement is unmet."),
    "help.check.channel": ("渠道编号（见 `evidencekit channels`），或 all。",
                           "A channel id (see `evidencekit channels`), or 'all'."),
    "help.check.json": ("以 JSON 输出报告。", "Print the report as JSON."),
    "help.channels": ("列出投诉渠道，或用文字说明某个渠道的要求。",
                      "List the complaint channels, or what one channel requires, in words."),
    "help.channels.json": ("以 JSON 输出要求。", "Print the requirements as JSON."),
    "help.init": ("在 FOLDER 中写入一份带注释的 case.toml（中文）；从不覆盖。",
                  "Write a commented case.toml (in Chinese) into FOLDER; never overwrites."),
    "help.countersign": ("在已封存的 DOSSIER 上加上你的签名，作为收件回执（保管链）。\n\n卷宗必须先通过核验。签名以增量"
                         "更新的方式追加；文件以原子方式替换，绝不会只写一半。",
                         "Add your signature to a sealed DOSSIER as a receipt (chain of custody).\n\nThe dossier "
                         "must verify first. The signature is appended as an incremental update; the file is "
                         "replaced atomically, never left half-written."),
    "help.countersign.identity": ("用来加签的 PKCS#12 身份文件（默认：你的 evidencekit 身份）。",
                                  "PKCS#12 identity to countersign with (default: your evidencekit identity)."),
    "help.countersign.note": ("这个签名证明什么，例如“法律援助中心已接收”；verify 会显示它。",
                              "What this signature attests, e.g. 'received by the legal aid centre'; shown by "
                              "verify."),
    "help.countersign.tsa": ("加签用的 RFC 3161 时间戳服务地址（默认：EVIDENCEKIT_TSA 或 settings.toml）。",
                             "RFC 3161 timestamp authority for the countersignature (default: EVIDENCEKIT_TSA or "
                             "settings.toml)."),
    "help.countersign.output": ("把加签后的卷宗写到这里，而不是替换 DOSSIER。",
                                "Write the countersigned dossier here instead of replacing DOSSIER."),
    "help.countersign.trust": ("先核验卷宗时使用的信任根证书；可重复。",
                               "Trust anchor used when checking the dossier first; repeatable."),
    # ---- the command line's own messages (stderr) and plain-text results (stdout)
    "cli.error": ("evidencekit：错误：{message}", "evidencekit: error: {message}"),
    "cli.usage_error": ("evidencekit：用法错误：{message}", "evidencekit: usage error: {message}"),
    "cli.usage_hint": ("运行 `{command} --help` 查看用法。", "Run `{command} --help` to see how to use it."),
    "cli.usage.no_such_option": ("没有 {option} 这个选项", "No such option: {option}"),
    "cli.usage.did_you_mean": ("；你是不是要用 {options}？", "; did you mean {options}?"),
    "cli.usage.missing": ("缺少 {param}", "Missing {param}."),
    "cli.usage.choice": ("{param} 的值无效；可选：{choices}", "Invalid value for {param}; choose from {choices}."),
    "cli.usage.bad_value": ("{param} 的值无效", "Invalid value for {param}: {detail}"),
    "cli.usage.extra": ("多出了参数：{arguments}", "Got unexpected extra arguments: {arguments}"),
    "cli.usage.no_such_command": ("没有 {command} 这个命令", "No such command: {command}"),
    "cli.usage.other": ("命令行有误", "{detail}"),
    "cli.interrupted": ("evidencekit：已中断；没有留下写了一半的文件", "evidencekit: interrupted; nothing half-written was left behind"),
    "cli.terminated": ("evidencekit：已终止（SIGTERM）；没有留下写了一半的文件",
                       "evidencekit: terminated (SIGTERM); nothing half-written was left behind"),
    "cli.internal_error": ("evidencekit：内部错误：{error}", "evidencekit: internal error: {error}"),
    "cli.internal_error.hint": ("加 -v 再运行一次可看到详情；请报告此问题", "run again with -v for the details, and report it"),
    "cli.progress.hash": ("计算摘要", "hashing"),
    "cli.progress.place": ("放置图片", "placing images"),
    "cli.progress.attach": ("附加原始文件", "attaching"),
    "cli.progress.render": ("排版页面", "laying out pages"),
    "cli.progress.seal": ("封存", "sealing"),
    "cli.passphrase_for": ("{path} 的口令", "Passphrase for {path}"),
    "cli.passphrase": ("口令", "Passphrase"),
    "cli.sealer_name": ("封存人姓名（印在封面上；以后每次封存都用它）",
                        "Sealer's name (printed on the cover; used for every later seal)"),
    "cli.tsa": ("可信时间戳：{name}（{url}）", "trusted timestamp: {name} ({url})"),
    "cli.sealed": ("已封存：{path}", "sealed: {path}"),
    "cli.dossier_id": ("材料编号：{id}", "dossier id: {id}"),
    "cli.bundle_summary": ("证据 {items} 件，{pages} 页，{kb} KB；签名人 {signer}",
                           "{items} items, {pages} pages, {kb} KB; signed by {signer}"),
    "cli.not_included": ("  未纳入 {path}：{reason}", "  not included: {path}: {reason}"),
    "cli.escalation": ("升级：{reason}", "escalation: {reason}"),
    "cli.requirements_met": ("{channel}：材料要求均已满足", "{channel}: every requirement is met"),
    "cli.requirements_unmet": ("{channel}：{count} 项要求未满足（{names}）；运行 evidencekit check {dossier} --channel "
                               "{channel_id} 查看依据和补救办法",
                               "{channel}: {count} requirement(s) unmet ({names}); run evidencekit check {dossier} "
                               "--channel {channel_id} for the sources and fixes"),
    "cli.saved_sealed": ("封存时的文件（前 {bytes} 字节）已保存到 {path}；可用 evidencekit verify 核验它。",
                         "The file as sealed (the first {bytes} bytes) was saved to {path}; check it with "
                         "evidencekit verify."),
    "cli.extract.ok": ("完成  {id}  {path}", "OK    {id}  {path}"),
    "cli.extract.fail": ("失败  {id}  {path}：{reason}", "FAIL  {id}  {path}: {reason}"),
    "cli.identity.path": ("文件：{value}", "path: {value}"),
    "cli.identity.name": ("姓名：{value}", "name: {value}"),
    "cli.identity.fingerprint": ("证书指纹（SHA-256）：{value}", "fingerprint_sha256: {value}"),
    "cli.identity.self_signed": ("自签名：{value}", "self_signed: {value}"),
    "cli.identity.not_after": ("有效期至：{value}", "not_after: {value}"),
    "cli.inspect.not_included": ("--   未纳入  {path}：{reason}", "--   not included  {path}: {reason}"),
    "cli.facts.bill": ("{format}，{rows} 笔", "{format}, {rows} rows"),
    "cli.facts.bill_disputed": ("{format}，{rows} 笔，其中争议 {disputed} 笔", "{format}, {rows} rows, {disputed} disputed"),
    "cli.facts.chat": ("{format}，{messages} 条消息", "{format}, {messages} messages"),
    "cli.facts.media": ("{container} {seconds} 秒", "{container} {seconds} s"),
    "cli.facts.image_gps": ("{size}，含 GPS 定位", "{size}, GPS"),
    "cli.facts.pages": ("{pages} 页", "{pages} page(s)"),
    "cli.facts.pages_unknown": ("页数不明", "pages unknown"),
    "cli.facts.encrypted": ("{pages}，已加密", "{pages}, encrypted"),
    "cli.check.source": ("      依据：{source}", "      source: {source}"),
    "cli.check.fix": ("      怎么办：{fix}", "      fix: {fix}"),
    "cli.check.escalation": ("升级：{reason}", "Escalation: {reason}"),
    "cli.check.result": ("结果：{failed} 项不符合，{warned} 项提醒，{passed} 项符合",
                         "Result: {failed} failed, {warned} warnings, {passed} passed"),
    "cli.check.ok": ("符合", "OK"),
    "cli.check.unmet": ("未满足", "UNMET"),
    "cli.check.legend": ("✓ 符合  ✗ 不符合  ! 提醒  · 该渠道不要求", "✓ pass  ✗ fail  ! warning  · not required by that channel"),
    "cli.channel.authority": ("主管机构：{text}", "Authority: {text}"),
    "cli.channel.how": ("怎么投诉：{text}", "How: {text}"),
    "cli.channel.requirements": ("要求：", "Requirements:"),
    "cli.channel.must": ("必须", "must"),
    "cli.channel.should": ("建议", "should"),
    "cli.channel.time_limits": ("时限：", "Time limits:"),
    "cli.channel.advice": ("建议：", "Advice:"),
    "cli.init.written": ("已写入 case.toml，请用文本编辑器填写。", "case.toml written; fill it in with a text editor."),
    "cli.countersigned": ("已加签：{signer}（第 {n} 个签名，字段 {field}）；备注：{note}",
                          "countersigned by {signer} (signature {n}, field {field}); note: {note}"),
    "cli.countersign.tsa": ("可信时间戳：{name}", "trusted timestamp: {name}"),
    # ---- why an OS call failed (os_reason): strerror is English whatever the user reads
    "os.ENOENT": ("没有这个文件或文件夹", "No such file or directory"),
    "os.EACCES": ("没有权限", "Permission denied"),
    "os.EPERM": ("不允许这样操作", "Operation not permitted"),
    "os.EISDIR": ("这是一个文件夹", "Is a directory"),
    "os.ENOTDIR": ("路径中有一部分不是文件夹", "Not a directory"),
    "os.ELOOP": ("符号链接过多或形成循环", "Too many levels of symbolic links"),
    "os.EIO": ("输入/输出错误（磁盘或设备可能有故障）", "Input/output error"),
    "os.ENXIO": ("没有这个设备或地址", "No such device or address"),
    "os.ENOSPC": ("设备上没有剩余空间", "No space left on device"),
    "os.EDQUOT": ("超出磁盘配额", "Disk quota exceeded"),
    "os.EROFS": ("只读文件系统", "Read-only file system"),
    "os.ENAMETOOLONG": ("文件名太长", "File name too long"),
    "os.EBUSY": ("设备或资源忙", "Device or resource busy"),
    "os.ETXTBSY": ("文件正被使用", "Text file busy"),
    "os.EMFILE": ("打开的文件太多", "Too many open files"),
    "os.EEXIST": ("文件已存在", "File exists"),
    "os.EINVAL": ("参数无效", "Invalid argument"),
    "os.EFBIG": ("文件太大", "File too large"),
    "os.ESTALE": ("网络文件句柄已失效", "Stale file handle"),
    # ---- errors (what went wrong) and their hints (what to do next)
    "err.no_identity": ("{path}：还没有签名身份", "{path}: no identity yet"),
    "err.no_identity.hint": ("运行 `evidencekit identity create --name 你的姓名`。", "Run `evidencekit identity create --name NAME`."),
    "err.no_identity.hint_countersign": ("运行 `evidencekit identity create --name 你的姓名`，或用 --identity FILE.p12 "
                                         "指定身份文件。",
                                         "Run `evidencekit identity create --name NAME`, or give --identity FILE.p12."),
    "err.passphrase_no_terminal": ("要求设置口令，但没有可以询问口令的终端",
                                   "a passphrase was asked for but there is no terminal to ask it"),
    "err.set_env.hint": ("设置环境变量 {env}。", "Set {env}."),
    "err.settings_unreadable": ("{path}：无法读取（文件不是有效的 TOML 或 UTF-8 文本）", "{path}: cannot be read ({detail})"),
    "err.settings_unreadable.hint": ("修正或删除这个设置文件。", "Fix or remove the settings file."),
    "err.settings_tsa": ("{path}：`tsa` 必须是一个网址字符串", "{path}: `tsa` must be a URL string"),
    "err.settings_tsa.hint": ("例如写 tsa = \"http://tsa.example/\"", "Write e.g. tsa = \"http://tsa.example/\""),
    "err.tsa_url": ("{where}：{url} 不是时间戳服务（TSA）的 http(s) 网址",
                    "{where}: {url} is not an http(s) URL of a timestamp authority"),
    "err.tsa_url.hint": ("请给出 TSA 的网址，例如 http://timestamp.example.org/tsr。",
                         "Give the TSA's URL, e.g. http://timestamp.example.org/tsr."),
    "err.tsa_failed": ("时间戳服务 {url} 失败：{cause}", "timestamp authority {url} failed: {cause}"),
    "err.tsa_failed.hint": ("检查网址和网络，稍后再试；`bundle --tsa-optional` 可以不带可信时间戳封存（卷宗会说明其时间只是"
                            "你电脑时钟的时间），`countersign --no-tsa` 可以不带时间戳加签。",
                            "Check the URL and the network and try again later; `bundle --tsa-optional` seals "
                            "without a trusted timestamp (the dossier then says its time is only your clock's), and "
                            "`countersign --no-tsa` signs without one."),
    "tsa.refused": ("连接被拒绝或主机不可达", "connection refused or host unreachable"),
    "tsa.timeout": ("超时前没有应答", "no answer before the timeout"),
    "tsa.http": ("服务器答复 HTTP {status} {reason}", "HTTP {status} {reason}"),
    "err.archive_needs_tsa": ("--archive 需要时间戳服务（TSA）", "--archive needs a timestamp authority"),
    "err.archive_needs_tsa.hint": ("请给出 --tsa 网址（或配置一个）。", "Give --tsa URL (or configure one)."),
    "err.archive_needs_tsa.hint_bundle": ("给出 --tsa 网址、设置 EVIDENCEKIT_TSA，或在 settings.toml 中写 tsa = \"URL\"。",
                                          "Give --tsa URL, set EVIDENCEKIT_TSA, or put tsa = \"URL\" in settings.toml."),
    "err.signing_failed": ("{name}：签名失败", "{name}: signing failed ({detail})"),
    "err.signing_failed.hint": ("检查身份文件；加 -v 运行可看到详情。", "Check the identity file; run with -v for details."),
    "err.exists": ("{path}：已存在", "{path}: already exists"),
    "err.exists.hint_force": ("用 --force 替换它，或换一个名字。", "Use --force to replace it, or choose another name."),
    "err.exists.hint_add_force": ("加 --force 替换它，或换一个名字。", "Add --force to replace it, or choose another name."),
    "err.exists.hint_bundle": ("用 --force 替换它，或用 -o 换一个名字。", "Use --force to replace it, or -o another name."),
    "err.exists.hint_countersign": ("换一个 -o 文件名，或删除该文件。", "Choose another -o name, or remove the file."),
    "err.exists.hint_extract": ("请取出到一个空文件夹，或使用 --force。", "Extract into an empty folder, or use --force."),
    "err.exists.hint_init": ("编辑已有的文件，或把它移走后再运行 init", "edit the existing file, or move it away and run init again"),
    "err.init_exists": ("{path} 已存在；不覆盖它", "{path} already exists; not overwriting it"),
    "err.save_sealed_same_file": ("{path}：正是被核验的文件", "{path}: is the file being verified"),
    "err.save_sealed_same_file.hint": ("给 --save-sealed 另一个文件名。", "Give --save-sealed another file name."),
    "err.no_sealed_part": ("{path}：没有完好的签名，因此没有可保存的封存部分",
                           "{path}: no intact signature, so there is no sealed part to save"),
    "err.no_sealed_part.hint": ("请向发送方索取封存时的原样卷宗。", "Ask the sender for the dossier as it was sealed."),
    "err.became_shorter": ("{path}：文件在读取过程中变短了", "{path}: the file became shorter while it was read"),
    "err.trust_unreadable": ("{path}：无法读取信任证书（{reason}）", "{path}: cannot read the trust certificate ({reason})"),
    "err.trust_unreadable.hint": ("给 --trust 一个证书文件（PEM 或 DER）。", "Give --trust a certificate file (PEM or DER)."),
    "err.trust_not_certificate": ("{path}：不是证书", "{path}: not a certificate"),
    "err.trust_not_certificate.hint": ("给 --trust 一个 PEM 或 DER 格式的 X.509 证书。",
                                       "Give --trust a PEM or DER X.509 certificate."),
    "err.cannot_open": ("{path}：无法打开（{reason}）", "{path}: cannot open ({reason})"),
    "err.cannot_open.hint_dossier": ("检查卷宗的路径。", "Check the path to the dossier."),
    "err.cannot_open.hint": ("检查路径。", "Check the path."),
    "err.not_a_pdf": ("{path}：不是 PDF 文件", "{path}: not a PDF file"),
    "err.unreadable_pdf": ("{path}：不是可读的 PDF", "{path}: not a readable PDF ({detail})"),
    "err.unreadable_pdf.hint_truncated": ("文件末尾缺失：它可能被截断了（下载或复制不完整）",
                                          "the end of the file is missing: it may be truncated (an incomplete "
                                          "download or copy)"),
    "err.verify_takes.hint": ("verify 只核验由 `evidencekit bundle` 制作的卷宗。",
                              "verify checks dossiers made by `evidencekit bundle`."),
    "err.not_sealed_not_dossier": ("{path}：没有签名，也不是 evidencekit 卷宗",
                                   "{path}: has no signature and is not an evidencekit dossier"),
    "err.verify_takes_sealed.hint": ("verify 只核验由 `evidencekit bundle` 封存的卷宗。",
                                     "verify checks dossiers sealed by `evidencekit bundle`."),
    "err.give_dossier.hint": ("请给出由 evidencekit 制作的卷宗。", "Give a dossier made by evidencekit."),
    "err.no_manifest": ("{path}：不含 evidencekit 清单", "{path}: holds no evidencekit manifest"),
    "err.check_takes.hint": ("check 接受案件文件夹，或由 `evidencekit bundle` 制作的卷宗。",
                             "check takes a case folder or a dossier made by `evidencekit bundle`."),
    "err.unreadable_dossier": ("{path}：不是可读的卷宗", "{path}: not a readable dossier ({detail})"),
    "err.no_such_target": ("{path}：没有这个文件夹或文件", "{path}: no such folder or file"),
    "err.no_such_target.hint": ("请给出案件文件夹或卷宗 PDF。", "Give a case folder or a dossier PDF."),
    "err.manifest_damaged": ("{path}：{problem}", "{path}: {problem}"),
    "err.manifest_damaged.hint": ("对它运行 `evidencekit verify`：清单损坏的卷宗是无效的；请向发送方索取原件。",
                                  "Run `evidencekit verify` on it: a dossier whose manifest is damaged is not "
                                  "valid; ask the sender for the original."),
    "err.manifest_unreadable": ("{path}：其清单无法读取", "{path}: its manifest cannot be read ({detail})"),
    "err.manifest_problem": ("{path}：其清单无法读取（{problem}）", "{path}: its manifest cannot be read ({problem})"),
    "err.run_verify.hint": ("对它运行 `evidencekit verify` 看看哪里有问题。", "Run `evidencekit verify` on it to see what is wrong."),
    "err.run_verify_found.hint": ("对它运行 `evidencekit verify` 查看发现的问题。",
                                  "Run `evidencekit verify` on it to see what was found."),
    "err.report.hint": ("加 -v 运行并报告此问题。", "Run with -v and report it."),
    "err.report_again.hint": ("加 -v 再运行一次；如果再次发生，请报告此问题。",
                              "Run again with -v, and report it if it happens again."),
    "err.note_length": ("备注须为 1 到 500 个字符", "the note must be 1 to 500 characters"),
    "err.note_length.hint": ("给 --note 一段简短的文字，例如 --note '已接收'。",
                             "Give --note a short text, e.g. --note 'received'."),
    "err.countersign_not_valid": ("{path}：卷宗未通过核验（{verdict}），不予加签",
                                  "{path}: will not countersign a dossier that does not verify ({verdict})"),
    "err.countersign_check": ("{path}：加签后的副本未通过检查；原文件没有改动",
                              "{path}: the countersigned copy does not check out; nothing was changed"),
    "err.sealed_check": ("封存后的卷宗未通过检查（{problems}）；没有写入任何文件",
                         "the sealed dossier did not check out ({problems}); nothing was written"),
    "err.folder_cannot_open": ("{path}：无法打开案件文件夹（{reason}）", "{path}: cannot open the case folder ({reason})"),
    "err.folder_cannot_open.hint": ("检查路径；请给出存放证据文件的文件夹。",
                                    "Check the path; give the folder that holds your evidence files."),
    "err.not_a_folder": ("{path}：不是文件夹", "{path}: is not a folder"),
    "err.not_a_folder.hint": ("请给出存放证据文件的文件夹。", "Give the folder that holds your evidence files."),
    "err.no_evidence": ("{path}：没有找到证据文件", "{path}: no evidence files found"),
    "err.no_evidence.hint": ("把截图、账单、聊天记录和录音放进这个文件夹（可以有子文件夹），然后再运行。",
                             "Put your screenshots, bills, chats and recordings in the folder (sub-folders are "
                             "fine) and run again."),
    "err.no_evidence.hint_bundle": ("把截图、账单、聊天记录和录音放进这个文件夹（可以有子文件夹），然后再运行 bundle。",
                                    "Put your screenshots, bills, chats and recordings in the folder (sub-folders "
                                    "are fine) and run bundle again."),
    "err.file_unreadable": ("{path}：无法读取（{reason}）", "{path}: cannot be read ({reason})"),
    "err.file_unreadable.hint": ("检查文件的权限，或把它移出文件夹。", "Check the file's permissions, or move it out of the folder."),
    "err.output_inside_folder": ("{path}：卷宗会被写进证据文件夹 {folder} 里",
                                 "{path}: the dossier would be written inside the evidence folder {folder}"),
    "err.output_inside_folder.hint": ("给 -o 一个证据文件夹之外的路径；bundle 从不往你的证据里写东西。",
                                      "Give -o a path outside the folder; bundle never writes into your evidence."),
    "err.output_is_folder": ("{path}：是一个文件夹", "{path}: is a folder"),
    "err.output_is_folder.hint": ("给 -o 一个以 .pdf 结尾的文件名。", "Give -o a file name ending in .pdf."),
    "err.image_unreadable_sealing": ("{path}：封存时无法读取这张图片（{reason}）",
                                     "{path}: the image could not be read while sealing ({reason})"),
    "err.image_unreadable_sealing.hint": ("封存期间请不要让其他程序改动这个文件夹，然后再试一次。",
                                          "Make sure no other program changes the folder while bundling, and try "
                                          "again."),
    "err.unreadable_sealing": ("{path}：封存时无法读取（{reason}）", "{path}: could not be read while sealing ({reason})"),
    "err.unreadable_sealing.hint": ("封存期间请保持文件夹不变，然后再试一次。",
                                    "Make sure the folder does not change while bundling, and try again."),
    "err.changed_while_sealing": ("{path}：文件在封存过程中被改动了", "{path}: the file changed while it was being sealed"),
    "err.changed_while_sealing.hint": ("关闭所有会写入证据文件夹的程序，然后重新运行 bundle。",
                                       "Close any program that writes to the evidence folder and run bundle again."),
    "err.identity_name_char": ("名字 {name} 含有字符 {char}（U+{codepoint}），本工具生成的证书无法容纳它（签名库只认识 "
                               "Unicode 3.2 中的字符）",
                               "the name {name} contains {char} (U+{codepoint}), which certificates made by this tool "
                               "cannot hold (the signing libraries know only characters of Unicode 3.2)"),
    "err.identity_name_char.hint": ("在 --name 中把这个字换一种写法（例如常用的异体字或拼音）；case.toml 中投诉人的真实姓名"
                                    "不受影响。",
                                    "Write that character another way (e.g. a common variant or pinyin) in --name; "
                                    "the complainant's real name in case.toml is not affected."),
    "err.identity_exists": ("{path}：签名身份已存在", "{path}: an identity already exists"),
    "err.identity_exists.hint": ("用 --force 替换它（旧密钥会丢失）。", "Use --force to replace it (the old key is lost)."),
    "err.identity_no_name": ("签名身份需要一个名字", "the identity needs a name"),
    "err.identity_no_name.hint": ("请给出 --name，例如 --name 张三。", "Give --name, e.g. --name 'Zhang San'."),
    "err.identity_unreadable": ("{path}：无法读取签名身份（{reason}）", "{path}: cannot read the identity ({reason})"),
    "err.identity_unreadable.hint": ("检查 --identity，或运行 `evidencekit identity create --name 你的姓名`。",
                                     "Check --identity, or run `evidencekit identity create --name NAME`."),
    "err.identity_locked": ("{path}：签名身份受口令保护", "{path}: the identity is protected by a passphrase"),
    "err.identity_locked.hint": ("设置环境变量 {env}，或在终端中运行命令，以便询问口令。",
                                 "Set {env}, or run the command in a terminal to be asked."),
    "err.identity_passphrase": ("{path}：口令错误，或不是 PKCS#12 文件", "{path}: wrong passphrase, or not a PKCS#12 file"),
    "err.identity_passphrase.hint": ("检查口令；PKCS#12 文件的扩展名通常是 .p12 或 .pfx。",
                                     "Check the passphrase; a PKCS#12 file usually ends in .p12 or .pfx."),
    "err.identity_incomplete": ("{path}：这个 PKCS#12 文件中没有私钥和证书",
                                "{path}: the PKCS#12 file holds no private key and certificate"),
    "err.identity_incomplete.hint": ("导出签名身份时请包含私钥。", "Export the identity with its private key."),
    "err.identity_key_type": ("{path}：不支持的密钥类型 {type}", "{path}: unsupported key type {type}"),
    "err.identity_key_type.hint": ("请使用 RSA 或 ECDSA 密钥。", "Use an RSA or ECDSA key."),
    "err.unknown_channel": ("未知的投诉渠道 {channel}；可用的渠道：{known}", "unknown channel {channel}; valid channels: {known}"),
    "err.unknown_channel.hint": ("运行 `evidencekit channels` 查看每个渠道是什么", "run `evidencekit channels` to see what each one is"),
    "err.font": ("{path}：无法使用这个字体", "{path}: cannot use this font ({detail})"),
    "err.font.hint": ("请给出含中文字形、使用 TrueType 轮廓的 TrueType 字体（.ttf 或 .ttc）；OpenType/CFF 字体（.otf）无法"
                      "以子集方式嵌入。",
                      "Give a TrueType font (.ttf, or .ttc) with Chinese glyphs and TrueType outlines; OpenType/CFF "
                      "fonts (.otf) cannot be embedded as subsets."),
    "err.case_unreadable": ("无法读取 {path}：{reason}", "cannot read {path}: {reason}"),
    "err.case_unreadable.hint": ("检查文件是否存在、是否可读", "check that the file exists and is readable"),
    # ---- writing an output (fileio.output_error): the real cause, naming the output, never an input
    "err.out.full": ("输出文件夹 {folder} 已满（设备上没有剩余空间）：请腾出空间或换一个文件夹",
                     "the output folder {folder} is full (no space left on device): free space or choose another "
                     "folder"),
    "err.out.quota": ("输出文件夹 {folder} 已满（超出磁盘配额）：请腾出空间或换一个文件夹",
                      "the output folder {folder} is full (disk quota exceeded): free space or choose another folder"),
    "err.out.too_big": ("{path}：对输出文件夹 {folder} 所在的文件系统来说，文件太大：请换一块磁盘上的文件夹",
                        "{path}: the file is too large for the file system of the output folder {folder}: choose a "
                        "folder on another disk"),
    "err.out.name_too_long": ("名字 {name}（{size} 字节；最多 {limit}）对这个文件系统来说太长：{path}",
                              "the name {name} ({size} bytes; at most {limit}) is too long for this file system: {path}"),
    "err.out.path_too_long": ("路径（{size} 字节；最多 {limit}）对这个文件系统来说太长：{path}",
                              "the path ({size} bytes; at most {limit}) is too long for this file system: {path}"),
    "err.out.read_only": ("输出文件夹 {folder} 位于只读文件系统上：请换一个文件夹",
                          "the output folder {folder} is on a read-only file system: choose another folder"),
    "err.out.no_permission": ("没有权限在输出文件夹 {folder} 中写入 {path}：请换一个文件夹",
                              "no permission to write {path} in the output folder {folder}: choose another folder"),
    "err.out.other": ("{path}：无法写入（{reason}）", "{path}: cannot be written ({reason})"),
    "err.out.not_a_folder": ("{path}：是符号链接或文件，不是文件夹；extract 从不经由链接写入",
                             "{path}: is a symbolic link or a file, not a folder; extract never writes through a link"),
    "err.out.not_a_folder.hint": ("请取出到一个空文件夹。", "Extract into an empty folder."),
    "err.out.hint_shorter": ("请用更短的名字，或选一个更靠近磁盘根目录的文件夹。",
                             "Choose a shorter name, or a folder nearer the root of the disk."),
    "err.out.hint_permission": ("请选择你有写入权限的文件夹，或修改它的权限。",
                                "Choose a folder you can write to, or fix its permissions."),
    "err.out.hint_nothing_left": ("没有留下写了一半的文件。", "Nothing half-written was left behind."),
    # ---- a sealed manifest that is not what the schema says
    "err.manifest.not_ours": ("不是 evidencekit 清单", "not an evidencekit manifest"),
    "err.manifest.item_not_object": ("清单已损坏：第 {n} 项不是对象", "the manifest is damaged: item {n} is not an object"),
    "err.manifest.item_field": ("清单已损坏：第 {n} 项没有有效的 {key}", "the manifest is damaged: item {n} has no valid {key}"),
    "err.manifest.path_bytes": ("path_bytes 不是 base64", "path_bytes is not base64"),
    # ---- extract: why an original was not written, and notes on names
    "unpack.escapes": ("路径会跑出目标文件夹；拒绝写出", "path would escape the destination folder; refused"),
    "unpack.raw_name_mismatch": ("其原始文件名（path_bytes）与路径不一致；拒绝写出",
                                 "its raw name (path_bytes) does not match its path; refused"),
    "unpack.missing": ("卷宗中没有这个附件", "missing from the dossier"),
    "unpack.sha256_mismatch": ("SHA-256 与清单不符：附件被改动过；未写出",
                               "SHA-256 does not match the manifest: the attachment was changed; not written"),
    "unpack.sm3_mismatch": ("SM3 与清单不符；未写出", "SM3 does not match the manifest; not written"),
    "unpack.case_mismatch": ("与清单中的案件信息不一致；未写出", "does not match the case data in the manifest; not written"),
    "unpack.name_shortened": ("名字 {name}（{size} 字节）对这个文件系统来说太长（最多 {limit} 字节）",
                              "the name {name} ({size} bytes) is too long for this file system (at most {limit} bytes)"),
    "unpack.written_as": ("{id}：{note}；写为 {written_as}", "{id}: {note}; written as {written_as}"),
    # ---- why something in the case folder is not bundled (collect.py)
    "skip.folder_unreadable": ("文件夹无法读取（{reason}）", "folder cannot be read ({reason})"),
    "skip.unreadable": ("无法读取（{reason}）", "cannot be read ({reason})"),
    "skip.os_folder": ("操作系统生成的文件夹，不是证据", "operating-system folder, not evidence"),
    "skip.not_regular": ("不是普通文件（设备、套接字或管道）", "not a regular file (device, socket or pipe)"),
    "skip.os_litter": ("操作系统自动生成的文件，不是证据", "operating-system litter, not evidence"),
    "skip.office_temp": ("Office/WPS 的锁定文件或临时文件，不是证据", "an Office or WPS lock or temporary file, not evidence"),
    "skip.no_permission": ("没有读取权限", "no permission to read it"),
    "skip.symlink": ("符号链接（不跟随）", "symbolic link (not followed)"),
    "skip.symlink_inside": ("符号链接，指向 {target}（文件夹内）：不跟随链接；如是证据，请把文件本身复制进来",
                            "symbolic link to {target} (inside the folder); links are never followed — copy the "
                            "file in if it is evidence"),
    "skip.symlink_outside": ("符号链接，指向 {target}（文件夹外）：不跟随链接；如是证据，请把文件本身复制进来",
                             "symbolic link to {target} (outside the folder); links are never followed — copy the "
                             "file in if it is evidence"),
    # ---- a text that predates the catalog, shown as it is
    "note.text": ("{text}", "{text}"),
    # ---- why an image cannot be drawn (pdf/images.py)
    "image.jpeg_truncated": ("JPEG 数据提前结束（文件似乎被截断了）", "the JPEG data ends early (the file looks truncated)"),
    "image.not_png": ("不是 PNG 图片", "not a PNG"),
    "image.png_no_end": ("PNG 在结束块（IEND）之前就结束了（被截断）", "the PNG ends before its IEND chunk (truncated)"),
    "image.png_chunk_cut": ("PNG 在一个数据块中间结束（被截断）", "the PNG ends inside a chunk (truncated)"),
    "image.png_data_cut": ("PNG 的图像数据不完整（被截断）", "the PNG image data is cut short (truncated)"),
    "image.damaged": ("图像数据已损坏或不完整", "the image data is damaged or cut short ({detail})"),
    "image.unsupported": ("不是本工具能绘制的图片", "not an image this tool can draw ({detail})"),
    "unpack.notes": ("{notes}", "{notes}"),
    "tsa.causes": ("{causes}", "{causes}"),
    # ---- what a reader should know about one file (extract/*, collect.py): per-file warnings
    "warn.in_file": ("{name}：{message}", "{name}: {message}"),
    "warn.in_file_at": ("{name} {where}：{message}", "{name} {where}: {message}"),
    "warn.more_not_shown": ("{name}：另有 {n} 条提示未列出", "{name}: {n} more warnings not shown"),
    "warn.where.line": ("第 {n} 行", "line {n}"),
    "warn.where.row": ("第 {n} 行", "row {n}"),
    "warn.where.lines": ("第 1-{last} 行", "lines 1-{last}"),
    "warn.where.rows": ("第 1-{last} 行", "rows 1-{last}"),
    "warn.where.line_span": ("第 {first}-{last} 行", "lines {first}-{last}"),
    "warn.where.message_id": ("消息 id {id}", "message id {id}"),
    "warn.where.message_index": ("第 {n} 条消息", "message #{n}"),
    "warn.where.page": ("第 {n} 页", "page {n}"),
    "warn.empty_file": ("空文件（0 字节）：导出或下载是否完整？", "empty file (0 bytes): was the export or download complete?"),
    "warn.bill.row_truncated": ("这一行有 {fields} 个字段，而表头（{header}）有 {named} 个：文件似乎被截断了；已跳过这一行",
                                "row has {fields} fields where the header ({header}) has {named}: the file looks "
                                "truncated; row skipped"),
    "warn.bill.row_short": ("这一行有 {fields} 个字段，而表头有 {named} 个；缺少的字段留空",
                            "row has {fields} fields where the header has {named}; missing fields left empty"),
    "warn.bill.amount": ("金额 {value} 不是数字", "amount {value} is not a number"),
    "warn.bill.time": ("时间 {value} 不是日期和时间", "time {value} is not a date and time"),
    "warn.bill.no_header": ("没有找到写明列名的表头（{columns}）；没有读取任何交易",
                            "no header row naming the columns ({columns}) was found; no transactions read"),
    "warn.bill.no_header_encoding": ("没有找到写明列名的表头（{columns}）（按 {encoding} 编码读取；文件是这种编码吗？）；"
                                     "没有读取任何交易",
                                     "no header row naming the columns ({columns}) was found (read as {encoding}; is "
                                     "that the file's encoding?); no transactions read"),
    "warn.bill.capped": ("只保留并显示了 {total} 笔交易中的前 {first} 笔；合计按每一行计算，全部交易都在所附原件中",
                         "only the first {first} of {total} transactions are kept and shown; every row is counted in "
                         "the totals, and all are in the attached original"),
    "warn.bill.capped_disputed": ("只保留并显示了 {total} 笔交易中的前 {first} 笔（另有其后的 {extra} 笔争议交易）；合计按每"
                                  "一行计算，全部交易都在所附原件中",
                                  "only the first {first} of {total} transactions are kept and shown (and {extra} "
                                  "disputed after them); every row is counted in the totals, and all are in the "
                                  "attached original"),
    "warn.bill.count_mismatch": ("导出文件自称有 {stated} 笔交易，但只读到 {read} 笔：文件可能被截断或改动过",
                                 "the export says it holds {stated} transactions but {read} were read: the file may "
                                 "be truncated or edited"),
    "warn.bill.id_as_number": ("订单号 {number} 以数字形式保存；第 15 位之后的数字可能已丢失",
                               "order number {number} is stored as a number; digits past the 15th may be lost"),
    "warn.bill.unknown_format": ("表头像是账单，但既不是支付宝的也不是微信支付的；按列名读取",
                                 "the header looks like a bill but neither Alipay's nor WeChat Pay's; read by column "
                                 "names"),
    "warn.bill.zip": ("这是 zip 压缩包，不是账单；如果是银行的加密导出文件，请解压后加入其中的 CSV",
                      "a zip archive, not a bill; if it is the bank's encrypted export, unzip it and add the CSV"),
    "warn.xlsx.unreadable": ("不是可读的 XLSX 工作簿", "not a readable XLSX workbook ({detail})"),
    "warn.xlsx.stopped": ("工作簿读到一半中断了", "the workbook stopped reading ({detail})"),
    "warn.chat.capped": ("只保留并显示了 {total} 条消息中的前 {first} 条；全部消息都在所附原件中",
                         "only the first {first} of {total} messages are kept and shown; all are in the attached "
                         "original"),
    "warn.chat.capped_disputed": ("只保留并显示了 {total} 条消息中的前 {first} 条（另有其后提到争议单号的 {extra} 条）；"
                                  "全部消息都在所附原件中",
                                  "only the first {first} of {total} messages are kept and shown (and {extra} after "
                                  "them that name a disputed id); all are in the attached original"),
    "warn.chat.none": ("没有找到消息", "no messages were found"),
    "warn.chat.no_times": ("没有一条消息带有时间；只能看出各行的先后顺序", "no message carries a time; the order of lines is all the chat shows"),
    "warn.chat.text_before": ("第一条消息之前的文字已跳过", "text before the first message was skipped"),
    "warn.chat.date": ("日期 {value} 无法识别", "date {value} is not readable"),
    "warn.telegram.no_list": ("聊天 {name} 没有消息列表", "chat {name} has no message list"),
    "warn.telegram.not_object": ("不是消息对象；已跳过", "is not a message object; skipped"),
    "warn.telegram.invalid_json": ("JSON 格式错误：文件在这里损坏或被截断；没有读取任何消息",
                                   "invalid JSON ({detail}): the file is damaged or cut off here; no messages read"),
    "warn.telegram.invalid_json_read": ("JSON 格式错误：文件在这里损坏或被截断；已读取此前的 {read} 条消息",
                                        "invalid JSON ({detail}): the file is damaged or cut off here; the {read} "
                                        "messages before it are read"),
    "warn.telegram.unreadable": ("无法按 JSON 读取", "could not be read as JSON ({detail})"),
    "warn.telegram.not_telegram": ("JSON 中既没有 messages 也没有 chats：不是 Telegram 导出文件",
                                   "JSON without 'messages' or 'chats': not a Telegram export"),
    "warn.wechat.not_liuhen": ("第一行不是留痕导出的表头（localId,TalkerId,Type,…）；没有读取任何消息",
                               "the first line is not a 留痕 header (localId,TalkerId,Type,…); no messages read"),
    "warn.wechat.row_short": ("这一行只有 {fields} 个字段，少于 {needed} 个：已截断；已跳过",
                              "row has {fields} fields, fewer than {needed}: truncated; skipped"),
    "warn.wechat.type": ("消息类型 {value} 不是数字", "message type {value} is not a number"),
    "warn.wechat.time": ("时间 {value} 无法识别", "time {value} is not readable"),
    "warn.whatsapp.text_before": ("第一条带日期的消息之前的文字已跳过", "text before the first dated message was skipped"),
    "warn.whatsapp.date": ("日期 {value} 按 {order} 顺序不是有效日期", "date {value} is not a valid {order} date"),
    "warn.whatsapp.date_order": ("case.toml 中的 date_order {value} 不是 dmy 或 mdy；改为自动推断",
                                 "date_order {value} from case.toml is not 'dmy' or 'mdy'; inferred instead"),
    "warn.whatsapp.ambiguous": ("无法从这个文件判断日和月的先后（没有大于 12 的日）；按 日/月/年 读取。如果不对，请在 "
                                "case.toml 的 [[evidence]] 中为它设置 date_order = \"mdy\"",
                                "day and month order cannot be told from this file (no day above 12); read as "
                                "day/month/year. If that is wrong, set date_order = \"mdy\" for it in case.toml "
                                "[[evidence]]"),
    "warn.image.heic_unsupported": ("HEIC/HEIF 图片无法显示：没有安装 pillow-heif；原文件已附上并列入清单",
                                    "HEIC/HEIF image not shown: pillow-heif is not installed; it is attached and listed"),
    "warn.image.heic_undecodable": ("HEIC/HEIF 图片无法显示：无法解码；原文件已附上并列入清单",
                                    "HEIC/HEIF image not shown: it could not be decoded ({detail}); it is attached and "
                                    "listed"),
    "warn.image.unreadable": ("不是可读的图片", "not a readable image ({detail})"),
    "warn.image.exif": ("EXIF 数据无法读取", "EXIF data is unreadable ({detail})"),
    "warn.image.gps": ("含有 GPS 定位信息（隐私数据）：公开分享证据材料之前请遮盖或去除",
                       "contains GPS location (private data): mask or strip it before sharing the dossier publicly"),
    "warn.image.damaged": ("图像数据被截断或已损坏；可能无法显示", "image data is truncated or corrupt ({detail}); it may not display"),
    "warn.media.headers": ("文件头无法读取", "headers could not be read ({detail})"),
    "warn.media.unknown": ("文件开头没有可识别的音频或视频容器（libmagic 判断为 {mime}）",
                           "no audio or video container recognised in its first bytes (libmagic says {mime})"),
    "warn.media.reader_headers": ("{reader} 文件头无法读取", "the {reader} headers could not be read ({detail})"),
    "warn.media.packet_length": ("文件在数据包长度字段中间结束：文件被截断了", "ends inside a packet length: the file is truncated"),
    "warn.media.packet_cut": ("第 {n} 个数据包不完整：文件被截断了", "packet {n} is cut short: the file is truncated"),
    "warn.media.frame_cut": ("第 {n} 帧不完整：文件被截断了", "frame {n} is cut short: the file is truncated"),
    "warn.media.short": ("文件头标明时长 {said} 秒，但文件在 {ends} 秒处就结束了（缺少 {missing} 字节）：文件被截断了",
                         "the header says {said} s but the file ends after {ends} s ({missing} bytes missing): the "
                         "file is truncated"),
    "warn.media.ogg_codec": ("没有 Opus、Vorbis、Speex、FLAC 或 Theora 流头：编码未知",
                             "no Opus, Vorbis, Speex, FLAC or Theora stream header: the codec is unknown"),
    "warn.media.box_size": ("第 {at} 字节处的数据盒大小不可能成立：文件已损坏",
                            "box at byte {at} has an impossible size: the file is damaged"),
    "warn.media.moov_large": ("影片头（moov）太大，无法读取", "the movie header is too large to read"),
    "warn.media.no_moov": ("没有 moov 数据盒（影片头）：文件被截断了，或仍在录制中",
                           "no moov box (movie header): the file is truncated or still being recorded"),
    "warn.zip.encrypted": ("这是有密码保护的 zip：请用平台发来的密码解压，并把里面的文件加入案件，以便读取其内容",
                           "a password-protected zip: unzip it with the password the platform sent and add the files "
                           "inside to the case so their contents can be read"),
    "warn.no_extractor": ("没有能读取 {mime} 的提取器；文件按原样附上并列入清单",
                          "no extractor reads {mime}; the file is attached and listed as it is"),
    "warn.no_extractor.unknown": ("没有能读取这类文件的提取器；文件按原样附上并列入清单",
                                  "no extractor reads this type; the file is attached and listed as it is"),
    "warn.unknown_kind": ("未知的证据类型 {kind}；文件按原样附上并列入清单",
                          "unknown evidence kind {kind}; the file is attached and listed as it is"),
    "warn.extractor_failed": ("无法按{kind}读取；文件按原样附上并列入清单",
                              "could not be read as {kind} ({detail}); it is attached and listed as it is"),
    "warn.pdf.unreadable": ("不是可读的 PDF", "not a readable PDF ({detail})"),
    "warn.pdf.cannot_decrypt": ("无法解密", "cannot decrypt ({detail})"),
    "warn.pdf.encrypted": ("已加密；请在 case.toml 的 [[evidence]] 中写上它的密码 password = \"…\"，以便显示其页面（无论"
                           "如何原文件都会附上并列入清单）",
                           "encrypted; give its password in case.toml [[evidence]] password = \"…\" so its pages can "
                           "be shown (it is attached and listed either way)"),
    "warn.pdf.wrong_password": ("已加密；case.toml 中的密码打不开它；请在 case.toml 的 [[evidence]] 中写上它的密码 "
                                "password = \"…\"，以便显示其页面（无论如何原文件都会附上并列入清单）",
                                "encrypted; the password from case.toml did not open it; give its password in "
                                "case.toml [[evidence]] password = \"…\" so its pages can be shown (it is attached and "
                                "listed either way)"),
    "warn.pdf.broken": ("页面树或元数据已损坏", "page tree or metadata is broken ({detail})"),
    "warn.pdf.no_text": ("无法提取文字", "text could not be extracted ({detail})"),
    "warn.text.replaced": ("不符合 {encoding} 编码的字节已被替换", "bytes that are not valid {encoding} were replaced"),
    "warn.text.line_too_long": ("超过 {limit} 个字符（是不是缺了换行？）：这一行已损坏；只读取了前 {limit} 个字符（整行都在所附"
                                "原件中）",
                                "longer than {limit} characters (are its line breaks missing?): a damaged line; only "
                                "its first {limit} characters are read (the whole line is in the attached original)"),
    "warn.text.line_too_long_skipped": ("超过 {limit} 个字符（是不是缺了换行？）：这一行已损坏；已跳过（整行都在所附原件中）",
                                        "longer than {limit} characters (are its line breaks missing?): a damaged "
                                        "line; skipped (the whole line is in the attached original)"),
    "warn.csv.error_line": ("CSV 格式错误；这一行已跳过", "CSV error: {detail}; the line was skipped"),
    "warn.csv.error_lines": ("CSV 格式错误；这几行已跳过", "CSV error: {detail}; these lines were skipped"),
    "log.extractor_failed": ("{kind} 提取器处理 {path} 时出错", "extractor for {kind} failed on {path}"),
    "log.sniff_failed": ("无法查看 {path} 的内容以判断其类型", "could not look inside {path} to tell its kind"),
    "warn.same_name_nfc": ("另一个文件在 Unicode 规范化后也叫 {path}；本文件封存为 {sealed_as}",
                           "another file is also named {path} after Unicode normalisation; sealed as {sealed_as}"),
    # ---- verify: findings (the finding's own code, e.g. item-hash-mismatch, is in --json beside these)
    "verify.structure": ("{what}（第 {offset} 字节：{specifics}）。", "{specifics} (byte {offset}). {what}"),
    "verify.structure.duplicate-key": ("文件结构有歧义：一个字典把同一个键列了两次，不同的 PDF 阅读器会显示不同的内容",
                                       "The structure is ambiguous: a dictionary lists one key twice, and different "
                                       "PDF readers may show different content."),
    "verify.structure.object-defined-twice": ("文件结构有歧义：同一个文件版本中同一个对象被定义了两次，不同的阅读器会取"
                                              "不同的一个",
                                              "The structure is ambiguous: one object is defined twice in one "
                                              "revision, and different PDF readers may take different ones."),
    "verify.structure.stream-length-mismatch": ("数据流的长度（/Length）与它实际结束的位置不符",
                                                "A stream's /Length does not match where it ends; different PDF "
                                                "readers may show different content."),
    "verify.structure.xref-mismatch": ("交叉引用表与文件内容不符，阅读器可能读到另外的对象",
                                       "The cross-reference table does not match the file; a reader may take other "
                                       "objects."),
    "verify.structure.revision-chain-broken": ("文件的版本链（/Prev、startxref）与文件中实际的版本不符",
                                               "The chain of revisions (/Prev, startxref) does not match the "
                                               "revisions in the file."),
    "verify.structure.structure-invalid": ("文件中有无法解释的字节或损坏的结构",
                                           "The file holds bytes that cannot be explained or a damaged structure; "
                                           "different PDF readers may show different content."),
    "verify.structure.structure-unsupported": ("文件使用了证据卷宗从不使用的结构",
                                               "The file uses a structure a dossier never uses."),
    "verify.unsigned_after_seal": ("封存（签名覆盖）的部分在第 {sealed} 字节处结束，其后还有 {extra} 字节未被任何签名覆盖："
                                   "文件在封存之后被改动。可用 verify --save-sealed 取出封存时的原样文件。",
                                   "What the signatures cover ends at byte {sealed}; {extra} bytes after it are "
                                   "covered by no signature: the file was changed after sealing. verify "
                                   "--save-sealed gives back the file as it was sealed."),
    "verify.unsigned_after_seal.revision": ("封存（签名覆盖）的部分在第 {sealed} 字节处结束，其后还有 {extra} 字节未被任何"
                                            "签名覆盖（其中 {revisions} 个未签名的文件版本）：文件在封存之后被改动。可用 "
                                            "verify --save-sealed 取出封存时的原样文件。",
                                            "What the signatures cover ends at byte {sealed}; {extra} bytes after it "
                                            "are covered by no signature ({revisions} unsigned revision): the file "
                                            "was changed after sealing. verify --save-sealed gives back the file as "
                                            "it was sealed."),
    "verify.unsigned_after_seal.revisions": ("封存（签名覆盖）的部分在第 {sealed} 字节处结束，其后还有 {extra} 字节未被任何"
                                             "签名覆盖（其中 {revisions} 个未签名的文件版本）：文件在封存之后被改动。可用 "
                                             "verify --save-sealed 取出封存时的原样文件。",
                                             "What the signatures cover ends at byte {sealed}; {extra} bytes after it "
                                             "are covered by no signature ({revisions} unsigned revisions): the file "
                                             "was changed after sealing. verify --save-sealed gives back the file as "
                                             "it was sealed."),
    "verify.signature_broken": ("第 {n} 个签名：{problem}。文件在签名后被改动或损坏。",
                                "Signature {n}: {problem}. The file was changed or damaged after signing."),
    "verify.signature_invalid_raw": ("签名无效", "the signature is not valid"),
    "verify.structure_broken": ("文件结构已损坏，无法读取。", "The file's structure is damaged and cannot be read ({detail})."),
    "verify.seal_missing": ("封存签名已被移除或无法找到。", "The sealing signature has been removed or cannot be found."),
    "verify.not_a_dossier": ("文件不含 evidencekit 卷宗标记。", "The file carries no evidencekit dossier marker."),
    "verify.attachments_broken": ("卷宗的附件结构已损坏，无法读取。",
                                  "The dossier's attachment structure is damaged and cannot be read ({detail})."),
    "verify.metadata_changed.info": ("封存之后文档信息（/Info）被添加或改动。",
                                     "The document's /Info metadata was added or changed after sealing."),
    "verify.metadata_changed.xmp": ("封存之后 XMP 元数据（/Metadata）被添加或改动。",
                                    "The document's /Metadata metadata was added or changed after sealing."),
    "verify.annotation_added": ("封存之后第 {page} 页上被添加了可见的内容（{subtype}）。",
                                "Something visible ({subtype}) was added to page {page} after sealing."),
    "verify.revisions_unreadable": ("封存之后的修订无法完整读取。",
                                    "The revisions after the seal cannot be read completely ({detail})."),
    "verify.revision_count": ("PDF 阅读器看到 {seen} 个文件版本，而文件中实际有 {actual} 个。",
                              "A PDF reader sees {seen} revisions, but the file holds {actual}."),
    "verify.seal_value_reencoded": ("第 {n} 个签名的签名值（/Contents）不是签名程序写下的原样编码：它在签名之后被重写过。",
                                    "The value (/Contents) of signature {n} is not encoded as the signer wrote it: "
                                    "it was rewritten after signing."),
    "verify.parser_disagreement": ("不同的 PDF 阅读器看到的内容不同：{what}。", "PDF readers disagree on what this file shows: {what}."),
    "verify.time_source_claim": ("清单和封面声称封存时间由可信时间戳证明，但封存签名没有有效的时间戳。",
                                 "The manifest and cover say the sealing time comes from a timestamp authority, but "
                                 "the seal carries no valid timestamp."),
    "verify.attachment_route": ("附件的链接方式有歧义：{what}。不同的阅读器可能给出不同的文件。",
                                "The attachments are reachable in more than one way: {what}. Different readers may "
                                "give different files."),
    "verify.manifest_missing": ("卷宗中没有 manifest.json（证据清单数据）。",
                                "The dossier has no manifest.json (the evidence list data)."),
    "verify.manifest_unreadable": ("manifest.json 无法读取。", "manifest.json cannot be read."),
    "verify.manifest_id_mismatch": ("manifest.json 的 SHA-256（{actual}…）与卷宗编号（{expected}…）不一致。",
                                    "The SHA-256 of manifest.json ({actual}…) is not the dossier id ({expected}…)."),
    "verify.manifest_invalid": ("manifest.json 不是有效的 evidencekit 清单。", "manifest.json is not a valid evidencekit manifest."),
    "verify.item_missing": ("证据 {id}（{path}）的原始文件不在卷宗中。",
                            "Exhibit {id} ({path}): the original is missing from the dossier."),
    "verify.item_unreadable": ("证据 {id}（{path}）的附件无法读取。", "Exhibit {id} ({path}): the attachment cannot be read."),
    "verify.item_hash_mismatch": ("证据 {id}（{path}）：附件的 SHA-256 与清单不符（清单 {expected}…，实际 {found}…），"
                                  "原始文件已被改动。",
                                  "Exhibit {id} ({path}): the attachment's SHA-256 does not match the manifest "
                                  "(manifest {expected}…, found {found}…); the original was changed."),
    "verify.item_sm3_mismatch": ("证据 {id}（{path}）：SM3 与清单不符。",
                                 "Exhibit {id} ({path}): the SM3 digest does not match the manifest."),
    "verify.unexpected_attachment": ("卷宗中有清单之外的附件：{name}。",
                                     "The dossier holds an attachment that is not in the manifest: {name}."),
    "verify.case_mismatch": ("附件 case.toml 与清单中的案件信息不一致。",
                             "The attached case.toml does not match the case data in the manifest."),
    "verify.cover_unreadable": ("封面文字无法提取，未核对封面上的卷宗编号。",
                                "The cover's text cannot be extracted; the dossier id on it was not compared."),
    "verify.cover_id_mismatch": ("封面上印的卷宗编号与清单的 SHA-256 不一致。",
                                 "The dossier id printed on the cover is not the SHA-256 of the manifest."),
    "verify.signature_unverifiable": ("第 {n} 个签名无法核验。", "Signature {n} cannot be checked ({detail})."),
    "verify.timestamp_invalid": ("第 {n} 个签名的时间戳（{tsa}）无效：令牌的摘要或签名与文件不符。",
                                 "The timestamp of signature {n} ({tsa}) is not valid: the token's imprint or "
                                 "signature does not check out."),
    "verify.untrusted_tsa": ("第 {n} 个签名的时间戳机构 {tsa} 不能链接到所给的信任根（--trust）。",
                             "The timestamp authority {tsa} of signature {n} does not chain to the given trust "
                             "anchors (--trust)."),
    "verify.who": ("第 {n} 个签名（{signer}）", "Signature {n} ({signer})"),
    "verify.digest_mismatch": ("{who}：签名后文件内容被改动（摘要不符）。",
                               "{who}: the content changed after signing (digest mismatch)."),
    "verify.signature_invalid": ("{who}：签名值无效。", "{who}: the signature value is invalid."),
    "verify.coverage": ("{who}：签名没有覆盖它所在的整个文件版本（疑似签名包装攻击）。",
                        "{who}: the signature does not cover its whole revision (signature wrapping?)."),
    "verify.modified_after_signing": ("{who}：签名之后文件被追加修改（{changed}），这不是新增签名或时间戳。",
                                      "{who}: the file was changed after signing ({changed}); that is not a new "
                                      "signature or timestamp."),
    "verify.docmdp": ("{who}：签名后的改动违反了文件的修改权限。",
                      "{who}: changes after signing break the document's modification policy."),
    "verify.untrusted_signer": ("{who}：签名证书不能链接到所给的信任根（--trust）。",
                                "{who}: the certificate does not chain to the given trust anchors (--trust)."),
    "verify.change.field": ("签名字段 {name}", "signature field {name}"),
    "verify.change.dss": ("验证数据（DSS）", "validation data (DSS)"),
    "verify.change.other": ("不是签名或时间戳的改动", "changes that are not signatures or timestamps ({detail})"),
    "verify.change.level": ("{level}", "{level}"),
    # ---- why a raw signature does not hold (pdf/rawsig.py)
    "sig.no_digest": ("签名值中没有消息摘要", "the signature value holds no message digest"),
    "sig.not_cms": ("签名值不是可读的 CMS 签名", "the signature value is not a readable CMS signature"),
    "sig.digest_mismatch": ("被签名的字节与签名中的摘要不再一致", "the signed bytes no longer match the signature's digest"),
    "sig.byte_range_bad": ("签名范围（/ByteRange）超出文件或自相重叠", "its /ByteRange points outside the file or overlaps itself"),
    "sig.byte_range_wrapping": ("签名范围未精确排除签名值（疑似签名包装攻击）",
                                "the signed ranges do not leave exactly the signature value out"),
    "sig.padding_changed": ("签名值预留空间中的字节在签名后被改动",
                            "bytes in the signature's reserved space were changed after signing"),
    "sig.signer_certificate_changed": ("签名值中的签名人证书在签名后被改动",
                                       "the signer's certificate in the signature value was changed after signing"),
    "sig.foreign_certificate": ("签名值中带有被改动过或不属于该签名的证书",
                                "the signature value carries a certificate that was changed or does not belong to it"),
    "sig.certificate_altered": ("签名值中的证书在签发后被改动",
                                "the signature value carries a certificate that was changed after it was issued"),
    "sig.in_timestamp": ("其时间戳令牌中：{problem}", "in its timestamp token: {problem}"),
    # ---- what pyHanko or qpdf reads differently (pdf/agreement.py)
    "agree.revisions": ("pyHanko 看到 {seen} 个文件版本，文件中实际有 {actual} 个",
                        "pyHanko sees {seen} revisions, the file holds {actual}"),
    "agree.xref": ("第 {revision} 个文件版本中，pyHanko 读到的对象位置与文件实际内容不符（{differing}）",
                   "in revision {revision}, pyHanko locates objects elsewhere than where they are ({differing})"),
    "agree.unreadable": ("无法读取页面或附件", "the pages or attachments cannot be read ({detail})"),
    "agree.qpdf_cannot_open": ("qpdf 无法打开该文件", "qpdf cannot open the file ({detail})"),
    "agree.qpdf_unreadable": ("qpdf 无法读取页面或附件", "qpdf cannot read the pages or attachments ({detail})"),
    "agree.qpdf_reports": ("qpdf 报告：{warning}", "qpdf reports: {warning}"),
    "agree.catalog": ("qpdf 读到的文档目录（catalog）不同", "qpdf reads another document catalog"),
    "agree.page_count": ("签名核验读到 {ours} 页，qpdf 读到 {theirs} 页", "the signature check reads {ours} pages, qpdf {theirs}"),
    "agree.page": ("qpdf 读到的第 {pages} 页内容不同", "qpdf reads page {pages} differently"),
    "agree.pages": ("qpdf 读到的第 {pages} 页内容不同", "qpdf reads pages {pages} differently"),
    "agree.files": ("qpdf 读到的附件不同（{ours} 对 {theirs} 个）", "qpdf reads other attached files ({theirs} against {ours})"),
    # ---- ways to an attached file other than the one a dossier uses (pdf/attachments.py)
    "route.too_deep": ("附件名录嵌套过深", "the attachment name tree is nested too deep"),
    "route.unpaired": ("附件名录的条目不成对", "the attachment name tree has an unpaired entry"),
    "route.name_twice": ("附件名 {name} 出现了两次", "the attachment name {name} is listed twice"),
    "route.spec_direct": ("附件 {name} 的文件说明不是独立对象", "the file specification of {name} is not an object"),
    "route.no_stream": ("附件 {name} 没有 /EF /F 数据流", "attachment {name} has no /EF /F stream"),
    "route.other_streams": ("附件 {name} 还有其他数据流（{streams}）", "attachment {name} carries other streams ({streams})"),
    "route.uf_differs": ("附件 {name} 的 /UF 数据流与 /F 不是同一个", "attachment {name}: its /UF stream is not its /F stream"),
    "route.related_files": ("附件 {name} 带有 /RF 相关文件", "attachment {name} carries related files (/RF)"),
    "route.catalog": ("目录", "the catalog"),
    "route.page": ("第 {n} 页", "page {n}"),
    "route.af_outside": ("{where}的 /AF 指向附件名录之外的文件", "{where}'s /AF names a file outside the attachment name tree"),
    "route.annotation": ("第 {n} 页带有文件附件注释", "page {n} carries a file attachment annotation"),
    # ---- what exactly is wrong in a PDF's structure (pdf/structure.py), for an expert
    "pdf.nested_too_deep": ("对象嵌套超过 64 层", "objects nested more than 64 deep"),
    "pdf.ends_inside_object": ("文件在一个对象中间结束", "the file ends inside an object"),
    "pdf.hex_string_open": ("十六进制字符串没有结束", "a hexadecimal string is not closed"),
    "pdf.keyword_in_array": ("数组中出现关键字 {word}", "{word} inside an array"),
    "pdf.unexpected_byte": ("意外的字节 {byte}", "unexpected byte {byte}"),
    "pdf.key_not_name": ("字典的键不是名称", "a dictionary key is not a name"),
    "pdf.value_keyword": ("字典的值是关键字 {word}", "a dictionary value is {word}"),
    "pdf.duplicate_key": ("第 {at} 字节处的字典把 {key} 列了两次", "the dictionary at byte {at} lists {key} twice"),
    "pdf.string_open": ("字符串没有结束", "a string is not closed"),
    "pdf.bad_name": ("名称 {name} 的写法有误", "a malformed name {name}"),
    "pdf.object_too_large": ("对象太大或没有结束", "an object is too large or not closed"),
    "pdf.no_header": ("文件不是以 %PDF- 文件头开始的", "the file does not start with a %PDF- header"),
    "pdf.unexpected_bytes": ("第 {at} 字节处有意外的字节（{what}）：既不是对象、交叉引用段，也不是文件版本的结尾",
                             "unexpected bytes at {at} ({what}): not an object, a cross-reference section or the end "
                             "of a revision"),
    "pdf.defined_twice": ("对象 {num} 在同一个文件版本中被定义了两次（第 {first} 和第 {second} 字节）",
                          "object {num} is defined twice in one revision (at {first} and {second})"),
    "pdf.defined_twice_objstm": ("对象 {num} 在同一个文件版本中被定义了两次（直接定义一次，在对象流 {stream} 中又一次）",
                                 "object {num} is defined twice in one revision (directly and in object stream {stream})"),
    "pdf.bare_keyword": ("对象 {num} 只有一个关键字 {word}", "object {num} holds the bare keyword {word}"),
    "pdf.stream_no_dict": ("对象 {num}：数据流没有字典", "object {num}: a stream without a dictionary"),
    "pdf.stream_no_eol": ("对象 {num}：stream 关键字后没有换行", "object {num}: the stream keyword is not followed by an end of line"),
    "pdf.stream_no_length": ("对象 {num}：数据流没有有效的 /Length", "object {num}: the stream has no valid /Length"),
    "pdf.stream_length_wrong": ("对象 {num}：其 /Length {length} 的结束位置不是 endstream 所在之处",
                                "object {num}: its /Length {length} does not end where 'endstream' is"),
    "pdf.endobj_expected": ("对象 {num}：第 {at} 字节处应为 endobj", "object {num}: 'endobj' expected at byte {at}"),
    "pdf.length_ref_missing": ("找不到间接的 /Length {ref}", "the indirect /Length {ref} cannot be found"),
    "pdf.xref_malformed": ("交叉引用表的写法有误", "a malformed cross-reference table"),
    "pdf.xref_subsection_malformed": ("第 {at} 字节处的交叉引用子段写法有误", "a malformed cross-reference subsection at byte {at}"),
    "pdf.xref_subsection_large": ("交叉引用子段过大", "a cross-reference subsection too large"),
    "pdf.xref_entry_malformed": ("第 {at} 字节处的交叉引用条目写法有误", "a malformed cross-reference entry at byte {at}"),
    "pdf.trailer_not_dict": ("文件尾（trailer）不是字典", "the trailer is not a dictionary"),
    "pdf.startxref_expected": ("第 {at} 字节处应为 startxref 和 %%EOF", "'startxref' and '%%EOF' expected at byte {at}"),
    "pdf.startxref_wrong": ("startxref 指向 {says}，但这个文件版本的交叉引用段在 {actual}",
                            "startxref says {says}, but this revision's cross-reference section is at {actual}"),
    "pdf.xref_lists_twice": ("第 {at} 字节处的交叉引用段把对象 {num} 列了两次",
                             "the cross-reference section at {at} lists object {num} twice"),
    "pdf.xref_points_nowhere": ("对象 {num} 的交叉引用条目指向第 {at} 字节，而这个文件版本在那里并没有定义它",
                                "the cross-reference entry for object {num} points at byte {at}, where this revision "
                                "does not define it"),
    "pdf.xref_stream_missing": ("据称对象 {num} 在对象流 {stream} 中，但这个文件版本没有定义该对象流",
                                "object {num} is said to be in object stream {stream}, which this revision does not "
                                "define"),
    "pdf.not_at_index": ("对象 {num} 不在对象流 {stream} 的第 {index} 个位置",
                         "object {num} is not at index {index} of object stream {stream}"),
    "pdf.not_in_xref": ("第 {at} 字节处的对象 {num} 不在其文件版本的交叉引用段中",
                        "object {num} at byte {at} is not in its revision's cross-reference section"),
    "pdf.objstm_bad_n": ("对象流 {stream} 的 /N 或 /First 有误", "object stream {stream} has a bad /N or /First"),
    "pdf.objstm_short_header": ("对象流 {stream} 的头部太短", "object stream {stream} has a short header"),
    "pdf.objstm_bad_header": ("对象流 {stream} 的头部有误", "object stream {stream} has a bad header"),
    "pdf.objstm_twice": ("对象流 {stream} 把对象 {num} 放了两次", "object stream {stream} holds object {num} twice"),
    "pdf.in_objstm": ("在对象流 {stream} 中：{specifics}", "in object stream {stream}: {specifics}"),
    "pdf.stream_too_large": ("对象 {num}：数据流太大，无法检查", "object {num}: stream too large to check"),
    "pdf.unsupported_filter": ("对象 {num}：不支持的过滤器 {filter}", "object {num}: unsupported filter {filter}"),
    "pdf.decodes_too_much": ("对象 {num}：解码后的数据过多", "object {num}: decodes to too much data"),
    "pdf.undecodable": ("对象 {num}：数据无法解码", "object {num}: its data cannot be decoded ({detail})"),
    "pdf.bad_columns": ("对象 {num}：/Columns 有误", "object {num}: bad /Columns"),
    "pdf.predicted_length": ("对象 {num}：预测编码的数据长度不对", "object {num}: predicted data of a wrong length"),
    "pdf.png_predictor": ("对象 {num}：不支持的 PNG 预测器 {kind}", "object {num}: unsupported PNG predictor {kind}"),
    "pdf.xref_stream_w": ("交叉引用流的 /W 或 /Size 有误", "an xref stream with a bad /W or /Size"),
    "pdf.xref_stream_index": ("交叉引用流的 /Index 有误", "an xref stream with a bad /Index"),
    "pdf.xref_stream_short": ("交叉引用流比其 /Index 所说的短", "an xref stream shorter than its /Index says"),
    "pdf.no_revision": ("文件中没有一个完整的文件版本", "the file holds no complete revision"),
    "pdf.prev_outside": ("第一个文件版本指回（/Prev）一个不在文件中的版本",
                         "the first revision points back (/Prev) to a revision that is not in the file"),
    "pdf.prev_wrong": ("第 {revision} 个文件版本指回（/Prev {prev}）第 {prev} 字节，而不是它前一个版本（第 {expected} 字节）",
                       "revision {revision} points back (/Prev {prev}) to byte {prev}, not to the revision before it "
                       "(byte {expected})"),
    "pdf.no_root": ("第 {revision} 个文件版本没有指明文档目录（/Root）", "revision {revision} names no document catalog (/Root)"),
    "pdf.unsupported_key": ("第 {revision} 个文件版本使用了 {key}，证据卷宗从不使用它",
                            "revision {revision} uses {key}, which a dossier never does"),
    "pdf.size_too_small": ("第 {revision} 个文件版本的 /Size（{size}）不大于其最大的对象编号（{highest}）",
                           "revision {revision}'s /Size ({size}) does not exceed its highest object number ({highest})"),
    "pdf.trailing_bytes": ("最后一个文件版本之后还有字节（从第 {at} 字节起）", "bytes after the last revision, from byte {at}"),
    # ---- the verify report in words (verdict_text.py)
    "verdict.headline.valid": ("有效：卷宗自封存以来没有被改动，每个签名的时间都由时间戳机构（TSA）证明。",
                               "VALID: the dossier has not changed since it was sealed, and a timestamp authority "
                               "(TSA) attests the time of every signature."),
    "verdict.headline.untrusted-time": ("有效：卷宗自封存以来没有被改动。（注意：并非每个签名的时间都有时间戳机构证明；没有"
                                        "时间戳的，时间只是签名人自己的声明。）",
                                        "VALID: the dossier has not changed since it was sealed. (Note: not every "
                                        "signature's time is attested by a timestamp authority; where it is not, the "
                                        "time is only the signer's own claim.)"),
    "verdict.headline.untrusted-time.single": ("有效：卷宗自封存以来没有被改动。（注意：封存时间只是封存人电脑时钟的声明，"
                                               "没有时间戳机构证明。）",
                                               "VALID: the dossier has not changed since it was sealed. (Note: the "
                                               "sealing time is only the sealer's own clock's claim; no timestamp "
                                               "authority attests it.)"),
    "verdict.headline.untrusted-signer": ("完好但不可信：卷宗自封存以来没有被改动，但封存签名不是由您用 --trust 指定信任的"
                                          "任何人做出的。",
                                          "INTACT BUT NOT TRUSTED: the dossier has not changed since it was sealed, "
                                          "but the seal was not made by anyone you trust with --trust."),
    "verdict.headline.tampered": ("无效：卷宗在封存后被改动或损坏，不能作为未经篡改的证据使用。",
                                  "TAMPERED: the dossier was changed or damaged after sealing; it cannot be relied on "
                                  "as unaltered."),
    "verdict.headline.incomplete": ("不完整：卷宗缺少部分原始文件或清单，无法确认其完整性。",
                                    "INCOMPLETE: originals or the manifest are missing, so the dossier cannot be "
                                    "confirmed whole."),
    "verdict.self_signed_note": ("说明：封存证书是封存人自己生成的（自签名）。它证明文件封存后未被改动，但不能证明封存人的"
                                 "真实身份；自签名证书难以证明签名制作数据专属于并仅由签名人控制（《电子签名法》第十三条"
                                 "第一、二项），一般不能据此认定为可靠的电子签名。请向对方核对证书指纹。",
                                 "Note: the seal's certificate was made by the sealer (self-signed). It proves the file "
                                 "has not changed since sealing, but not who the sealer is; a self-signed certificate "
                                 "can hardly show that the key belonged to and was controlled only by the signer "
                                 "(Art. 13(1)(2) of the PRC Electronic Signature Law), so it is generally not shown to "
                                 "be a reliable electronic signature. Compare the certificate fingerprint with the "
                                 "sender."),
    "verdict.file": ("文件：{path}", "File: {path}"),
    "verdict.case": ("案件：{title}", "Case: {title}"),
    "verdict.dossier_id": ("卷宗编号：{id}", "Dossier id: {id}"),
    "verdict.originals": ("原始文件：{checked} / {total} 件逐一重新计算摘要，与清单一致",
                          "Originals: {checked} of {total} re-hashed and matching the manifest"),
    "verdict.found": ("发现的问题：", "What was found:"),
    "verdict.notes": ("提示：", "Notes:"),
    "verdict.kind.timestamp": ("文档时间戳", "Document timestamp"),
    "verdict.kind.seal": ("封存签名", "Seal"),
    "verdict.kind.countersignature": ("加签", "Countersignature"),
    "verdict.state.ok": ("完整有效", "intact and valid"),
    "verdict.state.bad": ("无效", "NOT valid"),
    "verdict.signature": ("{n}. {kind}（{field}）：{state}", "{n}. {kind} ({field}): {state}"),
    "verdict.added_since": ("  此前一个签名之后新增：{changes}", "  Added since the previous signature: {changes}"),
    "verdict.signer": ("  签名人：{name}", "  Signer: {name}"),
    "verdict.identity": ("  身份：{trust}", "  Identity: {trust}"),
    "verdict.fingerprint": ("  证书指纹 SHA-256：{fingerprint}", "  Certificate SHA-256: {fingerprint}"),
    "verdict.note": ("  说明：{note}", "  Note: {note}"),
    "verdict.location": ("  地点：{location}", "  Location: {location}"),
    "verdict.time": ("  时间：{time}", "  Time: {time}"),
    "verdict.coverage.file": ("覆盖整个文件", "covers the whole file"),
    "verdict.coverage.revision": ("覆盖它所在的文件版本，之后只追加了签名或时间戳",
                                  "covers its revision; only signatures or timestamps were added after it"),
    "verdict.trust.trusted": ("可信：证书链接到所给的信任根（--trust）", "trusted: the certificate chains to a --trust anchor"),
    "verdict.trust.not_trusted": ("不可信：证书不能链接到所给的信任根（--trust）",
                                  "NOT trusted: the certificate does not chain to the given --trust anchors"),
    "verdict.trust.self_signed": ("自签名：签名人自己生成的证书，身份未经第三方确认（可用 --trust 指定对方证书）",
                                  "self-signed: a certificate the signer made; no third party confirms who it is "
                                  "(pass the signer's certificate with --trust)"),
    "verdict.trust.issued_by": ("证书由 {issuer} 签发；未核验（用 --trust 指定该机构的根证书）",
                                "certificate issued by {issuer}; not checked (pass that CA's certificate with --trust)"),
    "verdict.tsa.trusted": ("该机构可信：链接到 --trust 信任根", "the TSA is trusted: it chains to a --trust anchor"),
    "verdict.tsa.not_trusted": ("该机构不能链接到所给的信任根", "the TSA does NOT chain to the given --trust anchors"),
    "verdict.tsa.unchecked": ("未核验该机构的身份：可用 --trust 指定其根证书",
                              "the TSA's identity was not checked: pass its CA certificate with --trust"),
    "verdict.time.tsa": ("{time}，由时间戳机构 {tsa} 证明（令牌摘要与签名均核对一致；{trust}）",
                         "{time}, attested by timestamp authority {tsa} (token imprint and signature check out; "
                         "{trust})"),
    "verdict.time.tsa_invalid": ("时间戳机构 {tsa} 的时间戳无效", "the timestamp by {tsa} is NOT valid"),
    "verdict.time.claimed": ("{time}（仅为签名人电脑时钟的声明，没有时间戳）",
                             "{time} (asserted by the signer's own clock; no timestamp)"),
    "verdict.time.unknown": ("未知", "unknown"),
    # ---- the statement's lint (statement_lint.py): advice for the complainant, never sealed
    "lint.facts_empty": ("事实经过未填写", "facts are empty"),
    "lint.facts_no_amount": ("事实经过中没有写明金额（如 218.00元）", "the facts name no amount (e.g. 218.00 yuan)"),
    "lint.facts_no_time": ("事实经过中没有写明时间", "the facts name no date or time"),
    "lint.facts_no_order": ("事实经过中没有写明订单号或交易单号", "the facts name no order or transaction number"),
    "lint.demand_empty": ("投诉请求未填写", "the demand is empty"),
    "lint.demand_vague": ("投诉请求不够具体：写明要求对方做什么（退款、恢复、解冻、赔偿、到账等）",
                          "the demand is vague: say what they should do (refund, restore, unfreeze, compensate, "
                          "credit the funds)"),
    "lint.demand_no_amount": ("投诉请求中没有写明金额", "the demand names no amount"),
    "lint.facts_heated": ("事实经过语气激烈，平和、客观的表述更有效", "the facts sound heated; a calm, factual tone works better"),
    "lint.facts_relative_date": ("事实经过使用了“{word}”等相对日期，请写明具体日期",
                                 "the facts say “{word}”: write the date instead"),
    "lint.demand_heated": ("投诉请求语气激烈", "the demand sounds heated"),
    # ---- bundle's notices (pipeline.py, plan.py): advice for the complainant, on stderr
    "bundle.no_tsa": ("没有可信时间戳：{reason}", "no trusted timestamp: {reason}"),
    "bundle.no_tsa_no_archive": ("没有可信时间戳：{reason}；--archive 需要时间戳，因此也没有加文档时间戳（B-LTA）",
                                 "no trusted timestamp: {reason}; --archive needs a timestamp, so no document "
                                 "timestamp (B-LTA) was added either"),
    "bundle.tsa_retry": ("{reason}；改为不带可信时间戳重新封存（--tsa-optional）",
                         "{reason}; sealing again without a trusted timestamp (--tsa-optional)"),
    "bundle.tsa_skip": ("{reason}；不带可信时间戳封存（--tsa-optional）：卷宗会说明其时间只是本机时钟的时间",
                        "{reason}; sealing without a trusted timestamp (--tsa-optional): the dossier says its time "
                        "is the local clock's"),
    "bundle.statement_lint": ("投诉书：{warning}", "statement: {warning}"),
    "bundle.identity_created": ("已新建一个自签名的签名身份“{name}”，位于 {path}；如要以你自己的名字封存，请运行 "
                                "`evidencekit identity create --name 你的姓名 --force`",
                                "created a new self-signed signing identity \"{name}\" at {path}; to seal under your "
                                "own name run `evidencekit identity create --name NAME --force`"),
    "bundle.generic_name": ("以通用名称“{name}”封存：运行一次 `evidencekit identity create --name 你的姓名 --force`，以后"
                            "以你的姓名封存",
                            "sealed under the generic name \"{name}\": run `evidencekit identity create --name NAME "
                            "--force` once to seal under your own name"),
    "bundle.public": ("公开材料：封面、投诉书、时间线和封存的案件信息已遮盖个人信息，但附件中的原始文件（截图、账单、聊天记录）"
                      "没有遮盖：发布前请检查并打码，或只发布投诉书文字",
                      "public dossier: the cover, statement, timeline and sealed case data are masked, but the "
                      "attached originals (screenshots, bills, chats) are not: check them and blur personal data "
                      "before posting, or post only the statement text"),
    "bundle.reputation": ("公开发布：只陈述能够证明的事实，不要使用侮辱性言辞；捏造、歪曲事实侵害企业名誉权的，要承担责任"
                          "（民法典第一千零二十四条、第一千零二十五条）",
                          "a public post: state only facts you can prove, without insults; inventing or distorting "
                          "facts harms the company's reputation and is not protected (Civil Code Arts. 1024, 1025)"),
    "err.no_signing_identity": ("没有签名身份：{path} 不存在", "no signing identity: {path} does not exist"),
    "err.no_signing_identity.hint": ("运行 `evidencekit identity create --name 你的姓名`，或传入 identity= / "
                                     "BundleOptions(identity_path=…)。",
                                     "Run `evidencekit identity create --name NAME`, or pass identity= / "
                                     "BundleOptions(identity_path=…)."),
    # ---- why an exhibit shows as a card instead of its content (visuals.py, plan.py)
    "visual.empty": ("空文件（0 字节）。", "Empty file (0 bytes)."),
    "visual.recording": ("录音文件（{mime}），请用播放器打开附件收听。", "Audio recording ({mime}); open the attachment in a player."),
    "visual.video": ("视频文件（{mime}），请用播放器打开附件观看。", "Video ({mime}); open the attachment in a player."),
    "visual.unsupported": ("此类文件（{mime}）无法在页面上显示。", "This kind of file ({mime}) cannot be shown on a page."),
    "visual.image_unreadable": ("图片无法显示：{reason}。", "The image cannot be shown: {reason}."),
    "visual.pdf_encrypted": ("PDF 已加密，封存时未提供密码，因此页面无法显示；原文件已完整附上，可用其密码打开。",
                             "The PDF is encrypted and no password was given when it was sealed, so its pages are not "
                             "shown; the original is attached in full and opens with its password."),
    "visual.pdf_unreadable": ("PDF 无法读取：{reason}。", "The PDF cannot be read: {reason}."),
    "visual.pdf_damaged": ("PDF 无法读取：文件已损坏或不是有效的 PDF。", "The PDF cannot be read: {detail}."),
    "visual.pdf_no_pages": ("PDF 没有页面。", "The PDF has no pages."),
    "visual.public_pdf": ("公开材料不展示此 PDF 的页面（其中可能有姓名、账号等个人信息）；原文件已作为附件封存。",
                          "A public dossier does not show this PDF's pages (they may carry names and accounts); the "
                          "original is sealed as an attachment."),
    # ---- case.toml problems (case.py): each with the line it is on
    "case_toml.problems": ("{origin}：{count} 个问题：\n{lines}", "{origin}: {count} problems:\n{lines}"),
    "case_toml.at_line": ("{origin} 第 {line} 行", "{origin}, line {line}"),
    "case_toml.problem": ("{where}：{key}{message}", "{where}:{key} {message}"),
    "case_toml.key": ("{key}：", " {key}:"),
    "case_toml.invalid_toml": ("TOML 格式错误{column}", "invalid TOML{column}: {detail}"),
    "case_toml.column": ("，第 {column} 列", ", column {column}"),
    "case_toml.invalid_toml.hint": ("检查那一行附近的引号和括号：文本值要加引号（\"…\"），表写作 [名称] 或 [[名称]]，多行文本用三个引号",
                               "check quotes and brackets near that line: text values need quotes (\"…\"), tables are "
                               "written [name] or [[name]], multi-line text uses triple quotes"),
    "case_toml.not_utf8": ("文件不是 UTF-8 文本", "the file is not UTF-8 text"),
    "case_toml.not_utf8.hint": ("把 case.toml 另存为 UTF-8 编码（多数编辑器：另存为… → 编码 UTF-8）",
                           "save case.toml as UTF-8 (in most editors: Save As… → Encoding UTF-8)"),
    "case_toml.amount_type": ("金额必须是字符串或数字，现在是{type}", "amount must be a string or number, got {type}"),
    "case_toml.amount_type.hint": ("以元为单位填写，例如 amount = \"218.00\"", "write it in yuan, e.g. amount = \"218.00\""),
    "case_toml.not_amount": ("{value} 不是金额", "{value} is not an amount"),
    "case_toml.not_amount.hint": ("以元为单位填写，最多两位小数，例如 amount = \"218.00\"",
                             "write it in yuan with at most 2 decimals, e.g. amount = \"218.00\""),
    "case_toml.amount_example.hint": ("例如 amount = \"218.00\"", "e.g. amount = \"218.00\""),
    "case_toml.amount_negative": ("{value} 是负数或不是有限的数", "{value} is negative or not finite"),
    "case_toml.amount_negative.hint": ("请填写涉及金额，以元为单位的正数", "give the amount at stake as a positive number of yuan"),
    "case_toml.amount_decimals": ("{value} 的小数超过两位", "{value} has more than 2 decimals"),
    "case_toml.amount_decimals.hint": ("金额以元为单位，最小单位是分（0.01）", "amounts are in yuan; the smallest unit is the fen (0.01)"),
    "case_toml.datetime.hint": ("填写日期和时间，例如 2025-03-12T20:15:03+08:00（不写时区时按北京时间）",
                           "write a date and time, e.g. 2025-03-12T20:15:03+08:00 (without an offset: Beijing time)"),
    "case_toml.date.hint": ("填写日期，例如 2025-03-13", "write a date, e.g. 2025-03-13"),
    "case_toml.date_without_time": ("{value} 是日期，没有具体时间", "{value} is a date without a time of day"),
    "case_toml.not_datetime": ("{value} 不是日期和时间", "{value} is not a date and time"),
    "case_toml.bad_time": ("{value} 不是有效的时间", "{value} is not a valid time ({detail})"),
    "case_toml.datetime_type": ("应为日期和时间，现在是{type}", "expected a date and time, got {type}"),
    "case_toml.bad_date": ("{value} 不是有效的日期", "{value} is not a valid date ({detail})"),
    "case_toml.not_date": ("{value} 不是日期", "{value} is not a date"),
    "case_toml.date_type": ("应为日期，现在是{type}", "expected a date, got {type}"),
    "case_toml.text_type": ("应为文本，现在是{type}", "expected text, got {type}"),
    "case_toml.text_type.hint": ("把值写在引号里，例如 \"…\"", "put the value in quotes, e.g. \"…\""),
    "case_toml.lines_type": ("应为文本或文本列表", "expected text or a list of texts"),
    "case_toml.lines_type.hint": ("例如 [\"判令被告返还原告218.00元\", \"本案诉讼费用由被告负担\"]",
                             "e.g. [\"the defendant returns 218.00 yuan\", \"the defendant bears the costs\"]"),
    "case_toml.bool_type": ("应为 true 或 false，现在是{type} {value}", "expected true or false, got {type} {value}"),
    "case_toml.bool_type.hint": ("写 true 或 false，不加引号", "write true or false without quotes"),
    "case_toml.not_allowed": ("{value} 不是允许的值（允许：{allowed}）{suggestion}", "{value} is not allowed (allowed: {allowed}){suggestion}"),
    "case_toml.did_you_mean": ("；你是不是要写 {name}？", "; did you mean {name}?"),
    "case_toml.use_one_of.hint": ("使用其中之一：{allowed}", "use one of: {allowed}"),
    "case_toml.unknown_key": ("{where} 中有未知的键 {key}{suggestion}", "unknown key {key} in {where}{suggestion}"),
    "case_toml.unknown_key.hint": ("{where} 中允许的键：{allowed}", "allowed keys in {where}: {allowed}"),
    "case_toml.not_table": ("{key} 必须是一个表，现在是{type}", "{key} must be a table, got {type}"),
    "case_toml.not_table.hint": ("把它写成一个 [{name}] 段", "write it as a [{name}] section"),
    "case_toml.not_array_of_tables": ("{name} 必须是表的数组", "{name} must be an array of tables"),
    "case_toml.not_array_of_tables.hint": ("每一项写成一个 [[{name}]] 段", "write each entry as a [[{name}]] section"),
    "case_toml.entry": ("[[{name}]] 第 {n} 项", "[[{name}]] #{n}"),
    "case_toml.missing_key": ("{where} 缺少 {key}", "{where} has no {key}"),
    "case_toml.missing_key.hint": ("在这个 [[{name}]] 项中加上 {key} = \"…\"", "add {key} = \"…\" to this [[{name}]] entry"),
    "case_toml.type.str": ("字符串", "a string"),
    "case_toml.type.bool": ("true/false", "true/false"),
    "case_toml.type.int": ("整数", "an integer"),
    "case_toml.type.float": ("小数", "a number"),
    "case_toml.type.dict": ("表", "a table"),
    "case_toml.type.list": ("数组", "an array"),
    "case_toml.type.datetime": ("日期时间", "a date-time"),
    "case_toml.type.date": ("日期", "a date"),
    "case_toml.type.time": ("时刻", "a time"),
    # ---- batch (batch.py, cli.py batch)
    "help.batch": ("为 CASES 中的每个案件各封存一份卷宗，写到 OUTDIR。\n\nCASES 是一个文件夹（每个子文件夹是一个案件，卷宗为 "
                   "OUTDIR/<子文件夹名>.pdf），或一个 CSV / JSON Lines 列表（列：case、output、channel、public、case_file、"
                   "font、ocr、exclude、hash_only、page_images、size_warn、password；一行中给出的值代替本命令的同名选项）。"
                   "每个案件结束时在 stdout 输出一行 JSON；出错的案件会被报告，其余照常封存。OUTDIR 中的日志让重新运行时"
                   "跳过未改动且仍能通过核验的案件。",
                   "Seal one dossier per case in CASES into OUTDIR.\n\nCASES is a folder (each sub-folder a case, its "
                   "dossier OUTDIR/<sub-folder name>.pdf) or a CSV / JSON Lines list (columns: case, output, channel, "
                   "public, case_file, font, ocr, exclude, hash_only, page_images, size_warn, password; a value in a "
                   "row takes the place of the option of that name). One JSON line per case on stdout as it finishes; "
                   "a case that fails is reported and the others are sealed. A journal in OUTDIR lets a re-run skip "
                   "the cases that are unchanged and still verify."),
    "help.batch.output": ("卷宗写入的文件夹（不存在时会创建）。", "The folder the dossiers go to (created if needed)."),
    "help.batch.identity": ("用来签名的 PKCS#12 身份文件（默认：你的 evidencekit 身份）；口令来自 EVIDENCEKIT_PASSPHRASE。",
                            "The PKCS#12 identity to seal with (default: your evidencekit identity); its passphrase "
                            "comes from EVIDENCEKIT_PASSPHRASE."),
    "help.batch.jobs": ("本机并行的工作进程数（默认：CPU 核数）。", "Worker processes on this machine (default: the number of cores)."),
    "help.batch.executor": ("在哪里运行：local（本机进程池）或 dask（已有的 Dask 集群，需要 --scheduler）。",
                            "Where to run: local (a pool of processes here) or dask (an existing Dask cluster; needs "
                            "--scheduler)."),
    "help.batch.scheduler": ("Dask 调度器地址，如 tcp://10.0.0.1:8786。", "The Dask scheduler's address, e.g. tcp://10.0.0.1:8786."),
    "help.batch.force": ("替换 OUTDIR 中已有、但不是本批次生成的卷宗。", "Replace dossiers in OUTDIR that this batch did not make."),
    "help.batch.json": ("每个案件一行 JSON（case、output、dossier_id、status、exit_code、warnings、seconds）。",
                        "One JSON line per case (case, output, dossier_id, status, exit_code, warnings, seconds)."),
    "cli.batch.sealed": ("已封存 {case} → {output}（{id}）", "sealed {case} → {output} ({id})"),
    "cli.batch.skipped": ("未改动，跳过 {case} → {output}", "unchanged, skipped {case} → {output}"),
    "cli.batch.failed": ("失败 {case}（退出码 {exit_code}）：{error}", "failed {case} (exit {exit_code}): {error}"),
    "cli.batch.progress": ("案件", "cases"),
    "cli.batch.summary": ("共 {total} 个案件：封存 {sealed}，跳过 {skipped}，失败 {failed}",
                          "{total} cases: {sealed} sealed, {skipped} skipped, {failed} failed"),
    "cli.batch.scheduler_needed": ("--executor dask 需要 --scheduler ADDR", "--executor dask needs --scheduler ADDR"),
    "cli.batch.no_passwords_on_dask": (
        "--executor dask 不接受压缩包密码（--password 或列表的 password 列）：密码会随任务发到调度器和每个工作进程。"
        "请用本机进程池（--executor local）封存这些案件，或先解压。",
        "--executor dask takes no archive passwords (--password, or a list's password column): they would travel "
        "in the tasks to the scheduler and every worker. Seal those cases with the local pool (--executor local), "
        "or unpack them first."),
    "err.batch.no_cases": ("{path}：里面没有案件", "{path}: no cases in it"),
    "err.batch.no_cases.hint": ("CASES 应是一个文件夹，每个案件一个子文件夹；或一个每行一个案件的 CSV / JSON Lines 列表。",
                                "CASES is a folder with one sub-folder per case, or a CSV / JSON Lines list with one "
                                "case a row."),
    "err.batch.cases_missing": ("{path}：不存在", "{path}: does not exist"),
    "err.batch.cases_kind": ("{path}：不是文件夹，也不是 .csv 或 .jsonl 列表", "{path}: neither a folder nor a .csv or .jsonl list"),
    "err.batch.cases_kind.hint": ("给出一个案件文件夹的文件夹，或一个 .csv / .jsonl 列表。",
                                  "Give a folder of case folders, or a .csv / .jsonl list."),
    "err.batch.list_unreadable": ("{path}：无法读取案件列表", "{path}: cannot read the list of cases ({detail})"),
    "err.batch.list_line": ("{path} 第 {line} 行：不是一个 JSON 对象", "{path} line {line}: not a JSON object ({detail})"),
    "err.batch.list_column": ("{path} 第 {line} 行：未知的列 {columns}", "{path} line {line}: unknown columns {columns}"),
    "err.batch.list_no_case": ("{path} 第 {line} 行：没有 case（案件文件夹）", "{path} line {line}: no case (case folder)"),
    "err.batch.list.hint": ("每行一个案件，列为 case（案件文件夹，必填）、output、channel、public、case_file、font、ocr、"
                            "exclude、hash_only、page_images、size_warn、password；相对路径从列表所在文件夹算起"
                            "（output 从 OUTDIR 算起）。",
                            "One case a row, columns case (the case folder, required), output, channel, public, "
                            "case_file, font, ocr, exclude, hash_only, page_images, size_warn, password; relative "
                            "paths start at the list's folder (output at OUTDIR)."),
    "err.batch.row.hint": ("改正这一行后重新运行：其余案件已封存，重新运行时会跳过它们。",
                           "Correct this row and run the batch again: the other cases are sealed, and the re-run "
                           "skips them."),
    "err.batch.list_choice": ("{path} 第 {line} 行：{column} 应为 {known} 之一，而不是 {value}",
                              "{path} line {line}: {column} must be one of {known}, not {value}"),
    "err.batch.list_value": ("{path} 第 {line} 行：{column}：{problem}", "{path} line {line}: {column}: {problem}"),
    "err.batch.list_type": ("{path} 第 {line} 行：{column} 应为{expected}", "{path} line {line}: {column} must be {expected}"),
    "err.batch.list_type.globs": ("一组 GLOB（JSON 数组；CSV 中以 ; 分隔）",
                                  "a list of globs (a JSON array; in CSV, separated by ;)"),
    "err.batch.list_type.passwords": ("NAME=密码 的数组、{{NAME: 密码}} 对象，或 CSV 中以 ; 分隔的 NAME=密码",
                                      "an array of NAME=SECRET, an object {{NAME: SECRET}}, or in CSV NAME=SECRET "
                                      "separated by ;"),
    "err.batch.list_font": ("{path} 第 {line} 行：字体 {font} 不存在", "{path} line {line}: font {font} does not exist"),
    "help.batch.password": ("压缩包或加密 PDF 的密码，NAME 为案件中文件的相对路径或文件名（可重复；用于每个案件，"
                            "列表中一行的 password 对同名文件优先；不会被封存，也不写入日志或输出）",
                            "the password of a zip or an encrypted PDF, NAME its path in the case folder or its file "
                            "name (repeatable; for every case, a row's password first for the same NAME; never "
                            "sealed, journaled or printed)"),
    "err.batch.same_output": ("{path} 第 {line} 行：输出 {output} 与第 {first} 行相同",
                              "{path} line {line}: output {output} is the same as line {first}'s"),
    "err.batch.same_output.hint": ("给每个案件一个不同的 output。", "Give each case its own output."),
    "err.batch.exists.hint": ("它不是本批次生成的：用 --force 替换，或换一个 OUTDIR。",
                              "This batch did not make it: use --force to replace it, or another OUTDIR."),
    "err.batch.journal": ("{path}：无法读取批处理日志", "{path}: cannot read the batch journal ({detail})"),
    "err.batch.journal.hint": ("检查 OUTDIR 的权限，或换一个 OUTDIR。", "Check OUTDIR's permissions, or use another OUTDIR."),
    "err.batch.internal": ("内部错误：{error}", "internal error: {error}"),
    "err.batch.no_dask": ("没有安装 Dask", "Dask is not installed"),
    "err.batch.no_dask.hint": ("运行 pip install 'evidencekit[dask]'。", "Run pip install 'evidencekit[dask]'."),
    "err.batch.scheduler": ("无法连接 Dask 调度器 {address}", "cannot reach the Dask scheduler {address} ({detail})"),
    "err.batch.scheduler.hint": ("检查地址，以及调度器是否在运行（dask scheduler）。",
                                 "Check the address and that the scheduler is running (dask scheduler)."),
    # --- containers ---
    "warn.container.zip_damaged": ("不是可读的 zip 压缩包；原文件按原样附上", "not a readable zip ({detail}); it is attached as it is"),
    "warn.container.too_many": ("压缩包里有 {n} 个文件，超过上限 {limit}：未展开，原文件按原样附上",
                                "the zip holds {n} files, more than the limit of {limit}: not opened, it is attached "
                                "as it is"),
    "warn.container.too_big": ("解压后超过 {mb} MB（疑似“压缩炸弹”）：拒绝展开，原文件按原样附上",
                               "unpacks to more than {mb} MB (a zip bomb?): refused, it is attached as it is"),
    "warn.container.too_dense": ("{name} 解压后超过压缩大小的 {ratio} 倍（疑似“压缩炸弹”）：拒绝展开，原文件按原样附上",
                                 "{name} expands to more than {ratio} times its compressed size (a zip bomb?): "
                                 "refused, it is attached as it is"),
    "warn.container.entry_unreadable": ("其中的 {name} 无法读取（已损坏）：未作为子证据附上",
                                        "{name} inside cannot be read ({detail}): not attached as a sub-exhibit"),
    "warn.container.renamed": ("其中的文件名“{name}”不安全（绝对路径或含 ..），在本卷宗中显示为“{shown}”",
                               "the name \"{name}\" inside is unsafe (absolute or with ..); it is shown here as "
                               "\"{shown}\""),
    "warn.container.no_password": ("有密码保护，未提供密码：里面的文件未展开，压缩包按原样封存。请用 --password "
                                   "\"{name}=密码\" 提供密码，或在 case.toml 中写 [[evidence]] path = \"{name}\" "
                                   "password = \"…\"（密码不会被封存）",
                                   "password-protected and no password was given: the files inside are not opened, "
                                   "the zip is sealed as it is. Give the password with --password \"{name}=SECRET\", "
                                   "or in case.toml as [[evidence]] path = \"{name}\" password = \"…\" (a password "
                                   "is never sealed)"),
    "warn.container.wrong_password": ("有密码保护，给出的密码打不开它：里面的文件未展开，压缩包按原样封存。请用 "
                                      "--password \"{name}=密码\" 或 case.toml 的 [[evidence]] password 给出正确的密码",
                                      "password-protected and the password given does not open it: the files inside "
                                      "are not opened, the zip is sealed as it is. Give the right password with "
                                      "--password \"{name}=SECRET\" or case.toml [[evidence]] password"),
    "warn.container.eml_too_big": ("邮件超过 {mb} MB：未展开，原文件按原样附上",
                                   "the e-mail is larger than {mb} MB: not opened, it is attached as it is"),
    "warn.container.eml_damaged": ("不是可读的电子邮件；原文件按原样附上",
                                   "not a readable e-mail ({detail}); it is attached as it is"),
    "warn.container.too_deep": ("嵌套超过 {depth} 层：这一层未展开，原文件按原样附上",
                                "nested more than {depth} deep: this one is not opened, it is attached as it is"),
    "bundle.password_unused": ("--password {name}=…：没有叫这个名字的文件（用文件夹里的相对路径或文件名）",
                               "--password {name}=…: no file of that name (use its path in the folder, or its "
                               "file name)"),
    "container.zip.summary": ("zip 压缩包（{encryption}），共 {n} 个文件。", "A zip archive ({encryption}); files inside: {n}."),
    "container.zip.aes": ("AES 加密", "AES-encrypted"),
    "container.zip.zipcrypto": ("ZipCrypto 加密", "ZipCrypto-encrypted"),
    "container.zip.plain": ("未加密", "not encrypted"),
    "container.zip.opened": ("已展开：其中每个文件作为子证据逐字节附在本卷宗中，各自计算摘要，见各子证据：",
                             "Opened: each file inside is attached byte for byte as a sub-exhibit of its own, hashed, "
                             "shown in its own section:"),
    "container.zip.not_opened": ("未展开（原因见上方提示）；压缩包原件已附上。其中的文件名：",
                                 "Not opened (see the warning above); the archive itself is attached. The names "
                                 "inside:"),
    "container.eml.from": ("发件人：", "From: "),
    "container.eml.to": ("收件人：", "To: "),
    "container.eml.cc": ("抄送：", "Cc: "),
    "container.eml.date": ("日期：", "Date: "),
    "container.eml.subject": ("主题：", "Subject: "),
    "container.eml.dkim": ("DKIM 签名：有（签名域 {domain}）。本工具离线无法核验它：核验需要该域在发信时于 DNS 公布的"
                           "公钥。邮件原文已逐字节附上，可交邮件服务商或专业机构核验。",
                           "DKIM signature: present (domain {domain}). It cannot be checked offline: checking needs "
                           "the public key the domain published in DNS when the mail was sent. The message is "
                           "attached byte for byte, for the mail provider or an expert to check."),
    "container.eml.no_dkim": ("DKIM 签名：无。", "DKIM signature: none."),
    "container.eml.attachments": ("附件（各作为子证据附上）：", "Attachments (each attached as a sub-exhibit):"),
    "container.eml.body": ("正文：", "Body:"),
    "container.eml.no_body": ("（无正文）", "(no body)"),
    "container.eml.body_cut": ("（正文较长，此处只显示开头；全文见附件原件）",
                               "(a long body: only its start is shown; the whole is in the attached original)"),
    "label.inside": ("所在", "Inside"),
    "label.inside_value": ("{parent}（在其中的名称：{name}）", "{parent} (named {name} there)"),
    "cli.password_for": ("{path} 有密码保护，请输入密码（直接回车则不展开）", "{path} is password-protected; its "
                         "password (Enter to leave it unopened)"),
    "cli.password_retry": ("密码不对。{path} 的密码（直接回车则不展开）", "Wrong password. {path}'s password (Enter to "
                           "leave it unopened)"),
    "help.password": ("压缩包或加密 PDF 的密码，NAME 为文件的相对路径或文件名（可重复；不会被封存）",
                      "the password of a zip or an encrypted PDF, NAME its path in the folder or its file name "
                      "(repeatable; never sealed)"),
    "err.password_option": ("--password 应写成 NAME=密码（给出的值里没有 =）",
                            "--password takes NAME=SECRET (the value given has no =)"),
    "name.email": ("电子邮件《{subject}》", "E-mail \"{subject}\""),
    "name.archive": ("{head}压缩包（{n} 个文件）", "{head}: zip archive ({n} files)"),
    "cli.facts.zip": ("zip（{encryption}），{n} 个文件，展开 {opened} 个", "zip ({encryption}), {n} files, {opened} opened"),
    "cli.facts.eml": ("邮件《{subject}》，{n} 个附件", "e-mail \"{subject}\", {n} attachments"),
    "cli.extract.inside": ("在内  {id}  {path}：{note}", "INSIDE {id}  {path}: {note}"),
    "unpack.inside": ("在 {parent} 之中（压缩包或邮件原件已写出；其中的文件由 verify 核验）",
                      "inside {parent} (the archive or e-mail itself is written; verify checks the files inside)"),
    # --- parsers ---
    "warn.qq.time": ("时间 {value} 无法识别", "time {value} is not readable"),
    "warn.qq.mht_no_page": ("这个 QQ 网页存档（.mht）里没有聊天记录页面（text/html 部分），未读出消息",
                            "this QQ web archive (.mht) holds no chat page (text/html part): no messages read"),
    "warn.where.sheet_row": ("工作表“{sheet}”第 {n} 行", "sheet “{sheet}” row {n}"),
    "warn.xlsx.sheet_not_bill": ("工作表“{sheet}”有 {rows} 行，但没有账单表头：未作为交易读取（见附件原件）",
                                 "sheet “{sheet}” has {rows} rows but no bill header: not read as transactions "
                                 "(see the attached original)"),
    "label.bill_sheets": ("工作表", "Sheets"),
    "label.bill_sheet_value": ("{sheet}（{rows} 行，{n} 笔）", "{sheet} ({rows} rows, {n} transactions)"),
    # --- cross-checks and capture times ---
    "capture.source.file-name": ("文件名", "file name"),
    "capture.source.exif": ("EXIF 拍摄时间", "EXIF capture time"),
    "capture.source.status-bar": ("截图状态栏时钟", "status-bar clock"),
    "capture.source.container": ("视频文件头", "container header"),
    "label.capture_from": ("时间取自{source}", "time from the {source}"),
    "label.app_screenshot": ("{app}截图", "{app} screenshot"),
    "app.alipay": ("支付宝", "Alipay"),
    "app.wechat": ("微信", "WeChat"),
    "app.bank": ("银行App", "bank app"),
    "app.merchant": ("商户App", "merchant app"),
    "app.other": ("其他App", "another app"),
    "label.crosscheck": ("交叉核对", "Cross-checks"),
    "label.crosscheck_note": ("同一交易单号在各份证据中的记载逐项比对：金额须一致，时间相差不超过 2 分钟，状态按含义比对"
                              "（如“交易成功”与“支付成功”），交易对方按名称比对（打码的名称按可见部分比对）。识别置信度低的"
                              "数值只列出，不计入比对。",
                              "Each transaction id as every exhibit records it, field by field: amounts must be "
                              "equal, times within 2 minutes, statuses compared by meaning (“success” and "
                              "“payment successful” agree), counterparties by name (a masked name by its visible part). A "
                              "value read with low confidence is listed, not compared."),
    "label.crosscheck_txn": ("交易单号 {id}", "Transaction {id}"),
    "label.crosscheck_disputed": ("争议交易", "disputed"),
    "label.crosscheck_shown_in": ("见于：{refs}", "Shown in: {refs}"),
    "label.crosscheck_summary": ("{agree} 项一致，{conflict} 项不一致，{single} 项仅一处记载",
                                 "{agree} agree, {conflict} conflict, {single} from one source only"),
    "label.crosscheck_none": ("证据中没有找到可以核对的争议交易单号。",
                              "No disputed transaction id was found in the evidence to cross-check."),
    "label.cc_col_field": ("项目", "Field"),
    "label.cc_col_values": ("各证据的记载", "What each exhibit records"),
    "label.cc_col_result": ("结论", "Result"),
    "label.cc_low": ("识别置信度低", "low OCR confidence"),
    "cc.field.amount": ("金额", "amount"),
    "cc.field.time": ("时间", "time"),
    "cc.field.status": ("状态", "status"),
    "cc.field.counterparty": ("交易对方", "counterparty"),
    "cc.status.agree": ("一致", "agree"),
    "cc.status.conflict": ("不一致", "conflict"),
    "cc.status.single-source": ("仅一处记载", "one source only"),
    "cc.source.case": ("案件描述", "case.toml"),
    "cc.source.bill": ("账单", "bill"),
    "cc.source.screen": ("截图", "screenshot"),
    "cc.source.receipt": ("回单", "receipt"),
    "cc.source.chat": ("聊天记录", "chat"),
    "check.cross.conflict": ("争议交易 {txn_id} 的{field}在各证据中不一致：{values}",
                             "disputed transaction {txn_id}: the {field} differs between exhibits: {values}"),
    "check.cross.agree": ("争议交易的各项记载一致（{count} 项经两处以上证据核对）",
                          "the disputed transactions agree ({count} fields checked against two or more exhibits)"),
    "check.cross.single": ("争议交易只有一处记载，无法交叉核对", "each field of the disputed transactions has one source only: nothing to cross-check"),
    "check.voucher.bill": ("有交易凭证：{ids}", "transaction vouchers: {ids}"),
    "check.voucher.screen": ("交易截图 {id} 可读：{what}", "transaction screenshot {id} is readable: {what}"),
    "check.voucher.unread": ("截图 {ids}（未识别文字，请确认其中有交易详情）",
                             "screenshots {ids} (text not read: make sure they show the transaction details)"),
    "check.voucher.missing": ("没有交易凭证：没有账单、回单，也没有能读出交易单号或金额的交易截图",
                              "no transaction voucher: no bill, no receipt, and no screenshot whose transaction id or "
                              "amount could be read"),
    "init.prefilled": ("以下 [[transactions]] 和 [[evidence]] 由 evidencekit init 从证据中识别填写，请逐项核对",
                       "The [[transactions]] and [[evidence]] below were filled in by evidencekit init from the "
                       "evidence: check each"),
    "init.found_in": ("见于 {refs}", "found in {refs}"),
    "init.source.app_screenshot": ("{app}App 截图", "{app} app screenshot"),
    "init.source.wechat_saved": ("从微信保存的图片", "picture saved from WeChat"),
    "init.source.screenshot": ("手机截图", "phone screenshot"),
    "init.source.desktop_screenshot": ("电脑截图", "desktop screenshot"),
    "init.source.camera": ("手机相机拍摄", "taken with a phone camera"),
    "init.source.at": ("{what}（{time}）", "{what} ({time})"),
    "init.source.bill": ("{app}账单导出文件", "{app} bill export"),
    "init.source.receipt": ("{app}电子回单", "{app} electronic receipt"),
    "init.source.chat": ("聊天记录导出", "chat export"),
    "cli.init.prefilled": ("已从 {count} 个证据文件预填交易 {transactions} 笔", "pre-filled {transactions} transactions from {count} evidence files"),
    # --- documents and media ---
    "kind.image": ("图片（无拍摄信息）", "image without camera data"),
    "warn.office.unreadable": ("Office 文件无法读取（可能已损坏）；原件已原样附上", "the Office file cannot be read ({detail}); the original is attached as it is"),
    "visual.office_damaged": ("Word / Excel 文件无法读取，可能已损坏；原件已原样附上。", "The Word / Excel file cannot be read ({detail}); the original is attached as it is."),
    "visual.office_empty": ("文件中没有文字或表格。", "The file holds no text or tables."),
    "visual.legacy_office": ("这是 Word 97–2003、WPS 或 Excel 97–2003 的旧格式文件（{mime}），无法在页面上显示。请在 WPS 或 Word / Excel 中“另存为” .docx / .xlsx 或 PDF，放进文件夹后重新生成；原件已原样附上。",
                             "This is an old Word 97–2003, WPS or Excel 97–2003 file ({mime}) that cannot be shown on a page. Open it in WPS or Word / Excel, “Save as” .docx / .xlsx or PDF, put that in the folder and bundle again; the original is attached as it is."),
    "label.doc_more_rows": ("…… 其余 {n} 行见附件原件", "… {n} more rows in the original"),
    "label.doc_more_columns": ("（另有 {n} 列未显示，见附件原件）", "({n} more columns not shown: see the original)"),
    "label.doc_sheet": ("工作表：{name}", "Sheet: {name}"),
    "label.doc_sheet_empty": ("（空工作表）", "(empty sheet)"),
    "label.doc_note": ("以下为文件中的文字和表格（格式、图片未显示），原件已原样附上。", "The file's text and tables follow (formatting and pictures are not shown); the original is attached as it is."),
    "warn.video.undecodable": ("视频画面无法解码（可能已损坏或编码不受支持）；原件已原样附上", "the video's picture cannot be decoded (damaged, or a codec not supported); the original is attached as it is"),
    "label.video_recorded": ("录制时间（视频文件记录）", "Recorded (as the video file says)"),
    "label.video_no_recorded": ("视频文件未记录录制时间", "the video file does not say when it was recorded"),
    "label.video_frames": ("关键帧 {n} 张（自左至右、自上而下），在视频中的位置：{times}", "{n} key frames (left to right, top to bottom), at: {times}"),
    "label.video_note": ("画面为从视频中截取的静止帧，用于辨认内容；请用播放器打开附件原件观看完整视频。", "Still frames taken from the video so its content can be recognised; open the attached original in a player to watch it whole."),
    "label.strip_continued": ("（续）{id} 长图 第 {n} 段：像素 {start}–{end} / {total}（顶部与上一段略有重叠）", "(continued) {id} long picture, part {n}: pixels {start}–{end} of {total} (the top repeats a little of the part before)"),
    "label.strip_next": ("{id} 长图至像素 {end} / {total}，下接下一页", "{id} long picture to pixel {end} of {total}; continued on the next page"),
    # --- clutter and size ---
    "skip.excluded": ("按 --exclude {pattern} 排除", "excluded by --exclude {pattern}"),
    "skip.empty": ("空文件（0 字节），未作为证据封存：导出或下载是否完整？",
                   "empty file (0 bytes), not sealed as evidence: was the export or download complete?"),
    "warn.duplicate_of": ("与 {id}（{path}）逐字节相同：只附一份，清单中列为“同 {id}”",
                          "byte for byte the same as {id} ({path}): attached once, listed as \"same as {id}\""),
    "visual.duplicate_of": ("与 {id} 逐字节相同，见 {id}。", "Byte for byte the same as {id}; see {id}."),
    "visual.not_embedded": ("未嵌入：请保留原件；其 SHA-256/SM3 摘要已封存于此。",
                            "Not embedded: keep the original; its SHA-256/SM3 are sealed here."),
    "label.same_as": ("同 {id}", "same as {id}"),
    "label.copies": ("同一文件的副本：{ids}（列入清单，不再重复附上）", "Copies of this file: {ids} (listed, not attached again)"),
    "label.print_copy": ("此处为打印分辨率的副本；原图逐字节附在本文件中。",
                         "Shown here at print resolution; the original image is attached byte for byte."),
    "label.not_embedded": ("未嵌入：请保留原件；其 SHA-256/SM3 摘要已封存于此",
                           "not embedded: keep the original; its SHA-256/SM3 are sealed here"),
    "verify.duplicate_broken": ("证据 {id}（{path}）列为 {of} 的副本，但 {of} 不是卷宗中附有原件的证据。",
                                "Item {id} ({path}) is listed as a copy of {of}, but {of} is not an attached item "
                                "of this dossier."),
    "verify.duplicate_differs": ("证据 {id}（{path}）列为 {of} 的副本，但两者的摘要或大小不同。",
                                 "Item {id} ({path}) is listed as a copy of {of}, but their digests or sizes differ."),
    "verify.not_embedded": ("证据 {id}（{path}）未嵌入：请保留原件；其 SHA-256/SM3 摘要已封存于此"
                            "（SHA-256 {sha256}，SM3 {sm3}）。",
                            "Item {id} ({path}) is not embedded: keep the original; its SHA-256/SM3 are sealed "
                            "here (SHA-256 {sha256}, SM3 {sm3})."),
    "verify.original_not_found": ("证据 {id}（{path}）未嵌入，{folder} 中也没有它的原件：无法核对。",
                                  "Item {id} ({path}) is not embedded, and {folder} does not hold its original: "
                                  "not checked."),
    "verify.original_unreadable": ("证据 {id} 的原件 {path} 无法读取：{reason}", "Item {id}'s original {path} "
                                   "cannot be read: {reason}"),
    "verify.original_mismatch": ("证据 {id} 的原件 {path} 与封存的摘要不符（应为 {expected}…，实为 {found}…）。",
                                 "Item {id}'s original {path} does not match its sealed digests (expected "
                                 "{expected}…, found {found}…)."),
    "verify.original_matches": ("证据 {id} 未嵌入；保存的原件 {path} 与封存的 SHA-256/SM3 摘要一致。",
                                "Item {id} is not embedded; the kept original {path} matches its sealed SHA-256/SM3."),
    "help.verify.originals": ("未嵌入卷宗的原件（bundle --hash-only）所在的文件夹，按封存的相对路径查找并核对摘要。",
                              "A folder holding the originals sealed without embedding (bundle --hash-only), under "
                              "their sealed paths: each is hashed against the dossier."),
    "verdict.not_embedded": ("未嵌入的原始文件：{n} 件（只封存了摘要，原件由提交人保存）",
                             "Originals not embedded: {n} (only their digests are sealed; the submitter keeps them)"),
    "unpack.not_embedded": ("未嵌入卷宗：请用保存的原件，核对其 SHA-256/SM3 摘要",
                            "not embedded in the dossier: use the kept original and check its SHA-256/SM3"),
    "cli.extract.not_embedded": ("  - {id} {path}：未嵌入（只封存了摘要）", "  - {id} {path}: not embedded (digests only)"),
    "cli.size_invalid": ("{value} 不是一个大小（例如 20MB、500KB；0 表示不提醒）",
                         "{value} is not a size (e.g. 20MB, 500KB; 0 for no warning)"),
    "help.bundle.dry_run": ("只列出会封存什么（按类型计数、重复、跳过、无法读取、无时间、预计大小），不写任何文件。",
                            "Only say what would be sealed (counts by kind, duplicates, skipped, unreadable, without "
                            "a time, expected size); write nothing."),
    "help.bundle.exclude": ("不纳入与 GLOB 匹配的文件或文件夹（相对路径；* 可跨文件夹；可重复）。",
                            "Leave out files or folders matching GLOB (relative path; * crosses folders; repeatable)."),
    "help.bundle.hash_only": ("与 GLOB 匹配的文件只计算摘要并列入清单，不嵌入卷宗（大视频；可重复）。",
                              "Hash and list files matching GLOB without embedding them (large videos; repeatable)."),
    "help.bundle.page_images": ("页面上的图片：full（原图字节，默认）或 print（按打印分辨率 150 dpi 重新压缩；附件仍为原件）。",
                                "Images on the pages: full (the original bytes, default) or print (re-compressed at "
                                "150 dpi print resolution; the attachments stay the originals)."),
    "help.bundle.size_warn": ("卷宗超过此大小时提醒（默认 20MB；0 表示不提醒）。",
                              "Warn when the dossier is larger than this (default 20MB; 0 for never)."),
    "summary.title": ("将封存的内容：", "What goes into the dossier:"),
    "summary.items": ("证据 {n} 件（{kinds}）", "Items: {n} ({kinds})"),
    "summary.kind_count": ("{kind} {n}", "{kind} {n}"),
    "summary.duplicates": ("重复文件：{n} 个（只附一份，清单中列为“同 …”）",
                           "Duplicates: {n} (attached once, listed as \"same as …\")"),
    "summary.duplicate": ("{id} {path} = {of}", "{id} {path} = {of}"),
    "summary.not_embedded": ("只封存摘要、不嵌入：{n} 个（请保留原件）", "Hashed only, not embedded: {n} (keep the originals)"),
    "summary.litter": ("跳过的系统或 Office 残留文件：{n} 个", "Skipped as system or Office litter: {n}"),
    "summary.empty": ("跳过的空文件：{n} 个", "Empty files skipped: {n}"),
    "summary.excluded": ("按 --exclude 排除：{n} 个", "Excluded by --exclude: {n}"),
    "summary.other_skipped": ("其他未纳入：{n} 个", "Others not included: {n}"),
    "summary.unreadable": ("无法读取或显示：{n} 个", "Cannot be read or shown: {n}"),
    "summary.without_time": ("没有可确定时间：{n} 件", "Without a time: {n}"),
    "summary.expected_size": ("预计大小：约 {size}（页面图片：{mode}）", "Expected size: about {size} (page images: {mode})"),
    "summary.size": ("卷宗大小：{size}（页面图片：{mode}）", "Dossier size: {size} (page images: {mode})"),
    "summary.empty_named": ("空文件未封存：{paths}", "empty files not sealed: {paths}"),
    "summary.may_be_too_large": ("卷宗预计约 {size}，超过 {limit}：投诉网站的上传表单和电子邮件常会拒收。",
                                 "the dossier will be about {size}, over {limit}: complaint web forms and e-mail "
                                 "often refuse that."),
    "summary.too_large": ("卷宗有 {size}，超过 {limit}：投诉网站的上传表单和电子邮件常会拒收。",
                          "the dossier is {size}, over {limit}: complaint web forms and e-mail often refuse that."),
    "summary.hint_print": ("用 --page-images print 让页面图片按打印分辨率压缩（附件仍为原件）。",
                           "Use --page-images print to show the pages' images at print resolution (the attachments "
                           "stay the originals)."),
    "summary.hint_hash_only": ("大视频可用 --hash-only '*.mp4'：只封存摘要，原件自行保存。",
                               "Large videos: --hash-only '*.mp4' seals their digests only; keep the originals."),
    # --- batch receipt and speed ---
    "help.verify.batch_receipt": ("另外检查卷宗属于 batch --tsa 生成的批量回执 R（batch-receipt.json）所证明的批次；"
                                  "不属于则退出码 4。",
                                  "Also check that the dossier is a member of the batch that receipt R "
                                  "(batch-receipt.json from batch --tsa) dates; exit 4 if it is not."),
    "help.batch.tsa_limit": ("同时向时间戳机构发出的请求数上限（本机所有工作进程合计）。",
                             "At most this many requests to the TSA at once (all local workers together)."),
    "cli.batch.receipt": ("批量回执：{path}", "batch receipt: {path}"),
    "cli.batch.no_receipt": ("没有写批量回执（--tsa-optional）：{reason}",
                             "no batch receipt written (--tsa-optional): {reason}"),
    "verify.receipt_not_checked": ("卷宗本身未通过验证，因此没有检查批量回执。",
                                   "The dossier itself did not verify, so the batch receipt was not checked."),
    "verify.receipt_invalid": ("批量回执已损坏。", "The batch receipt is damaged: {detail}"),
    "verify.receipt_not_member": ("此卷宗不在批量回执的 {size} 份卷宗之中。",
                                  "This dossier is not one of the {size} dossiers of the batch receipt."),
    "verify.receipt_path_mismatch": ("批量回执中此卷宗（第 {index} 个叶子）的证明路径推不出回执的根：回执被改动过。",
                                     "The receipt's proof path for this dossier (leaf {index}) does not lead to "
                                     "the receipt's root: the receipt was changed."),
    "verify.receipt_imprint": ("批量回执的时间戳所证明的不是回执的根。",
                               "The batch receipt's timestamp does not date the receipt's root."),
    "verify.receipt_token": ("批量回执的时间戳签名无效。",
                             "The batch receipt's timestamp signature is not valid ({detail})."),
    "verify.receipt_untrusted_tsa": ("批量回执的时间戳机构 {tsa} 不能链接到所给的信任根（--trust）。",
                                     "The batch receipt's timestamp authority {tsa} does not chain to the given "
                                     "trust anchors (--trust)."),
    "verdict.headline.not-in-batch": ("不属于此批次：卷宗本身完好，但批量回执不能证明它属于该批次。",
                                      "NOT IN THE BATCH: the dossier itself is intact, but the batch receipt does "
                                      "not show it as a member."),
    "verdict.batch_member": ("批量回执：{size} 份卷宗中的第 {index} 个叶子；根 {root}，时间 {time}（时间戳机构 {tsa}）",
                             "Batch receipt: leaf {index} of {size} dossiers; root {root}, time {time} "
                             "(timestamp authority {tsa})"),
    "err.receipt_unreadable": ("{path}：无法读取批量回执", "{path}: cannot read the batch receipt ({detail})"),
    "err.receipt_format": ("{path}：不是批量回执（应为 {format} 第 {version} 版）",
                           "{path}: not a batch receipt ({format} version {version} expected)"),
    "err.receipt.hint": ("给出 batch --tsa 在 OUTDIR 中写下的 batch-receipt.json。",
                         "Give the batch-receipt.json that batch --tsa wrote in OUTDIR."),
    # --- screens (OCR) ---
    "help.ocr": ("读取截图上的文字（OCR）：auto 读截图和照片（默认），all 读所有图片，none 不读。",
                 "Read the text of screenshots (OCR): auto reads screenshots and photos (the default), all every "
                 "image, none nothing."),
    "cli.progress.ocr": ("识别截图文字", "reading screens"),
    "warn.screen.ocr_unavailable": ("无法识别截图文字：OCR 引擎无法加载（在 Debian/Ubuntu 上运行 apt-get install libgl1 "
                                    "libglib2.0-0）",
                                    "cannot read the screen's text: the OCR engine does not load ({detail}); on "
                                    "Debian/Ubuntu run apt-get install libgl1 libglib2.0-0"),
    "warn.screen.ocr_failed": ("{name}：无法识别截图文字", "{name}: cannot read the screen's text ({detail})"),
    "warn.screen.low_confidence": ("截图中这些内容识别把握不足，请对照原图核对：{fields}",
                                   "these fields were read from the screen with low confidence; check them against "
                                   "the picture: {fields}"),
    "screen.suggest.txn": ("交易单号 {txn_id}", "transaction {txn_id}"),
    "screen.suggest.amount_out": ("支出 ¥{amount}", "¥{amount} paid"),
    "screen.suggest.amount_in": ("收入 ¥{amount}", "¥{amount} received"),
    "screen.suggest.amount": ("金额 ¥{amount}", "amount ¥{amount}"),
    "screen.suggest.time": ("时间 {time}", "at {time}"),
    "screen.suggest.status": ("状态：{status}", "status: {status}"),
    "screen.suggest.counterparty": ("对方：{counterparty}", "with {counterparty}"),
    "screen.suggest.balance": ("余额 {balance}", "balance {balance}"),
    "screen.suggest.unsure": ("（识别存疑）", " (uncertain reading)"),
    "screen.suggest.note": ("（据截图文字识别，请核对）", " (read from the screenshot; please check)"),
    "label.tl_screen": ("截图所示交易", "Transaction on a screenshot"),
    "screen.field.txn_id": ("交易单号", "transaction id"),
    "screen.field.merchant_order": ("商户单号", "merchant order"),
    "screen.field.amount": ("金额", "amount"),
    "screen.field.time": ("时间", "time"),
    "screen.field.status": ("状态", "status"),
    "screen.field.counterparty": ("对方", "counterparty"),
    "screen.field.method": ("付款方式", "payment method"),
    "screen.field.balance": ("余额", "balance"),
    # --- public copy ---
    "help.public": ("由已封存且验证通过的卷宗生成公开版：遮盖个人信息、另行签名，并可与原卷宗核对。",
                    "Make the public copy of a sealed dossier that verifies: personal data boxed out, signed on "
                    "its own, checkable against the sealed dossier."),
    "help.public.output": ("公开版的输出路径（默认：<卷宗名>-public.pdf）。",
                           "Where to write the public copy (default: <dossier>-public.pdf)."),
    "help.public.identity": ("用来签名公开版的 PKCS#12 身份文件（默认：你的 evidencekit 身份）。",
                             "PKCS#12 identity that signs the public copy (default: your evidencekit identity)."),
    "help.public.trust": ("核对原卷宗时信任的签名人或 CA 证书（PEM/DER）；可重复。",
                          "Certificate (PEM/DER) of a trusted signer or CA for checking the sealed dossier; repeatable."),
    "help.public.dry_run": ("不生成 PDF：每件证据写一张标出遮盖框的预览 PNG，供发布前查看。",
                            "Write no PDF: one preview PNG per exhibit with the boxes drawn, to look at before "
                            "publishing."),
    "help.public.force": ("覆盖已存在的输出文件。", "Replace an existing output file."),
    "help.bundle.public_copy": ("同时生成遮盖个人信息的公开版，写到此路径。",
                                "Also make the public copy (personal data boxed out) at this path."),
    "help.verify.against": ("把公开版与它所来自的已封存卷宗逐像素核对。",
                            "Check a public copy pixel by pixel against the sealed dossier it was made from."),
    "err.public.of_public": ("{path} 已经是公开版", "{path} is already a public copy"),
    "err.public.of_public.hint": ("请对已封存的原卷宗运行 `evidencekit public`。",
                                  "Run `evidencekit public` on the sealed dossier itself."),
    "err.public.not_valid": ("{path} 未通过验证（{verdict}），不能据此生成公开版",
                             "{path} does not verify ({verdict}): no public copy is made from it"),
    "err.public.same_file": ("{path} 是原卷宗本身，不能写在它上面", "{path} is the sealed dossier itself: not written over"),
    "err.public.same_file.hint": ("用 -o 给公开版另一个路径。", "Give the public copy another path with -o."),
    "err.public.changed": ("{path} 在读取时与验证结果不一致", "{path} changed while it was read after verifying"),
    "err.against.not_public": ("{path} 不是公开版", "{path} is not a public copy"),
    "err.against.not_public.hint": ("用法：`evidencekit verify 公开版.pdf --against 原卷宗.pdf`。",
                                    "Usage: `evidencekit verify PUBLIC.pdf --against SEALED.pdf`."),
    "err.against.not_sealed": ("{path} 不是已封存的原卷宗", "{path} is not a sealed dossier"),
    "err.against.manifest": ("{path}：公开版清单与其编号不符", "{path}: the public copy's manifest does not match its id"),
    "public.note.faces": ("无法识别人脸或二维码：如画面中有，请在 case.toml 的 [[public.boxes]] 中按坐标添加遮盖框",
                          "faces and QR codes cannot be detected: if the picture shows one, add a box for it "
                          "under [[public.boxes]] in case.toml"),
    "public.note.no_text": ("图中没有可识别的文字，无法判断是否含个人信息，请自行查看",
                            "no readable text in the image: whether it shows personal data could not be judged, "
                            "look at it yourself"),
    "public.note.no_ocr": ("文字识别不可用：该图片不公开", "text recognition unavailable: the image is withheld"),
    "public.note.no_raster": ("无法把 PDF 转成图片（需要 pdftoppm）：该文件不公开",
                              "the PDF could not be rasterised (pdftoppm is needed): it is withheld"),
    "public.note.withheld": ("此类文件无法遮盖（录音、视频等）：不公开，只列出其哈希值",
                             "this kind of file cannot be redacted (sound, video, …): withheld, only its digest "
                             "is listed"),
    "public.note.boxes_on_text": ("按坐标的遮盖框只适用于图片，文本证据已忽略",
                                  "boxes by coordinates apply to images only; ignored for a text exhibit"),
    "public.page.title": ("公开版（已遮盖个人信息）", "Public copy (personal data hidden)"),
    "public.page.intro": ("本文件是材料编号 {sealed} 的已封存卷宗的公开版，公开版编号 {public}。每件证据中的个人信息"
                          "（电话、身份证号、银行卡号、邮箱、姓名、地址、对方户名等）已用黑框遮盖，其余内容与原件逐像素一致；"
                          "录音、视频等无法遮盖的文件不公开。",
                          "This is the public copy, id {public}, of the sealed dossier {sealed}. Personal data in "
                          "each exhibit (phone, ID and card numbers, e-mail, names, addresses, parties' names) is "
                          "covered by black boxes; everything else is pixel for pixel the original. Sound, video "
                          "and other files that cannot be redacted are withheld."),
    "public.page.summary_line": ("{id} {kind}：{shown}，遮盖 {n} 处", "{id} {kind}: {shown}, {n} masked"),
    "public.page.exhibit": ("{id} {kind}", "{id} {kind}"),
    "public.page.exhibit_page": ("{id} {kind} 第 {page} 页", "{id} {kind}, page {page}"),
    "public.page.masked": ("已遮盖 {n} 处个人信息；原件已封存于材料编号 {sealed}",
                           "{n} items of personal data masked; the original is sealed in dossier {sealed}"),
    "public.page.original": ("原件 SHA-256：{sha}", "Original SHA-256: {sha}"),
    "public.page.check_title": ("如何核对本公开版", "How to check this public copy"),
    "public.page.check_body": ("持有已封存卷宗（材料编号 {sealed}）的人，例如监管机构、法院或平台，可运行 "
                               "`evidencekit verify 公开版.pdf --against 原卷宗.pdf`：它先验证两份文件各自的签名，"
                               "再从原件重新生成每一页图片、只涂黑清单所列的框，与本公开版逐像素比较；任何框外像素不同、"
                               "框被扩大或漏列、证据被调换，或公开版并非来自该卷宗，都会失败并指明证据编号。"
                               "本公开版编号：{public}。",
                               "Anyone holding the sealed dossier {sealed} (a regulator, a court, a platform) runs "
                               "`evidencekit verify PUBLIC.pdf --against SEALED.pdf`: it verifies both files' "
                               "signatures, makes every picture again from the sealed original with only the listed "
                               "boxes blacked out, and compares it pixel for pixel with this copy. A pixel that "
                               "differs outside the boxes, a box that grew or is not listed, a swapped exhibit or a "
                               "copy made from another dossier fails, naming the exhibit. This public copy's id: "
                               "{public}."),
    "public.page.withheld": ("未公开的证据：{ids}", "Exhibits withheld: {ids}"),
    "public.kind.screenshot": ("截图", "screenshot"),
    "public.kind.photo": ("照片", "photo"),
    "public.kind.receipt": ("凭证", "receipt"),
    "public.kind.bill": ("账单", "bill"),
    "public.kind.chat": ("聊天记录", "chat"),
    "public.kind.recording": ("录音", "recording"),
    "public.kind.video": ("视频", "video"),
    "public.kind.document": ("文件", "document"),
    "public.kind.other": ("其他", "other"),
    "public.shown.image": ("图片", "picture"),
    "public.shown.pages": ("逐页图片", "pages as pictures"),
    "public.shown.text": ("文本", "text"),
    "public.shown.withheld": ("不公开", "withheld"),
    "public.category.phone": ("电话", "phone"),
    "public.category.id-number": ("身份证号", "ID number"),
    "public.category.bank-card": ("银行卡号", "card number"),
    "public.category.email": ("邮箱", "e-mail"),
    "public.category.name": ("姓名", "name"),
    "public.category.address": ("地址", "address"),
    "public.category.party": ("对方姓名或账号", "party's name or account"),
    "public.category.account": ("本人号码或账号", "own number or account"),
    "public.category.user-text": ("指定文字", "listed text"),
    "public.category.user-box": ("指定区域", "listed box"),
    "cli.public.made": ("已生成公开版：{path}（{pages} 页，公开版编号 {id}）",
                        "public copy made: {path} ({pages} pages, public id {id})"),
    "cli.public.exhibit": ("  {id} {kind}：{shown}，遮盖 {n} 处{categories}",
                           "  {id} {kind}: {shown}, {n} masked{categories}"),
    "cli.public.note": ("    ! {note}", "    ! {note}"),
    "cli.public.preview": ("预览：{path}", "preview: {path}"),
    "cli.public.look": ("发布前请逐页查看；人脸、二维码等须自行在 [[public.boxes]] 中添加。",
                        "Look at every page before posting; add faces, QR codes and the like under [[public.boxes]]."),
    "cli.progress.redact": ("遮盖", "redacting"),
    "verdict.public_copy": ("公开版编号：{id}（来自已封存卷宗 {sealed}；核对请加 --against 原卷宗.pdf）",
                            "Public copy id: {id} (of the sealed dossier {sealed}; check it with --against "
                            "SEALED.pdf)"),
    "against.public_not_valid": ("公开版本身未通过验证（{verdict}）", "the public copy itself does not verify ({verdict})"),
    "against.sealed_not_valid": ("原卷宗未通过验证（{verdict}）", "the sealed dossier does not verify ({verdict})"),
    "against.other_dossier": ("公开版来自另一份卷宗（{said}…），不是 {given}…",
                              "the public copy was made from another dossier ({said}…), not {given}…"),
    "against.swapped": ("{id}：公开版所称的原件不是原卷宗中的 {id}（证据被调换）",
                        "{id}: the original the public copy names is not the sealed {id} (exhibit swapped)"),
    "against.rendition_missing": ("{id}：缺少 {key} 的展示图或其哈希不符", "{id}: the rendition {key} is missing or its digest differs"),
    "against.cannot_render": ("{id}：无法从原件生成该页", "{id}: that page cannot be made from the original"),
    "against.size_differs": ("{id}：{key} 的尺寸与原件不同", "{id}: {key} is not the original's size"),
    "against.blacked_outside": ("{id}：{key} 有 {n} 个像素在所列遮盖框之外被涂黑（框被扩大或漏列）",
                                "{id}: {key} has {n} pixels blacked outside the listed boxes (a box grew or is "
                                "not listed)"),
    "against.pixels_differ": ("{id}：{key} 有 {n} 个像素与原件（只涂黑所列框后）不同",
                              "{id}: {key} has {n} pixels that differ from the original with only the listed "
                              "boxes blacked out"),
    "against.page_image": ("{id}：页面上显示的图片不是附件中的 {key}", "{id}: the page does not show the attached {key}"),
    "against.renderer": ("{id}：PDF 由 {made} 转成图片，本机为 {here}，像素可能不同",
                         "{id}: the PDF was rasterised by {made}, here by {here}: pixels may differ"),
    "against.text_differs": ("{id}：文本与原件不符（所列位置之外有改动）",
                             "{id}: the text differs from the original beyond the listed spans"),
    "against.not_listed": ("{id}：公开版没有列出这件证据", "{id}: the public copy does not list this exhibit"),
    "against.matches": ("与原卷宗一致：{checked}/{total} 件展示内容恰为原件、只遮盖了所列位置",
                        "Matches the sealed dossier: {checked}/{total} renditions are exactly their originals "
                        "with only the listed boxes blacked out"),
    "against.differs": ("与原卷宗不一致：", "Does not match the sealed dossier:"),
    # --- screens 2 ---
    "txn_table.time": ("交易时间", "Time"),
    "txn_table.id": ("交易单号", "Transaction id"),
    "txn_table.merchant_order": ("商户单号", "Merchant order"),
    "txn_table.counterparty": ("交易对方", "Counterparty"),
    "txn_table.amount": ("金额（元）", "Amount (CNY)"),
    "txn_table.status": ("状态", "Status"),
    "txn_table.exhibits": ("证据", "Exhibits"),
    "txn_table.unsure": ("（识别存疑）", " (uncertain reading)"),
    "txn_table.exhibit_sep": ("、", ", "),
}
