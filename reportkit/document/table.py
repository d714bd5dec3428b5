"""A generic table: header rows, row and column spans, and a blank that is not zero.

Report editions build their statistical tables as this model; the renderers draw it without knowing
what the rows mean.
"""

from __future__ import annotations

import enum
from decimal import Decimal

from attrs import field, frozen

from reportkit.document.text import xml_text
from reportkit.i18n import _


class Align(enum.Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


CellValue = str | int | Decimal | None


def format_value(value: CellValue) -> str:
    """How a value is printed: None is a blank cell, 0 prints as 0, decimals without trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


@frozen
class Cell:
    """One cell. ``value=None`` is left blank (空白), which is not the same as 0.

    ``unit`` is printed after a value that is not blank, for tables whose units sit in the cells
    ("251000元"); tables with a 单位 column put the unit in a cell of its own instead.
    """

    value: CellValue = field(default=None, validator=xml_text)
    unit: str | None = field(default=None, validator=xml_text)
    colspan: int = 1
    rowspan: int = 1
    align: Align | None = None  # None: the column's alignment
    indent: int = 0  # in characters, for sub-items such as 其中：
    emphasis: bool = False  # a section row (一、主动公开情况) or a header cell

    @property
    def text(self) -> str:
        text = format_value(self.value)
        return text + self.unit if text and self.unit else text


@frozen
class Column:
    title: str
    width: float  # relative weight; renderers scale the weights to the type area
    align: Align = Align.LEFT


@frozen
class Row:
    cells: tuple[Cell, ...]
    is_header: bool = False  # repeated at the top of every page the table runs onto
    # A row inside the table that names the columns of the rows under it, up to the next such row (表二's
    # 信息内容 | 本年制发件数 …): a renderer that ties cells to their headings (HTML) reads it; print looks the same.
    labels: bool = False


@frozen
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...] = field()
    caption: str | None = None
    font_size: float | None = None  # points, when not the layout's size for tables (a wide table sets smaller)

    @rows.validator
    def _check_grid(self, _attr: object, rows: tuple[Row, ...]) -> None:
        # Every row must fill exactly the columns, counting cells spanned from rows above.
        width = len(self.columns)
        covered: dict[tuple[int, int], bool] = {}
        for r, row in enumerate(rows):
            c = 0
            for cell in row.cells:
                while covered.get((r, c)):
                    c += 1
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        covered[(r + dr, c + dc)] = True
                c += cell.colspan
            while covered.get((r, c)):
                c += 1
            if c != width:
                raise ValueError(_("table row {row} covers {columns} columns, the table has {width}", row=r + 1,
                                   columns=c, width=width))

    @property
    def header_count(self) -> int:
        count = 0
        for row in self.rows:
            if not row.is_header:
                break
            count += 1
        return count

    def positioned(self) -> list[list[tuple[int, Cell]]]:
        """Each row's cells with the grid column they start in (spans from above skipped)."""
        covered: set[tuple[int, int]] = set()
        out: list[list[tuple[int, Cell]]] = []
        for r, row in enumerate(self.rows):
            c = 0
            placed: list[tuple[int, Cell]] = []
            for cell in row.cells:
                while (r, c) in covered:
                    c += 1
                placed.append((c, cell))
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        covered.add((r + dr, c + dc))
                c += cell.colspan
            out.append(placed)
        return out
