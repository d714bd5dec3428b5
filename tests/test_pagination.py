"""One pagination rule for both outputs (layout.TableBreaks): the PDF and the DOCX break tables at the same rows.

Before it, a 2021-format report whose 表二 starts in the middle of a page came out 4 pages in the PDF (reportlab
kept the heading with the whole table and moved both to the next page) and 3 through LibreOffice, which breaks
the table under its heading.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import attrs
import pytest

from reportkit import cli, load_report, render_docx, render_pdf
from reportkit.document import Section

from conftest import libreoffice_pdf, squash

TABLE_TWO = "（本列数据的勾稽关系"  # 表二's header (收到和处理政府信息公开申请情况)
TABLE_THREE = "未经复议直接起诉"  # 表三's header (行政复议、行政诉讼)


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [squash(page) for page in text.split("\f") if page.strip()]


def _first_page(pages: list[str], mark: str) -> int:
    return next(i for i, page in enumerate(pages, 1) if mark in page)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], list[str]]:
    folder = tmp_path_factory.mktemp("pagination")
    assert cli.main(["new", str(folder / "r"), "--county", "某县", "--year", "2025", "--edition", "2021"]) == 0
    data = folder / "r" / "report.toml"
    head, stats = data.read_text("utf-8").split("[stats.", 1)
    data.write_text(head + re.sub(r'= "待填写"', "= 0", "[stats." + stats), "utf-8")  # a report with its figures
    document = load_report(data).to_document()
    # Without 二、主动公开 (its four small tables), 表二 starts half-way down page 2.
    blocks = tuple(b for b in document.blocks if not (isinstance(b, Section) and b.title.startswith("主动公开")))
    assert len(blocks) == len(document.blocks) - 1
    document = attrs.evolve(document, blocks=blocks)
    pdf, docx = folder / "report.pdf", folder / "report.docx"
    pdf.write_bytes(render_pdf(document))
    docx.write_bytes(render_docx(document))
    return _pages(pdf), _pages(libreoffice_pdf(docx, folder / "lo"))


def test_pdf_and_libreoffice_have_the_same_pages_and_table_starts(outputs: tuple[list[str], list[str]]) -> None:
    ours, libreoffice = outputs
    assert len(ours) == len(libreoffice)
    starts = [(_first_page(pages, TABLE_TWO), _first_page(pages, TABLE_THREE)) for pages in (ours, libreoffice)]
    assert starts[0] == starts[1]


def test_table_breaks_under_its_heading_with_rows_not_moved_whole(outputs: tuple[list[str], list[str]]) -> None:
    for pages in outputs:
        page = pages[_first_page(pages, TABLE_TWO) - 1]
        # The page holds text before the table (it starts mid-page), its header and at least two body rows ...
        assert page.index("收到和处理政府信息公开申请情况") > 0
        assert "一、本年新收政府信息公开申请数量" in page and "二、上年结转政府信息公开申请数量" in page
        # ... and the table goes on over the next page, its header repeated there.
        assert "四、结转下年度继续办理" not in page
        assert TABLE_TWO in pages[_first_page(pages, TABLE_TWO)]
