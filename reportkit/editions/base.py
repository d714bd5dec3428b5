"""The figures of an edition: the three kinds of value (count, amount, change), and reading them by path.

An edition's figures are attrs classes nested to any depth whose leaves are made by :func:`count`,
:func:`amount` or :func:`change`; written in Python for the national editions, built from the data for an
edition without Python (``reportkit.editions.figures``).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs

from reportkit.i18n import _

PENDING = "待填写"  # a figure the county has still to fill in: printed as it is, reported by the validator
Count = int | str | None  # a whole number >= 0; None is a blank cell, not 0; PENDING
Amount = Decimal | str | None  # money (万元) >= 0; None is blank; PENDING

Change = int | str | None  # a whole number that may be negative (本年增/减: "减用负值表示"); None; PENDING

COUNT_KIND = "count"
AMOUNT_KIND = "amount"
CHANGE_KIND = "change"


def _whole(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and value != PENDING and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise ValueError(_("{field}: expected a whole number >= 0 or None for a blank (or {pending}), got {value}",
                           field=type(instance).__name__ + "." + attribute.name, pending=repr(PENDING),
                           value=repr(value)))


def _money(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    bad = isinstance(value, bool) or not isinstance(value, int | Decimal) or value < 0
    if value is not None and value != PENDING and bad:
        raise ValueError(_("{field}: expected a Decimal or whole number >= 0 or None for a blank (or {pending}), got "
                           "{value}", field=type(instance).__name__ + "." + attribute.name, pending=repr(PENDING),
                           value=repr(value)))


def _signed(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and value != PENDING and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValueError(_("{field}: expected a whole number (negative for a decrease) or None for a blank (or "
                           "{pending}), got {value}", field=type(instance).__name__ + "." + attribute.name,
                           pending=repr(PENDING), value=repr(value)))


def change() -> Any:
    """A 统计数 that may fall as well as rise (本年增/减): a whole number, negative for a decrease."""
    return attrs.field(default=None, validator=_signed, metadata={"kind": CHANGE_KIND})


def count() -> Any:
    """A 统计数 that counts things (件、条、次、人 …): a whole number >= 0, or None for a blank."""
    return attrs.field(default=None, validator=_whole, metadata={"kind": COUNT_KIND})


def amount() -> Any:
    """A 统计数 in money (万元), which may have decimals: a Decimal >= 0, or None for a blank."""
    return attrs.field(default=None, validator=_money, metadata={"kind": AMOUNT_KIND})


def value_fields(cls: type, prefix: str = "") -> Iterator[tuple[str, attrs.Attribute[Any]]]:
    """Every leaf value of a figures class (attrs classes nested to any depth) as (dotted path, attribute)."""
    attrs.resolve_types(cls)
    for attribute in attrs.fields(cls):
        path = f"{prefix}{attribute.name}"
        if attribute.metadata.get("kind") in (COUNT_KIND, AMOUNT_KIND, CHANGE_KIND):
            yield path, attribute
        else:
            assert isinstance(attribute.type, type) and attrs.has(attribute.type), path
            yield from value_fields(attribute.type, f"{path}.")


def get_value(figures: object, path: str) -> int | Decimal | str | None:
    """The value at a dotted path: a number, None (blank) or PENDING."""
    obj: Any = figures
    for part in path.split("."):
        obj = getattr(obj, part)
    assert obj is None or isinstance(obj, int | Decimal | str)
    return obj
