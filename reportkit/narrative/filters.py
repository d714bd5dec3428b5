"""Filters that write figures the way these reports do: "9000余条", "1.5万余条", 十二, 2018年1月1日, 83.05%."""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_FLOOR, Decimal

from reportkit.document.numbering import chinese_numeral

PENDING = "待填写"  # a value the county has still to fill in: printed as it is

Value = int | Decimal | str | None


def approx(value: Value, digits: int = 1, word: str = "余") -> str:
    """A count written as these reports write it: its first ``digits`` figures, then 余 (or 多).

    9084 -> "9000余", 3298 -> "3000余", approx(15607, 2) -> "1.5万余", approx(1996, 3) -> "1990余",
    9000 -> "9000" (nothing left over, nothing to add). Ten thousand and more are written in 万.
    """
    if value is None or value == PENDING or isinstance(value, str):
        return PENDING if value in (None, PENDING) else str(value)
    number = Decimal(value)
    if number <= 0:
        return str(value)
    place = Decimal(10) ** (math.floor(math.log10(number)) - digits + 1)
    floored = (number / place).to_integral_value(ROUND_FLOOR) * place
    suffix = word if floored < number else ""
    if floored >= 10000:
        wan = (floored / 10000).normalize()
        return f"{format(wan, 'f')}万{suffix}"
    return f"{int(floored)}{suffix}"


def cn(value: Value) -> str:
    """A whole number in Chinese numerals: 12 -> 十二."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return chinese_numeral(value)
    return PENDING if value in (None, PENDING) else str(value)


def date(value: dt.date | str | None) -> str:
    """2018-01-01 -> 2018年1月1日."""
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return PENDING if value in (None, PENDING) else str(value)


def percent(part: Value, whole: Value = None, digits: int = 2) -> str:
    """part / whole as a percentage (or part itself as a fraction when whole is None): "83.05%"."""
    if not isinstance(part, int | Decimal) or (whole is not None and not isinstance(whole, int | Decimal)):
        return PENDING
    if whole is not None and whole == 0:
        return PENDING
    ratio = Decimal(part) / Decimal(whole) if whole is not None else Decimal(part)
    return f"{(ratio * 100).quantize(Decimal(1).scaleb(-digits)):f}%"


FILTERS = {"approx": approx, "cn": cn, "date": date, "percent": percent}
