"""Long tables in linear time (issue 18): every row measured once, and what remains after a page is not built
again as a table at each break. The PDF is byte for byte the one reportlab's own splitting gives."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from reportkit import load_report, render_pdf
from reportkit.document import Cell, Column, Document, DocumentInfo, Paragraph, Row, Section, Table, TableBlock
from reportkit.document.table import Align
from reportkit.render import pdf as pdf_module
from reportkit.render.errors import RenderError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _document(table: Table, before: int = 0) -> Document:
    blocks: tuple[Any, ...] = tuple(Paragraph("正文。" * 20) for _ in range(before))
    return Document(DocumentInfo("长表", "某县人民政府"), "某县长表",
                    (Section("办理情况", (*blocks, TableBlock(table))),))


def _long(rows: int, header: int = 1) -> Table:
    columns = (Column("序号", 1, Align.CENTER), Column("事项", 5), Column("件数", 1.5, Align.RIGHT))
    heads = tuple(Row((Cell(f"序号{k}"), Cell("事项"), Cell("件数")), is_header=True) for k in range(header))
    body = tuple(Row((Cell(k + 1), Cell(f"第{k + 1}件申请的办理" + "，补正后答复" * (k % 4)), Cell(k * 7 % 1000)))
                 for k in range(rows))
    return Table(columns, (*heads, *body))


def _spanned(groups: int) -> Table:
    """Groups of rows under a merged first column (as 表三's 三、本年度办理结果), some longer than a page, and
    rows with merged columns."""
    columns = (Column("类别", 2, Align.CENTER), Column("事项", 5), Column("件数", 1.5, Align.RIGHT))
    rows = [Row((Cell("类别", colspan=2), Cell("件数")), is_header=True),
            Row((Cell("大类"), Cell("小项"), Cell("数")), is_header=True)]
    for g in range(groups):
        size = (3, 9, 30, 1)[g % 4]
        rows.append(Row((Cell(f"第{g + 1}组", rowspan=size), Cell("第1项" * (1 + g % 3)), Cell(g))))
        rows += [Row((Cell(f"第{k + 1}项"), Cell(k))) for k in range(1, size)]
        if g % 3 == 0:
            rows.append(Row((Cell(f"第{g + 1}组合计", colspan=2), Cell(size))))
    return Table(columns, tuple(rows))


def _both(document: Document, monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, bytes]:
    ours = render_pdf(document)
    with monkeypatch.context() as patched:
        patched.setattr(pdf_module._SpanBreakingTable, "lazy_rest", False)
        theirs = render_pdf(document)
    return ours, theirs


@pytest.mark.parametrize(("table", "before"), [
    (_long(300), 0), (_long(120, header=2), 5), (_long(90, header=0), 3), (_spanned(14), 0), (_spanned(9), 7),
], ids=["long", "two-header-rows", "no-header", "spans", "spans-mid-page"])
def test_long_tables_are_byte_for_byte_reportlabs(table: Table, before: int, monkeypatch: pytest.MonkeyPatch) -> None:
    ours, theirs = _both(_document(table, before), monkeypatch)
    assert ours.count(b"/Type /Page\n") > 2
    assert hashlib.sha256(ours).hexdigest() == hashlib.sha256(theirs).hexdigest()


@pytest.mark.parametrize("example", ["tongxin-2018", "pingtan-2022"])
def test_the_examples_are_byte_for_byte_reportlabs(example: str, monkeypatch: pytest.MonkeyPatch) -> None:
    document = load_report(EXAMPLES / example / "report.toml").to_document()
    ours, theirs = _both(document, monkeypatch)
    assert ours == theirs


def test_a_table_builds_and_measures_each_row_about_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """reportlab built a table of all the remaining rows at every page (rows x pages / 2 rows in all) and
    measured every row again at each call (twice for the first page): counted here, not timed, so that a busy machine cannot fail it."""
    built: list[int] = []
    measured: list[int] = []
    table_init = pdf_module._SpanBreakingTable.__init__
    geometry = pdf_module._SpanBreakingTable._listCellGeom

    def init(self: Any, data: list[Any], *args: Any, **kwargs: Any) -> None:
        built.append(len(data))
        table_init(self, data, *args, **kwargs)

    def cell(self: Any, *args: Any, **kwargs: Any) -> Any:
        measured.append(1)
        return geometry(self, *args, **kwargs)

    monkeypatch.setattr(pdf_module._SpanBreakingTable, "__init__", init)
    monkeypatch.setattr(pdf_module._SpanBreakingTable, "_listCellGeom", cell)
    rows = 2000
    data = render_pdf(_document(_long(rows)))
    pages = data.count(b"/Type /Page\n")
    assert pages > 40
    # The table itself, the first remainder (all its rows, once), then one table a page (and its header).
    assert sum(built) <= 2 * (rows + 1) + rows + 2 * pages
    # Each cell measured once for the heights and once more where it is drawn (reportlab places a cell's
    # content by its height); the repeated header rows besides.
    assert sum(measured) <= 2 * 3 * (rows + 1) + 3 * pages


def test_a_row_taller_than_a_page_deep_in_a_long_table_is_the_same_error(monkeypatch: pytest.MonkeyPatch) -> None:
    base = _long(200)
    tall = Row((Cell(1), Cell("很长的说明。" * 400), Cell(2)))
    table = Table(base.columns, (*base.rows[:150], tall, *base.rows[150:]))
    with pytest.raises(RenderError) as ours:
        render_pdf(_document(table))
    with monkeypatch.context() as patched, pytest.raises(RenderError) as theirs:
        patched.setattr(pdf_module._SpanBreakingTable, "lazy_rest", False)
        render_pdf(_document(table))
    assert str(ours.value) == str(theirs.value)
    assert str(ours.value).startswith("a table row is taller than a page (page ")


def test_the_garbage_collector_is_as_it_was_after_a_render() -> None:
    import gc

    before = gc.get_threshold()
    render_pdf(_document(_long(50)))
    assert gc.get_threshold() == before
    base = _long(20)
    tall = Table(base.columns, (*base.rows, Row((Cell(1), Cell("很长的说明。" * 400), Cell(2)))))
    with pytest.raises(RenderError):
        render_pdf(_document(tall))
    assert gc.get_threshold() == before
