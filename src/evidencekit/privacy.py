"""Personal data on public dossiers: what is masked, and how, in one place.

A public channel (黑猫投诉, 微博) publishes what it receives. :func:`mask_personal` gives
the masked copy of the case (sealed instead of the original) together with the
replacement map, which :func:`mask_text` applies to any free text a page shows.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping

from evidencekit.case import CaseFile

_PHONE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{2})\d{14}(\d[\dXx])(?![0-9A-Za-z])")
_EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%*+-]*(@[A-Za-z0-9.-]+\.[A-Za-z]{2,})")


def mask_name(name: str) -> str:
    """张三 -> 张*, 欧阳娜娜 -> 欧***; Latin names keep each word's initial."""
    name = name.strip()
    if not name:
        return name
    if re.search(r"[A-Za-z]", name):
        return " ".join(w[0] + "*" * (len(w) - 1) for w in name.split())
    return name[0] + "*" * (len(name) - 1)


def mask_phone(phone: str) -> str:
    """13800138000 -> 138****8000; other numbers keep their first 3 and last 2 digits."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) > 5:
        return digits[:3] + "*" * (len(digits) - 5) + digits[-2:]
    return "*" * len(digits)


def mask_id_number(id_number: str) -> str:
    """Keep the first 2 and last 2 characters: 110101199003071234 -> 11**************34."""
    text = id_number.strip()
    if len(text) <= 4:
        return "*" * len(text)
    return text[:2] + "*" * (len(text) - 4) + text[-2:]


def mask_address(address: str) -> str:
    """Keep the province and city only: 北京市朝阳区建国路1号 -> 北京市…"""
    text = address.strip()
    match = re.match(r"^(.{2,8}?(?:省|自治区))?(.{2,10}?(?:市|自治州|地区|盟))", text)
    if match:
        return match.group(0) + "…"
    return text[:3] + "…" if len(text) > 3 else text


def mask_account(account: str) -> str:
    """Emails keep their first letter and domain; phone numbers as mask_phone; else ends only."""
    text = account.strip()
    if "@" in text:
        local, _, domain = text.partition("@")
        return f"{local[:1]}***@{domain}"
    if re.fullmatch(r"\+?[\d\s-]{7,}", text):
        return mask_phone(text)
    if len(text) <= 4:
        return "*" * len(text)
    return text[:2] + "*" * (len(text) - 4) + text[-2:]


def mask_order_number(number: str) -> str:
    """Keep the first 4 and last 4 characters of an order number."""
    text = number.strip()
    if len(text) <= 8:
        return text[:2] + "*" * max(len(text) - 2, 0)
    return text[:4] + "*" * (len(text) - 8) + text[-4:]


def mask_text(text: str, names: Mapping[str, str] | None = None) -> str:
    """Mask phone numbers, ID numbers, e-mail addresses and the given names in free text."""
    for original, masked in (names or {}).items():
        if original:
            text = text.replace(original, masked)
    text = _ID_NUMBER.sub(lambda m: m.group(1) + "*" * 14 + m.group(2), text)
    text = _PHONE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    return _EMAIL.sub(lambda m: f"{m.group(1)}***{m.group(2)}", text)


def replacement_map(case: CaseFile) -> dict[str, str]:
    """Each personal value of the case -> its masked form, longest first (a full address
    is replaced before its parts): the complainant's (and agent's) name, ID number, phone,
    address and account, and the disputed transactions' numbers."""
    masked = mask_personal(case)
    replacements: dict[str, str] = {}
    pairs = [(case.complainant, masked.complainant)]
    if isinstance(case.complainant.get("agent"), dict):
        pairs.append((case.complainant["agent"], masked.complainant.get("agent") or {}))
    for before, after in pairs:
        for key in ("name", "id_number", "phone", "address", "account"):
            if isinstance(before.get(key), str) and before[key] and after.get(key):
                replacements[before[key]] = str(after[key])
    for before, after in zip(case.transactions, masked.transactions):
        for key in ("id", "merchant_order"):
            if before.get(key) and after.get(key):
                replacements[str(before[key])] = str(after[key])
    return dict(sorted(replacements.items(), key=lambda kv: -len(kv[0])))


def mask_personal(case: CaseFile) -> CaseFile:
    """A copy of the case for public channels: the complainant's (and agent's) name, ID
    number, phone, address and account masked, also where they appear in the facts, the
    demand and contact summaries; transaction and order numbers shortened. The original
    ``text`` is not carried over (it holds the unmasked data)."""
    data = copy.deepcopy(case.data)
    replacements: dict[str, str] = {}
    people = [data.get("complainant", {})]
    if isinstance(people[0].get("agent"), dict):
        people.append(people[0]["agent"])
    maskers = {"name": mask_name, "id_number": mask_id_number, "phone": mask_phone,
               "address": mask_address, "account": mask_account}
    for person in people:
        for key, masker in maskers.items():
            if isinstance(person.get(key), str) and person[key]:
                masked = masker(person[key])
                replacements[person[key]] = masked
                person[key] = masked
    for tx in data.get("transactions", []):
        for key in ("id", "merchant_order"):
            if tx.get(key):
                replacements[tx[key]] = mask_order_number(tx[key])
                tx[key] = replacements[tx[key]]
    # longest first, so a full address is replaced before its parts
    ordered = dict(sorted(replacements.items(), key=lambda kv: -len(kv[0])))
    for key in ("facts", "demand", "title"):
        if isinstance(data.get("case", {}).get(key), str):
            data["case"][key] = mask_text(data["case"][key], ordered)
    for key, value in (data.get("demands") or {}).items():
        data["demands"][key] = ([mask_text(v, ordered) for v in value] if isinstance(value, list)
                                else mask_text(str(value), ordered))
    for contact in data.get("contacts", []):
        if contact.get("summary"):
            contact["summary"] = mask_text(contact["summary"], ordered)
    for note in data.get("evidence", []):
        note.pop("password", None)
        for key in ("source", "proves"):
            if note.get(key):
                note[key] = mask_text(note[key], ordered)
    return CaseFile(data=data, text=None, path=case.path)
