"""Our own samples in the formats the apps really write (issue 11): QQ's text export, an iOS
WhatsApp export with long messages, Finnish WhatsApp, the 2021 支付宝 app bill. Every name,
number and amount is made up."""

from __future__ import annotations

LRM = "\u200e"

QQ_EXPORT = (
    "消息记录（此消息记录为文本格式，不支持重新导入）\n"
    "\n"
    "================================================================\n"
    "消息分组:我的好友\n"
    "================================================================\n"
    "消息对象:示例游戏客服\n"
    "================================================================\n"
    "\n"
    "2025-03-12 20:41:07 张三(123456789)\n"
    "你好，我 20:15 充值 218 元，订单号 2025031222001400000001，点券没有到账。\n"
    "\n"
    "2025-03-12 20:42:10 客服小李<kefu@example.com>\n"
    "您好，已为您登记，工单号 CS2025031300012。\n"
    "预计三个工作日内处理，请耐心等待。\n"
    "\n"
    "2025-03-12 20:42:31 系统消息(10000)\n"
    "对方已成功接收了您发送的离线文件“付款截图.png”。\n"
    "\n"
    "2025-03-13 9:05:00 【群主】张三(123456789)\n"
    "[图片]\n"
    "\n"
)

WHATSAPP_IOS_LONG = (
    f"[12/03/2025, 20:41:07] Shop Support: {LRM}Messages and calls are end-to-end encrypted. "
    "No one outside of this chat, not even WhatsApp, can read or listen to them.\n"
    "[12/03/2025, 20:41:07] Zhang San: Hello, I am writing about order 2025031222001400000001.\n"
    "I paid 218.00 yuan on 12 March at 20:15 and the game points never arrived.\n"
    "\n"
    "What happened, step by step:\n"
    "1. I opened the app and chose the 218 package.\n"
    "2. Alipay showed 交易成功.\n"
    "3. The balance stayed at 120.\n"
    "4. I restarted the phone twice.\n"
    "5. I logged out and in again.\n"
    "6. Nothing changed.\n"
    "\n"
    "Please refund me or credit the points.\n"
    "Thank you.\n"
    f"{LRM}[12/03/2025, 20:45:30] Shop Support: {LRM}image omitted\n"
    "[12/03/2025, 20:47:02] Shop Support: We have opened ticket CS2025031300012.\n"
    "Our team will check the payment with the channel.\n"
    "It can take up to 7 working days.\n"
    "\n"
    "Please do not pay again.\n"
    "If you paid twice, keep both receipts.\n"
    "We will contact you by this number.\n"
    "\n"
    "Regards,\n"
    "Shop Support\n"
    "[13/03/2025, 09:02:11] Zhang San: OK, waiting.\n"
)

WHATSAPP_FINNISH = (
    "12.3.2025 klo 20.41 - Viestit ja puhelut ovat päästä päähän salattuja.\n"
    "12.3.2025 klo 20.41 - Matti Virtanen: Maksoin 218,00 € tilauksesta 2025031222001400000001\n"
    "12.3.2025 klo 20.45 - Asiakaspalvelu: Tarkistamme asian, tiketti CS2025031300012\n"
    "13.3.2025 klo 9.02 - Matti Virtanen: Kiitos\n"
)

WHATSAPP_FINNISH_IOS = (
    "[12.3.2025 klo 20.41.07] Matti Virtanen: Maksoin 218,00 €\n"
    "[12.3.2025 klo 20.45.30] Asiakaspalvelu: Tarkistamme asian\n"
    "[13.3.2025 klo 9.02.11] Matti Virtanen: Kiitos\n"
)

# The 支付宝 app's export of 2021 (GB18030): the 电子客户回单 rule first, the header on line 2
# with 收/支 first and 交易时间 last, and who, which account and which period in a footer.
ALIPAY_2021 = (
    "------------------------支付宝（中国）网络技术有限公司  电子客户回单------------------------\n"
    "收/支                 ,交易对方                ,对方账号                ,商品说明                ,"
    "收/付款方式              ,金额                  ,交易状态                ,交易分类                ,"
    "交易订单号     ,商家订单号           ,交易时间            ,\n"
    "支出                  ,示例游戏科技有限公司       ,pay***@example.com  ,点券充值                ,"
    "招商银行(1234)          ,218.00              ,交易成功                ,充值缴费                ,"
    "2021061422001400000001\t,GM20210614000001\t,2021-06-14 20:15:03 ,\n"
    "其他                  ,示例商城                ,shop***@example.com ,退款-数据线              ,"
    "招商银行(1234)          ,19.90               ,退款成功                ,退款                  ,"
    "2021060122001400000002\t,T20210601000002\t,2021-06-01 00:13:56 ,\n"
    "------------------------------------------------------------------------------------\n"
    "导出信息：\n"
    "姓名：张三\n"
    "支付宝账户：zhang***@example.com\n"
    "起始时间：[2021-05-19 00:00:00]    终止时间：[2021-06-19 23:59:59]\n"
    "导出时间：[2021-06-19 03:10:16]\n"
    "共2笔记录\n"
    "收入：0笔,0.00元\n"
    "支出：1笔,218.00元\n"
    "其他：1笔,19.90元\n"
    "\n"
    "特别提示：\n"
    "1.本回单内容可表明支付宝受理了相应支付交易申请（合成示例数据）。\n"
)


def _qq_mht_html() -> str:
    row = "<tr><td><div style=padding-left:10px;>{}</div></td></tr>\r\n"
    date = ("<tr><td style=border-bottom-width:1px;border-bottom-color:#8EC3EB;border-bottom-style:solid;"
            "color:#3568BB;font-weight:bold;height:24px;line-height:24px;padding-left:10px;margin-bottom:5px;>"
            "日期: {}</td></tr>\r\n")
    said = ("<tr><td><div style=color:#{colour};padding-left:10px;><div style=float:left;margin-right:6px;>{who}"
            "</div>{time}</div><div style=padding-left:20px;><font style=\"font-size:10pt;font-family:'宋体',"
            "'MS Sans Serif',sans-serif;\" color='000000'>{text}</font></div></td></tr>\r\n")
    return (
        "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta http-equiv=\"Content-Type\" "
        "content=\"text/html; charset=UTF-8\" /><title>QQ Message</title><style type=\"text/css\">"
        "body{font-size:12px; line-height:22px; margin:2px;}td{font-size:12px; line-height:22px;}</style></head>"
        "<body><table width=100% cellspacing=0>\r\n"
        + row.format("<b>消息记录</b>")
        + row.format("消息分组:我的好友")
        + row.format("消息对象:示例游戏客服")
        + row.format("&nbsp;")
        + date.format("2025-03-12")
        + said.format(colour="42B475", who="张三", time="20:41:07",
                      text="你好，我 20:15 充值 218 元，订单号 2025031222001400000001，点券没有到账。")
        + said.format(colour="006EFE", who="客服小李", time="20:42:10",
                      text="您好，已为您登记，工单号 CS2025031300012。<br>预计三个工作日内处理，请耐心等待。")
        + said.format(colour="42B475", who="张三", time="20:43:02",
                      text="<IMG src=\"{5B0C6E4A-1D1C-4F3B-9C1E-2D7B7A8E9F01}.dat\">")
        + date.format("2025-03-13")
        + said.format(colour="42B475", who="系统消息(10000)", time="9:05:00",
                      text="客服小李撤回了一条消息")
        + said.format(colour="42B475", who="张三", time="9:06:30", text="请尽快处理 &lt;急&gt;")
        + "</table></body></html>"
    )


def qq_mht(transfer: str = "quoted-printable") -> bytes:
    """QQ's .mht export (消息管理器 → 导出为 .mht): MIME HTML, the page then its pictures."""
    import base64
    import quopri

    page = _qq_mht_html().encode("utf-8")
    body = quopri.encodestring(page) if transfer == "quoted-printable" else base64.encodebytes(page)
    picture = base64.encodebytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return (
        b"From: <Save by Tencent MsgMgr>\r\n"
        b"Subject: Tencent IM Message\r\n"
        b"MIME-Version: 1.0\r\n"
        b"Content-Type:multipart/related;\r\n"
        b"\tcharset=\"utf-8\"\r\n"
        b"\ttype=\"text/html\";\r\n"
        b"\tboundary=\"----=_NextPart_20250313_1A2B3C4D\"\r\n"
        b"\r\n"
        b"------=_NextPart_20250313_1A2B3C4D\r\n"
        b"Content-Type:text/html\r\n"
        b"Content-Transfer-Encoding:" + transfer.encode() + b"\r\n"
        b"\r\n" + body.replace(b"\n", b"\r\n").replace(b"\r\r\n", b"\r\n") + b"\r\n"
        b"------=_NextPart_20250313_1A2B3C4D\r\n"
        b"Content-Type:image/png\r\n"
        b"Content-Transfer-Encoding:base64\r\n"
        b"Content-Location:{5B0C6E4A-1D1C-4F3B-9C1E-2D7B7A8E9F01}.dat\r\n"
        b"\r\n" + picture.replace(b"\n", b"\r\n") + b"\r\n"
        b"------=_NextPart_20250313_1A2B3C4D--\r\n"
    )
