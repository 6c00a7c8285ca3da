"""The last page: how anyone can check this dossier, with evidencekit or standard tools."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from evidencekit.render.document import Marker
from evidencekit.render.labels import label
from evidencekit.render.text import esc
from evidencekit.render.view import DossierView

STEPS = {
    "zh": [
        ("用 evidencekit 核验（推荐）",
         "运行 <b>evidencekit verify 本文件.pdf</b>。只有下列各项同时成立，结论才是“有效”（退出码 0）："
         "您面前的文件与封存时逐字节相同（其后只能有本身已签名、且不改动其他任何内容的加签）；"
         "文件结构没有歧义（没有重复的键、没有重复定义的对象，长度和交叉引用都一致）；"
         "不同的 PDF 阅读器看到相同的页面和附件；每个原始附件重新计算的 SHA-256 都与证据清单一致。"
         "封存之后多出的任何未签名内容都判为“已被篡改”（退出码 4），可用 <b>--save-sealed</b> 取回封存时的原样文件。"
         "退出码 5 表示无法核验；8 表示文件完好，但不是由您用 --trust 指定信任的人封存的。"),
        ("只用通用工具核验",
         "① 用 poppler 的 <b>pdfsig 本文件.pdf</b> 查看签名：应显示 Signature is Valid 且 Total document signed。"
         "注意：pdfsig 对“签名后追加修改”的文件也可能显示有效，因此还需 evidencekit 的改动分析。<br/>"
         "② 用 <b>pdfdetach -saveall 本文件.pdf</b> 取出全部附件（文件名以证据编号开头，如 E01_…），再用 <b>sha256sum</b> 计算每个文件的摘要，"
         "与证据清单中的 SHA-256 逐一比对。<br/>"
         "③ 附件 manifest.json 的 SHA-256 即封面上的材料编号。"),
        ("封存证明什么、不证明什么",
         "数字签名证明：自封存之时起，本文件及其中的每个原始文件没有被改动。"
         "若签名证书为封存人自行生成（自签名），它不能证明签名人的真实身份；自签名证书难以证明签名制作数据"
         "专属于并仅由签名人控制（《电子签名法》第十三条第一、二项），一般不能据此认定为可靠的电子签名，"
         "需要第三方认证时由依法设立的电子认证服务提供者提供（第十六条）；封存时间若来自封存人电脑时钟，"
         "仅为其声明。需要更强的证明时，可使用依法设立的电子认证服务机构签发的证书，并加盖可信时间戳。"
         "封存也不能证明原始文件在封存之前的真实性：请同时保留原始设备和原始账单、聊天记录。"),
    ],
    "en": [
        ("With evidencekit (recommended)",
         "Run <b>evidencekit verify this.pdf</b>. The verdict is valid (exit 0) only when all of this holds: "
         "the bytes in front of you are exactly the bytes that were sealed (plus countersignatures that are "
         "themselves signed and change nothing else); the file's structure is unambiguous (no repeated keys, no "
         "object defined twice, lengths and cross-references that agree); different PDF readers see the same "
         "pages and attachments; and every attached original re-hashes to the SHA-256 in the evidence list. "
         "Anything unsigned after the seal is tampering (exit 4); <b>--save-sealed</b> gives back the file as "
         "sealed. Exit 5 means it cannot be verified; 8 that it is intact but not sealed by anyone you trust "
         "with --trust."),
        ("With standard tools only",
         "(1) poppler's <b>pdfsig this.pdf</b> shows the signature: it should say Signature is Valid and "
         "Total document signed. pdfsig may also call a file valid that was changed after signing, so the "
         "change analysis of evidencekit is still needed.<br/>"
         "(2) <b>pdfdetach -saveall this.pdf</b> takes out every attachment (named after its exhibit number, e.g. E01_…); <b>sha256sum</b> each and compare "
         "with the SHA-256 in the evidence list.<br/>"
         "(3) The SHA-256 of the attachment manifest.json is the dossier id on the cover."),
        ("What the seal proves, and what it does not",
         "The signature proves that this file and every original in it have not changed since sealing. "
         "A self-signed certificate (made by the sealer) does not prove who the sealer is, and it can hardly "
         "show that the signing key belonged to and was controlled only by the signer (Art. 13(1)(2) of the PRC "
         "Electronic Signature Law), so it is generally not shown to be a reliable electronic signature; "
         "third-party certification comes from a licensed provider (Art. 16). A sealing time "
         "taken from the sealer's computer clock is only the sealer's claim. For stronger proof use a "
         "certificate from a licensed certification authority and a trusted timestamp. Sealing cannot prove "
         "that an original was authentic before it was sealed: keep the original device and exports."),
    ],
}


def verify_page(view: DossierView) -> list[Flowable]:
    s, lang = view.styles, view.lang
    flow: list[Flowable] = [
        PageBreak(),
        Marker(exhibit=None, bookmark=(label("how_to_verify", lang), "verify", 0)),
        Paragraph(esc(label("how_to_verify", lang)), s.h1),
        Paragraph(f"{esc(label('dossier_id', lang))}: <font size=8>{view.dossier_id}</font>", s.small),
        Spacer(1, 4 * mm),
    ]
    for heading, body in STEPS.get(lang, STEPS["zh"]):
        flow += [Paragraph(esc(heading), s.h3), Paragraph(body, s.body), Spacer(1, 3 * mm)]
    return flow
