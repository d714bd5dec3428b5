"""An edition's figures (统计数) as data: read from a file, summed over units' returns, written back as TOML."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from reportkit.editions import REGISTRY
from reportkit.editions.base import AMOUNT_KIND, CHANGE_KIND, COUNT_KIND, PENDING, get_value, value_fields
from reportkit.i18n import _
from reportkit.report.reader import Reader, listing

Value = int | Decimal | str | None  # a number, PENDING, or None for a blank cell


def read_figures(r: Reader, cls: type, value: object, path: str) -> object:
    """Read an edition's figures class; every value must be present (0, a number, or "" for blank)."""
    attrs.resolve_types(cls)  # annotations are strings under `from __future__ import annotations`
    names = tuple(a.name for a in attrs.fields(cls))
    if isinstance(value, list):
        # A row of a table written as a list, in the order of the columns: [71, 3, 0, 0, 0, 0, 74].
        if len(value) != len(names):
            raise r.fail(path, _("expected a list of {count} values ({names}), got {given}", count=len(names),
                                 names=listing(names), given=len(value)))
        value = dict(zip(names, value, strict=True))
    data = r.table(value, path, names, required=names)
    kwargs: dict[str, Any] = {}
    for attribute in attrs.fields(cls):
        field_path = f"{path}.{attribute.name}"
        kind = attribute.metadata.get("kind")
        raw = data[attribute.name]
        if kind is not None and raw in ("", PENDING):
            kwargs[attribute.name] = None if raw == "" else PENDING  # a blank cell is not 0
        elif kind == COUNT_KIND:
            kwargs[attribute.name] = r.count(raw, field_path)
        elif kind == CHANGE_KIND:
            kwargs[attribute.name] = r.change(raw, field_path)
        elif kind == AMOUNT_KIND:
            kwargs[attribute.name] = r.amount(raw, field_path)
        else:
            assert isinstance(attribute.type, type)
            kwargs[attribute.name] = read_figures(r, attribute.type, raw, field_path)
    return cls(**kwargs)


def build_figures(cls: type, values: dict[str, Value], prefix: str = "") -> object:
    """The figures class ``cls`` with the value of every dotted path in ``values``."""
    attrs.resolve_types(cls)
    kwargs: dict[str, Any] = {}
    for attribute in attrs.fields(cls):
        path = f"{prefix}{attribute.name}"
        if attribute.metadata.get("kind") is not None:
            kwargs[attribute.name] = values[path]
        else:
            assert isinstance(attribute.type, type)
            kwargs[attribute.name] = build_figures(attribute.type, values, f"{path}.")
    return cls(**kwargs)


def sum_figures(cls: type, units: Sequence[tuple[str, object]]) -> tuple[object, dict[str, tuple[str, ...]]]:
    """Add up the figures of several units (乡镇、部门), cell by cell, and say which units left a cell 待填写.

    A cell every unit left blank stays blank; a blank beside numbers adds nothing (blank is not 0, it is
    no figure); a cell any unit left 待填写 is 待填写 in the total, since the total is not known yet.
    """
    total: dict[str, Value] = {}
    pending: dict[str, tuple[str, ...]] = {}
    for path, _attribute in value_fields(cls):
        values = [(unit, get_value(figures, path)) for unit, figures in units]
        waiting = tuple(unit for unit, value in values if value == PENDING)
        numbers = [value for _unit, value in values if isinstance(value, int | Decimal)]
        if waiting:
            total[path], pending[path] = PENDING, waiting
        elif numbers:
            total[path] = sum(numbers[1:], numbers[0])
        else:
            total[path] = None
    return build_figures(cls, total), pending


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string, quotes and line breaks escaped (JSON's escapes are TOML's too)."""
    return json.dumps(text, ensure_ascii=False)


def _toml_value(value: Value) -> str:
    if value is None:
        return '""'
    if isinstance(value, int):
        return str(value)
    return toml_string(str(value))  # 待填写, or an amount as text: read back exactly, as the amount it is


def stats_toml(edition: str, figures: object | None = None, notes: Callable[[str], str] = lambda path: "") -> str:
    """The ``[stats]`` tables of a data file, each value with its 统计指标 as a comment.

    ``figures``: the values to write (None: every value 待填写); ``notes``: more to say of a value.
    """
    spec = REGISTRY.lookup(edition, "edition")
    labels = spec.labels()
    lines: list[str] = []
    section = ""
    for path, _attribute in value_fields(spec.figures_class):
        head, _dot, name = path.rpartition(".")
        if head != section:
            section = head
            lines.append(f"\n[stats.{head}]")
        value = PENDING if figures is None else get_value(figures, path)
        label = labels.get(path, "").replace("\n", "")
        lines.append(f"{name} = {_toml_value(value)}  # {label}{notes(path)}")
    return "\n".join(lines) + "\n"
