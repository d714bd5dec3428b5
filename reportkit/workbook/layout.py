"""Where every label and every figure of an edition's tables sits on the sheets of a workbook.

The layout is drawn from the edition itself: its tables are built (``Edition.tables``) from figures in which
every value is a distinct marker number, so each figure cell of the generic table is known by its path, and
the merged cells, labels and units are the ones the PDF and DOCX draw. A province's edition therefore gets its
workbook without a line of code here. Nothing in this module needs openpyxl.
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import cache
from typing import cast

from attrs import frozen

from reportkit.document.table import Align
from reportkit.editions import Edition
from reportkit.editions.base import COUNT_KIND, value_fields
from reportkit.i18n import _
from reportkit.report.figures import build_figures

TITLE_ROW = 1  # the table's title
UNIT_ROW = 2  # 填报单位 and 年度, drawn from the named cells of the 填表说明 sheet
GRID_TOP = 4  # the first row of the table itself
GRID_LEFT = 1
GUIDE_SHEET = "填表说明"
# Named cells of the 填表说明 sheet (ASCII names: Excel, WPS and LibreOffice all take them).
UNIT_NAME, YEAR_NAME, EDITION_NAME = "RK_UNIT", "RK_YEAR", "RK_EDITION"
NAMED_ROWS = {UNIT_NAME: 3, YEAR_NAME: 4, EDITION_NAME: 5}  # in column B of the 填表说明 sheet
_FORBIDDEN_IN_SHEET_NAMES = set("[]:*?/\\")


@frozen
class Placed:
    """One cell of a sheet, 1-based like Excel: a label (``text``) or a figure (``path``)."""

    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    text: str | None = None
    path: str | None = None
    kind: str = COUNT_KIND  # of a figure: count, amount or change
    unit: str | None = None  # printed after a figure in tables whose units sit in the cells
    header: bool = False
    emphasis: bool = False
    align: Align | None = None
    indent: int = 0


@frozen
class SheetLayout:
    """One table of the edition on a sheet of its own."""

    table: str  # the edition's name for it ("applications")
    sheet: str  # the sheet's name ("表三")
    title: str
    widths: tuple[float, ...]  # relative, as the renderers take them
    aligns: tuple[Align, ...]  # each column's alignment
    cells: tuple[Placed, ...]
    last_row: int

    @property
    def figures(self) -> tuple[Placed, ...]:
        return tuple(cell for cell in self.cells if cell.path is not None)

    @property
    def labels(self) -> tuple[Placed, ...]:
        return tuple(cell for cell in self.cells if cell.text)


def named_cell(name: str) -> str:
    """Where a named cell is, for messages: "填表说明!B3" (in Chinese: 工作表“填表说明”单元格 B3)."""
    return cell_name(GUIDE_SHEET, f"B{NAMED_ROWS[name]}")


def cell_name(sheet: str, cell: str) -> str:
    """A cell of a workbook, for messages: "表三!D9" in English, 工作表“表三”单元格 D9 in Chinese."""
    # TRANSLATORS: a cell of a workbook where an error is: the sheet's name and the cell (D9)
    return _("{sheet}!{cell}", sheet=sheet, cell=cell)


def sheet_name(sheet: str) -> str:
    """A sheet of a workbook, for messages: "表三" in English, 工作表“表三” in Chinese."""
    # TRANSLATORS: a sheet of a workbook where an error is, by its name
    return _("{sheet}", sheet=sheet)


def _titles(edition: Edition, table: str) -> tuple[str, str]:
    """The sheet name and title of ``table``: ``sheet`` and ``title`` of its grid (the table's name without)."""
    spec = edition.table_specs().get(table, {})
    sheet = str(spec.get("sheet") or table)
    title = str(spec.get("title") or "")
    bad = set(sheet) & _FORBIDDEN_IN_SHEET_NAMES
    if bad or len(sheet) > 31 or sheet == GUIDE_SHEET:
        raise ValueError(_("edition {edition}: table {table}: {sheet} cannot name a sheet", edition=edition.name,
                           table=table, sheet=repr(sheet)))
    return sheet, title


@cache
def _layouts(key: Hashable) -> tuple[SheetLayout, ...]:
    edition = cast(Edition, key)  # editions are registered once: their layout is worked out once
    paths = list(value_fields(edition.figures_class))
    markers = {path: n for n, (path, _) in enumerate(paths, start=1)}
    by_marker = {n: (path, str(attribute.metadata["kind"])) for n, (path, attribute) in enumerate(paths, start=1)}
    layouts = []
    for name, table in edition.tables(build_figures(edition.figures_class, dict(markers))).items():
        cells: list[Placed] = []
        for r, placed in enumerate(table.positioned()):
            header = table.rows[r].is_header
            for c, cell in placed:
                path, kind, text = None, COUNT_KIND, cell.text or None
                if isinstance(cell.value, int):  # a marker: this cell holds a figure
                    (path, kind), text = by_marker[cell.value], None
                cells.append(Placed(GRID_TOP + r, GRID_LEFT + c, cell.rowspan, cell.colspan, text=text, path=path,
                                    kind=kind, unit=cell.unit if path else None, header=header,
                                    emphasis=cell.emphasis, align=cell.align, indent=cell.indent))
        sheet, title = _titles(edition, name)
        layouts.append(SheetLayout(name, sheet, title, tuple(c.width for c in table.columns),
                                   tuple(c.align for c in table.columns), tuple(cells), GRID_TOP + len(table.rows) - 1))
    sheets = [layout.sheet for layout in layouts]
    if len(set(sheets)) != len(sheets):
        raise ValueError(_("edition {edition}: two tables on one sheet: {sheets}", edition=edition.name,
                           sheets=sheets))
    return tuple(layouts)


def sheet_layouts(edition: Edition) -> tuple[SheetLayout, ...]:
    """Every table of ``edition``, each on its sheet, in the edition's order."""
    return _layouts(cast(Hashable, edition))


def figure_cells(edition: Edition) -> dict[str, tuple[str, int, int]]:
    """Where each figure sits: path -> (sheet, row, column)."""
    return {cell.path: (layout.sheet, cell.row, cell.col)
            for layout in sheet_layouts(edition) for cell in layout.figures if cell.path is not None}
