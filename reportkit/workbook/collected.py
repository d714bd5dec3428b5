"""`reportkit collect -o stats.xlsx`: the county's sum in the official tables, each unit's figures beside it.

The workbook reads back as figures (``stats = "stats.xlsx"``), like ``export``'s. Two more sheets are for the
政务公开办 checking the returns: 各单位明细 (every 统计指标: the sum, then one column per unit) and 核对结果
(each unit's findings).
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reportkit.editions import REGISTRY
from reportkit.editions.base import PENDING, get_value, value_fields
from reportkit.validate.engine import short_label
from reportkit.workbook.layout import figure_cells
from reportkit.workbook.sheets import BORDER, FONT, LABEL_FILL, put_text
from reportkit.workbook.write import build_workbook

if TYPE_CHECKING:
    from reportkit.report.collect import Collected
    from reportkit.validate.findings import Finding

BREAKDOWN_SHEET, FINDINGS_SHEET = "各单位明细", "核对结果"


def _header(ws: Worksheet, titles: Sequence[str], widths: Sequence[float]) -> None:
    for c, (title, width) in enumerate(zip(titles, widths, strict=True), start=1):
        put_text(ws.cell(1, c), title)
        ws.cell(1, c).font = Font(name=FONT, size=10.5, bold=True)
        ws.cell(1, c).fill, ws.cell(1, c).border = LABEL_FILL, BORDER
        ws.cell(1, c).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "D2"


def _breakdown(wb: Workbook, collected: Collected) -> None:
    edition = REGISTRY.lookup(collected.edition, collected.returns[0].source)
    ws = wb.create_sheet(BREAKDOWN_SHEET)
    units = [r.unit for r in collected.returns]
    _header(ws, ("表", "单元格", "统计指标", "合计", *units), (8, 8, 48, 10, *(10 for _ in units)))
    where = figure_cells(edition)
    labels = edition.labels()
    for row, (path, _) in enumerate(value_fields(edition.figures_class), start=2):
        sheet, r, c = where[path]
        cells = [sheet, f"{get_column_letter(c)}{r}", short_label(labels.get(path, path))]
        for k, text in enumerate(cells, start=1):
            put_text(ws.cell(row, k), text)
        values = [get_value(collected.total, path), *(get_value(u.figures, path) for u in collected.returns)]
        for k, value in enumerate(values, start=4):
            target = ws.cell(row, k)
            if value == PENDING or isinstance(value, str):
                put_text(target, str(value))
            elif value is not None:
                target.value = value if isinstance(value, int) else float(value)
        for k in range(1, len(values) + 4):
            ws.cell(row, k).border = BORDER
            ws.cell(row, k).font = Font(name=FONT, size=10, bold=k == 4)


def _findings(wb: Workbook, collected: Collected, findings: Sequence[tuple[str, Finding]]) -> None:
    ws = wb.create_sheet(FINDINGS_SHEET)
    _header(ws, ("单位", "文件", "级别", "规则", "内容"), (14, 24, 8, 28, 90))
    rows: list[tuple[str, ...]] = [(unit, source_of(collected, unit), f.severity.value, f.rule, f.message)
                                   for unit, f in findings]
    for path, waiting in collected.pending.items():
        rows.append(("、".join(waiting), "", "warning", "pending", f"{path} {PENDING}"))
    if not rows:
        rows.append(("", "", "", "", f"{len(collected.returns)} 个单位的报表均未发现问题"))
    for r, values in enumerate(rows, start=2):
        for c, text in enumerate(values, start=1):
            put_text(ws.cell(r, c), text)
            ws.cell(r, c).font = Font(name=FONT, size=10)
            ws.cell(r, c).alignment = Alignment(wrap_text=c == 5, vertical="top")


def collected_by_reportkit(path: Path) -> bool:
    """Whether ``path`` is a workbook ``collect`` wrote: one with the 各单位明细 sheet."""
    try:
        with zipfile.ZipFile(path) as archive:
            return f'name="{BREAKDOWN_SHEET}"'.encode() in archive.read("xl/workbook.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


def source_of(collected: Collected, unit: str) -> str:
    return next(r.source for r in collected.returns if r.unit == unit)


def collected_workbook(collected: Collected, findings: Sequence[tuple[str, Finding]], year: int | None) -> bytes:
    """The sum of the returns, its breakdown by unit, and each unit's findings (unit, finding)."""
    edition = REGISTRY.lookup(collected.edition, collected.returns[0].source)
    notes = (f"本工作簿由 reportkit collect 汇总 {len(collected.returns)} 个单位的报表：" +
             "、".join(r.unit for r in collected.returns) + "。各表为合计数；“各单位明细”逐项列出各单位的数，"
             "“核对结果”列出各单位报表的勾稽问题。请重新汇总，勿直接修改。",
             "空白表示所有单位均未填该项（空白不等于 0）；“待填写”表示尚有单位未填，见“核对结果”。")

    def extra(wb: Workbook) -> None:
        _breakdown(wb, collected)
        _findings(wb, collected, findings)

    return build_workbook(edition, collected.total, f"合计（{len(collected.returns)}个单位）", year, notes=notes,
                          lock_structure=False, extra=extra)
