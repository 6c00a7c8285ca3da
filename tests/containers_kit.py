"""Build the containers the tests open: zips as 支付宝 and 微信支付 send them (GBK names without
the UTF-8 flag, ZipCrypto or AES passwords), zip bombs, and e-mails with attachments."""

from __future__ import annotations

import os
import struct
import zlib
from email.message import EmailMessage
from pathlib import Path

import pyzipper

_MASK = 0xFFFFFFFF


def _crc_byte(key: int, byte: int) -> int:
    return zlib.crc32(bytes([byte]), key ^ _MASK) ^ _MASK


class _ZipCrypto:
    """The traditional PKWARE cipher (APPNOTE 6.1), for writing what zipfile only reads."""

    def __init__(self, password: bytes) -> None:
        self.keys = [0x12345678, 0x23456789, 0x34567890]
        for byte in password:
            self._update(byte)

    def _update(self, byte: int) -> None:
        k0, k1, k2 = self.keys
        k0 = _crc_byte(k0, byte)
        k1 = ((k1 + (k0 & 0xFF)) * 134775813 + 1) & _MASK
        k2 = _crc_byte(k2, (k1 >> 24) & 0xFF)
        self.keys = [k0, k1, k2]

    def encrypt(self, data: bytes) -> bytes:
        out = bytearray()
        for plain in data:
            t = (self.keys[2] | 2) & 0xFFFF
            out.append(plain ^ (((t * (t ^ 1)) >> 8) & 0xFF))
            self._update(plain)
        return bytes(out)


def raw_zip(path: Path, entries: list[tuple[bytes, bytes]], *, password: bytes | None = None,
            utf8_flag: bool = False, declared_size: int | None = None) -> Path:
    """A deflated zip written byte by byte: names as raw bytes (GBK, ``../``), ZipCrypto when a
    password is given, and optionally a lying uncompressed size in the headers."""
    local, central = bytearray(), bytearray()
    for name, data in entries:
        crc = zlib.crc32(data)
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        body = packer.compress(data) + packer.flush()
        flags = 0x800 if utf8_flag else 0
        if password is not None:
            flags |= 0x1
            header = os.urandom(11) + bytes([crc >> 24])
            body = _ZipCrypto(password).encrypt(header + body)
        size = len(data) if declared_size is None else declared_size
        offset = len(local)
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, 8, 0, 0x5A21, crc, len(body), size,
                             len(name), 0) + name + body
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, 8, 0, 0x5A21, crc, len(body),
                               size, len(name), 0, 0, 0, 0, 0, offset) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(local), 0)
    path.write_bytes(bytes(local + central + end))
    return path


def aes_zip(path: Path, entries: list[tuple[bytes, bytes]], password: bytes) -> Path:
    """An AES-256 zip (WinZip AE-2, as 支付宝 sends) whose names are the raw bytes given, without
    the UTF-8 flag: written under ASCII stand-ins of the same length, then put in place."""
    stand_ins = [(f"{n:0{len(name)}d}"[-len(name):].encode("ascii"), name) for n, (name, _) in enumerate(entries)]
    with pyzipper.AESZipFile(path, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as archive:
        archive.setpassword(password)
        for (stand_in, _), (_, data) in zip(stand_ins, entries, strict=True):
            archive.writestr(stand_in.decode("ascii"), data)
    raw = path.read_bytes()
    for stand_in, name in stand_ins:
        assert raw.count(stand_in) == 2, "a stand-in name must occur once in each directory"
        raw = raw.replace(stand_in, name)
    path.write_bytes(raw)
    return path


def eml_with(path: Path, attachments: list[tuple[str, bytes, str]], *, subject: str = "支付宝交易明细",
             body: str = "您好，附件是您申请的交易明细，解压密码已通过短信发送。", html: bool = False,
             dkim: bool = True) -> Path:
    """An e-mail as the platforms send a bill: a body and attachments (name, bytes, MIME type)."""
    message = EmailMessage()
    message["From"] = "支付宝 <service@mail.alipay.com>"
    message["To"] = "zhang@example.com"
    message["Date"] = "Tue, 01 Apr 2025 10:21:00 +0800"
    message["Subject"] = subject
    if dkim:
        message["DKIM-Signature"] = "v=1; a=rsa-sha256; d=mail.alipay.com; s=s1; bh=abc=; b=def="
    if html:
        message.set_content(f"<html><body><p>{body}</p><script>x()</script></body></html>", subtype="html")
    else:
        message.set_content(body)
    for name, data, mime in attachments:
        maintype, subtype = mime.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    path.write_bytes(bytes(message))
    return path
