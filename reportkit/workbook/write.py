"""Writing workbooks: a unit's blank return, a report's figures (export), the county's collected sum.

Every workbook has a 填表说明 sheet first (the unit, the year and the edition in named cells, how to fill
in, each table rule in words with a live check), then one sheet per table of the edition, drawn by
``sheets.draw_table``. The bytes are the same on every run: openpyxl's timestamps are fixed and the zip is
rewritten as the DOCX is (``normalise_zip``).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from reportkit.editions import Edition
from reportkit.editions.base import get_value, value_fields
from reportkit.render.output import normalise_zip
from reportkit.validate.engine import short_label
from reportkit.workbook.formulas import MISMATCH, rule_formulas
from reportkit.workbook.layout import EDITION_NAME, GUIDE_SHEET, NAMED_ROWS, UNIT_NAME, YEAR_NAME, sheet_layouts
from reportkit.workbook.sheets import (
    BORDER,
    FONT,
    LABEL_FILL,
    draw_table,
    mismatch_rule,
    protect_and_fit,
    put_text,
    text_lines,
)

_STAMP = dt.datetime(1980, 1, 1)  # as the DOCX's default: the same bytes on every run
_RETURN_NOTES = (
    "只在白色单元格中填写统计数；灰色单元格受保护（未设密码），请勿插入或删除行、列，勿修改文字或工作表名称，否则无法汇总。",
    "统计数填阿拉伯数字：件数、次数等填整数，金额（万元）可带小数。",
    "没有发生的事项填 0。空白表示该项不填，空白不等于 0，汇总时不计为 0。",
    "下表逐条列出各表的勾稽关系，填写时自动核对：“不符”的，表中相关单元格显示为红色；“有空白”的，有单元格未填，暂无法核对。",
    "填好后保存为 Excel 工作簿（.xlsx）报送，勿另存为 .xls 或其他格式。",
)
_EXPORT_NOTES = (
    "本工作簿由 reportkit export 从年度报告的数据文件导出，各表与报告中的表格一致。",
    "空白表示该项不填（空白不等于 0）。数据文件以 stats = \"本文件名\" 引用本工作簿时，按各表读取统计数；"
    "请勿插入或删除行、列，勿修改文字或工作表名称。",
)
Extra = Callable[[Workbook], None]
_GUIDE_TOP = 9  # the first row of the notes on the 填表说明 sheet


def _name(wb: Workbook, name: str, row: int) -> None:
    wb.defined_names[name] = DefinedName(name, attr_text=f"'{GUIDE_SHEET}'!$B${row}")


def _guide(wb: Workbook, ws: Worksheet, edition: Edition, unit: str, year: int | None,
           notes: Sequence[str]) -> str:
    """The 填表说明 sheet; returns the range of the rules' status cells."""
    for column, width in zip("ABCDEF", (12, 62, 44, 10, 10, 10), strict=True):
        ws.column_dimensions[column].width = width
    put_text(ws["A1"], "政府信息公开工作年度报告统计数")
    ws["A1"].font = Font(name=FONT, size=14, bold=True)
    for label, value, name in (("填报单位", unit, UNIT_NAME), ("统计年度", year, YEAR_NAME),
                               ("报告格式", edition.name, EDITION_NAME)):
        row = NAMED_ROWS[name]
        put_text(ws.cell(row, 1), label)
        if isinstance(value, str):
            put_text(ws.cell(row, 2), value)
        else:
            ws.cell(row, 2).value = value
        ws.cell(row, 2).alignment = Alignment(horizontal="left")
        ws.cell(row, 1).font = ws.cell(row, 2).font = Font(name=FONT, size=11, bold=name == UNIT_NAME)
        _name(wb, name, row)
    put_text(ws["A7"], "填表说明")
    ws["A7"].font = Font(name=FONT, size=12, bold=True)
    row = _GUIDE_TOP
    for n, note in enumerate(notes, start=1):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        put_text(ws.cell(row, 1), f"{n}. {note}")
        ws.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row, 1).font = Font(name=FONT, size=10.5)
        ws.row_dimensions[row].height = text_lines(note, 140) * 14.0 + 4
        row += 1
    row += 1
    checks = rule_formulas(edition)
    for c, title in enumerate(("序号", "勾稽关系", "单元格", "左边", "右边", "核对结果"), start=1):
        put_text(ws.cell(row, c), title)
        ws.cell(row, c).font = Font(name=FONT, size=10.5, bold=True)
        ws.cell(row, c).fill, ws.cell(row, c).border = LABEL_FILL, BORDER
    first = row + 1
    for k, check in enumerate(checks, start=1):
        row += 1
        ws.cell(row, 1).value = k
        put_text(ws.cell(row, 2), check.words)
        put_text(ws.cell(row, 3), check.cells)
        ws.cell(row, 4).value, ws.cell(row, 5).value, ws.cell(row, 6).value = check.left, check.right, check.status
        ws.row_dimensions[row].height = max(text_lines(check.words, 62), text_lines(check.cells, 44)) * 13.0 + 3
        for c in range(1, 7):
            ws.cell(row, c).border = BORDER
            ws.cell(row, c).font = Font(name=FONT, size=10)
            ws.cell(row, c).alignment = Alignment(wrap_text=c in (2, 3), vertical="center",
                                                  horizontal="left" if c in (2, 3) else "center")
    statuses = f"'{GUIDE_SHEET}'!$F${first}:$F${max(row, first)}"
    if checks:
        ws.conditional_formatting.add(f"F{first}:F{row}", mismatch_rule(f'F{first}="{MISMATCH}"'))
    protect_and_fit(ws, landscape=True)
    return statuses


def build_workbook(edition: Edition, figures: object | None, unit: str, year: int | None, *,
                   notes: Sequence[str] = _RETURN_NOTES, lock_structure: bool = True,
                   extra: Extra | None = None) -> bytes:
    """A workbook of ``edition``'s tables holding ``figures`` (None: every figure cell empty, to fill in)."""
    wb = Workbook()
    guide = wb.active
    assert guide is not None
    guide.title = GUIDE_SHEET
    statuses = _guide(wb, guide, edition, unit, year, notes)
    status = (f'=IF(COUNTIF({statuses},"{MISMATCH}")=0,"勾稽关系：无不符",'
              f'"勾稽关系："&COUNTIF({statuses},"{MISMATCH}")&" 处不符，见“{GUIDE_SHEET}”")')
    values: dict[str, Any] = {}
    if figures is not None:
        values = {path: get_value(figures, path) for path, _ in value_fields(edition.figures_class)}
    labels = {path: short_label(label) for path, label in edition.labels().items()}
    checks = rule_formulas(edition)
    for layout in sheet_layouts(edition):
        draw_table(wb.create_sheet(layout.sheet), layout, values, labels, checks, status)
    if extra is not None:
        extra(wb)
    if lock_structure:
        wb.security = WorkbookProtection(lockStructure=True)  # no password: against a sheet renamed by accident
    return save(wb)


def save(wb: Workbook) -> bytes:
    """The workbook's bytes, the same on every run."""
    wb.properties.creator = wb.properties.lastModifiedBy = "reportkit"
    wb.properties.created = wb.properties.modified = _STAMP
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # not Workbook.save, which stamps the time of saving
    return normalise_zip(out.getvalue())


def return_workbook(edition: Edition, unit: str, year: int | None) -> bytes:
    """A blank return for ``unit`` to fill in (``reportkit new-return FILE.xlsx``)."""
    return build_workbook(edition, None, unit, year)


def export_workbook(edition: Edition, figures: object, county: str, year: int) -> bytes:
    """A report's tables (``reportkit export``), for colleagues and the level above; it reads back as figures."""
    return build_workbook(edition, figures, county, year, notes=_EXPORT_NOTES, lock_structure=False)
