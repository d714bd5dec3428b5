"""What an edition of the annual-report format is: typed figures, and tables described as data.

An edition (2018 统计表, later the 2019 and 2021 formats, or a province's own table) is a small typed
class of figures plus a table description in ``editions/data/<name>.toml``. Adding one is an addition:
register it in ``reportkit.editions.EDITIONS``; the engine and the renderers do not change.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Protocol

import attrs
from attrs import frozen

from reportkit.document.table import Align, Cell, Column, Row, Table

if TYPE_CHECKING:
    from reportkit.validate.rules import Rule

PENDING = "待填写"  # a figure the county has still to fill in: printed as it is, reported by the validator
Count = int | str | None  # a whole number >= 0; None is a blank cell, not 0; PENDING
Amount = Decimal | str | None  # money (万元) >= 0; None is blank; PENDING

Change = int | str | None  # a whole number that may be negative (本年增/减: "减用负值表示"); None; PENDING

COUNT_KIND = "count"
AMOUNT_KIND = "amount"
CHANGE_KIND = "change"


def _whole(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and value != PENDING and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise ValueError(f"{type(instance).__name__}.{attribute.name}: expected a whole number >= 0 "
                         f"or None for a blank (or {PENDING!r}), got {value!r}")


def _money(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    bad = isinstance(value, bool) or not isinstance(value, int | Decimal) or value < 0
    if value is not None and value != PENDING and bad:
        raise ValueError(f"{type(instance).__name__}.{attribute.name}: expected a Decimal or whole number >= 0 "
                         f"or None for a blank (or {PENDING!r}), got {value!r}")


def _signed(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and value != PENDING and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValueError(f"{type(instance).__name__}.{attribute.name}: expected a whole number (negative for a "
                         f"decrease) or None for a blank (or {PENDING!r}), got {value!r}")


def change() -> Any:
    """A 统计数 that may fall as well as rise (本年增/减): a whole number, negative for a decrease."""
    return attrs.field(default=None, validator=_signed, metadata={"kind": CHANGE_KIND})


def count() -> Any:
    """A 统计数 that counts things (件、条、次、人 …): a whole number >= 0, or None for a blank."""
    return attrs.field(default=None, validator=_whole, metadata={"kind": COUNT_KIND})


def amount() -> Any:
    """A 统计数 in money (万元), which may have decimals: a Decimal >= 0, or None for a blank."""
    return attrs.field(default=None, validator=_money, metadata={"kind": AMOUNT_KIND})


@frozen
class RowSpec:
    """One row of a statistical table (统计指标)."""

    label: str
    unit: str | None = None
    field: str | None = None  # dotted path into the edition's figures, None for a heading row
    section: bool = False  # 一、…九、
    indent: int = 0


@frozen
class TableSpec:
    title: str
    columns: tuple[str, ...]
    rows: tuple[RowSpec, ...]


@cache
def load_data(name: str) -> dict[str, Any]:
    """Read ``editions/data/<name>.toml`` shipped inside the package."""
    text = resources.files("reportkit.editions").joinpath("data", f"{name}.toml").read_text("utf-8")
    return tomllib.loads(text)


def load_table_spec(name: str) -> TableSpec:
    data = load_data(name)
    rows = tuple(RowSpec(**row) for row in data["rows"])
    return TableSpec(title=data["title"], columns=tuple(data["columns"]), rows=rows)


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


def stats_table(spec: TableSpec, figures: object) -> Table:
    """Turn figures into the generic table of three columns 统计指标 | 单位 | 统计数."""
    columns = (
        Column(spec.columns[0], width=6.0, align=Align.LEFT),
        Column(spec.columns[1], width=1.0, align=Align.CENTER),
        Column(spec.columns[2], width=1.6, align=Align.CENTER),
    )
    header = Row(tuple(Cell(title, align=Align.CENTER, emphasis=True) for title in spec.columns), is_header=True)
    rows = [header]
    for row in spec.rows:
        value = get_value(figures, row.field) if row.field else None
        rows.append(
            Row(
                (
                    Cell(row.label, indent=row.indent, emphasis=row.section),
                    Cell(row.unit),
                    Cell(value),
                )
            )
        )
    return Table(columns=columns, rows=tuple(rows))


class Edition(Protocol):
    """A report format: its figures class, the tables it draws from them and the rules they obey."""

    name: str
    description: str
    # The reporting years the format is for (first, last; None while it is in force): the default of
    # ``reportkit new --year`` and the validator's check of a data file's edition against its year.
    years: tuple[int, int | None]
    figures_class: type

    def tables(self, figures: object) -> dict[str, Table]: ...

    def labels(self) -> dict[str, str]:
        """The 统计指标 of every value, by its path in the figures."""
        ...

    def rules(self) -> tuple[Rule, ...]: ...
