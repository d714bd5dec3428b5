"""Drawing one table of an edition on a worksheet: merged headers, labels, figure cells, their checks."""

from __future__ import annotations

import math
import unicodedata
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from reportkit.document.table import Align
from reportkit.editions.base import AMOUNT_KIND, CHANGE_KIND, PENDING
from reportkit.workbook.formulas import RuleFormulas
from reportkit.workbook.layout import GRID_LEFT, TITLE_ROW, UNIT_NAME, UNIT_ROW, YEAR_NAME, Placed, SheetLayout

FONT = "宋体"
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")  # what cannot be typed in is grey, the figure cells white
MISMATCH_FILL = PatternFill("solid", fgColor="FFC7CE")
MISMATCH_FONT = Font(name=FONT, color="9C0006", bold=True)
CHARS_PER_WIDTH = 8.0  # a column of relative width 1 is 8 characters wide
LINE_HEIGHT = 14.0  # points, one line of 10.5-point text
_NUMBER_TEXT = {"count": "大于等于 0 的整数", "amount": "大于等于 0 的数（万元，可带小数）",
                "change": "整数（减少用负数）"}


def put_text(cell: Cell | MergedCell, text: str) -> None:
    """Text that stays text: a name or a message beginning with "=" must never become a formula."""
    cell.value = text
    cell.data_type = "s"


def _text_width(text: str) -> float:
    """The width of a line in Excel's units (a digit): CJK characters count two."""
    return sum(2.0 if unicodedata.east_asian_width(ch) in "WF" else 1.0 for ch in text)


def text_lines(text: str, chars: float) -> int:
    """How many lines ``text`` wraps to in a column ``chars`` wide (Excel does not fit rows by itself)."""
    return sum(max(1, math.ceil(_text_width(line) / max(chars - 1.0, 1.0))) for line in text.split("\n"))


def _alignment(cell: Placed, column: Align) -> Alignment:
    align = cell.align or (Align.CENTER if cell.header or cell.path else column)
    return Alignment(horizontal=align.value, vertical="center", wrap_text=True, indent=cell.indent)


def number_format(kind: str, value: object, unit: str | None) -> str:
    """Whole numbers as typed; an amount with exactly the decimals it has, so it reads back as the same amount."""
    exponent = value.as_tuple().exponent if isinstance(value, Decimal) else 0
    places = -exponent if isinstance(exponent, int) else 0
    base = "0" if kind != AMOUNT_KIND or places <= 0 else "0." + "0" * places
    if kind == AMOUNT_KIND and value is None:
        base = "General"
    return f'{base}"{unit}"' if unit else base


def _validation(cell: Placed, label: str) -> DataValidation:
    if cell.kind == AMOUNT_KIND:
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
    elif cell.kind == CHANGE_KIND:
        dv = DataValidation(type="whole", operator="between", formula1="-999999999", formula2="999999999")
    else:
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
    dv.allow_blank = True
    dv.showErrorMessage = dv.showInputMessage = True
    dv.errorTitle, dv.promptTitle = "统计数", "统计数"
    dv.error = f"“{label}”填{_NUMBER_TEXT[cell.kind]}；不填为空白（空白不等于 0）。"[:255]
    dv.prompt = f"{label}：{_NUMBER_TEXT[cell.kind]}"[:255]
    return dv


def draw_table(ws: Worksheet, layout: SheetLayout, values: dict[str, Any], labels: dict[str, str],
               checks: tuple[RuleFormulas, ...], status: str) -> None:
    """The table on ``ws``: ``values`` by path (None blank), ``status``: a formula counting the failing rules."""
    columns = len(layout.widths)
    chars = [w * CHARS_PER_WIDTH for w in layout.widths]
    for c, width in enumerate(chars):
        ws.column_dimensions[get_column_letter(GRID_LEFT + c)].width = round(width, 2)
    last = get_column_letter(GRID_LEFT + columns - 1)
    ws.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    put_text(ws.cell(TITLE_ROW, 1), f"{layout.sheet}  {layout.title}".strip())
    ws.cell(TITLE_ROW, 1).font = Font(name=FONT, size=14, bold=True)
    ws.cell(TITLE_ROW, 1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[TITLE_ROW].height = 24
    half = max(1, columns // 2)
    ws.merge_cells(start_row=UNIT_ROW, start_column=1, end_row=UNIT_ROW, end_column=half)
    ws.cell(UNIT_ROW, 1).value = f'="填报单位："&{UNIT_NAME}&"    统计年度："&{YEAR_NAME}'
    if columns > half:
        ws.merge_cells(start_row=UNIT_ROW, start_column=half + 1, end_row=UNIT_ROW, end_column=columns)
        ws.cell(UNIT_ROW, half + 1).value = status
        ws.cell(UNIT_ROW, half + 1).alignment = Alignment(horizontal="right")
    ws.cell(UNIT_ROW, 1).font = ws.cell(UNIT_ROW, half + 1).font = Font(name=FONT, size=10.5)
    heights: dict[int, int] = {}
    for cell in layout.cells:
        target = ws.cell(cell.row, cell.col)
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                ws.cell(r, c).border = BORDER
                ws.cell(r, c).fill = LABEL_FILL if cell.path is None else PatternFill()
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(start_row=cell.row, start_column=cell.col, end_row=cell.row + cell.rowspan - 1,
                           end_column=cell.col + cell.colspan - 1)
        target.alignment = _alignment(cell, layout.aligns[cell.col - GRID_LEFT])
        target.font = Font(name=FONT, size=10.5, bold=cell.header or cell.emphasis)
        if cell.path is None:
            if cell.text:
                put_text(target, cell.text)
                if cell.rowspan == 1:
                    width = sum(chars[cell.col - GRID_LEFT:cell.col - GRID_LEFT + cell.colspan])
                    heights[cell.row] = max(heights.get(cell.row, 1), text_lines(cell.text, width))
            continue
        value = values.get(cell.path)
        if value == PENDING:
            put_text(target, PENDING)
        elif isinstance(value, Decimal):
            target.value = int(value) if value == value.to_integral_value() and value.as_tuple().exponent == 0 \
                else float(value)
        elif value is not None:
            target.value = value
        target.number_format = number_format(cell.kind, value, cell.unit)
        target.protection = Protection(locked=False)
        dv = _validation(cell, labels.get(cell.path, cell.path))
        ws.add_data_validation(dv)
        dv.add(target)
    for row, lines in heights.items():
        ws.row_dimensions[row].height = max(lines, 1) * LINE_HEIGHT + 4
    for check in checks:
        condition = check.condition.get(layout.sheet)
        cells = " ".join(a1 for sheet, a1 in check.highlight if sheet == layout.sheet)
        if condition and cells:
            ws.conditional_formatting.add(cells, mismatch_rule(condition))
    ws.freeze_panes = f"A{1 + max((c.row for c in layout.cells if c.header), default=TITLE_ROW + 2)}"
    protect_and_fit(ws, landscape=columns > 6)


def mismatch_rule(condition: str) -> Rule:
    """A conditional format that shows a failing rule in red while ``condition`` (a formula) holds."""
    return Rule(type="expression", formula=[condition],
                dxf=DifferentialStyle(font=MISMATCH_FONT, fill=MISMATCH_FILL))


def protect_and_fit(ws: Worksheet, *, landscape: bool) -> None:
    """A4, as wide as one page; the sheet protected without a password."""
    ws.page_setup.paperSize = 9
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    # Locked cells stay locked (no rows inserted or labels edited by accident); resizing is allowed.
    ws.protection.sheet = True
    ws.protection.formatColumns = ws.protection.formatRows = False
