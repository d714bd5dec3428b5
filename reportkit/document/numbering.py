"""Official structure numbers (结构层次序数, GB/T 9704-2012 §7.3.3): 一、 （一） 1. （1）."""

from __future__ import annotations

from reportkit.i18n import _

_DIGITS = "零一二三四五六七八九"
MAX_LEVEL = 4


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五, 110 -> 一百一十, 2003 -> 二千零三."""
    if not 1 <= n <= 9999:
        raise ValueError(_("Chinese numerals are written for 1 to 9999, not {number}", number=n))
    if n < 20:
        return ("十" if n >= 10 else "") + (_DIGITS[n % 10] if n % 10 or n < 10 else "")
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            out += ("零" if zero and out else "") + _DIGITS[digit] + unit
            zero = False
        else:
            zero = True
    return out


def heading_number(level: int, n: int) -> str:
    """The number printed before the n-th heading of a level: (1, 3) -> 三、, (2, 1) -> （一）."""
    if level == 1:
        return chinese_numeral(n) + "、"
    if level == 2:
        return "（" + chinese_numeral(n) + "）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(_("heading levels are 1 to {most}, not {level}", most=MAX_LEVEL, level=level))


_NUMBER_PREFIXES = tuple(heading_number(level, n) for level in (1, 2) for n in range(1, 21))


def starts_with_number(title: str) -> str | None:
    """The hand-typed structure number a title starts with, if any (numbers are generated)."""
    for prefix in _NUMBER_PREFIXES:
        if title.startswith(prefix):
            return prefix
    stripped = title.lstrip("（(")
    digits = ""
    for ch in stripped:
        if ch.isascii() and ch.isdigit():
            digits += ch
        else:
            break
    if digits and len(stripped) > len(digits) and stripped[len(digits)] in ".、．）)":
        return title[: len(title) - len(stripped) + len(digits) + 1]
    return None
