from __future__ import annotations

import datetime as dt
import difflib
import io
import re
import subprocess
import zipfile
from pathlib import Path

import attrs
import docx
import pytest

from reportkit import AnnualReport, PageLayout, Signature, render_docx, render_pdf
from reportkit.document import Document, DocumentInfo, Paragraph, TableBlock
from reportkit.document.table import Cell, Column, Row, Table
from reportkit.layout import Role
from reportkit.render import RenderError
from reportkit.validate import validate

from conftest import need, pdf_text, squash


def _reference_paragraphs(seed_lines: list[str]) -> list[str]:
    """The reference body as paragraphs (a blank-separated line that ends short ends a paragraph)."""
    end = next(i for i, line in enumerate(seed_lines) if line.startswith("附件："))
    text = squash("".join(seed_lines[:end + 1]))
    # The published page break swallowed 不 in "…时不失声、不缺位"; the example restores it.
    return [text.replace("事件时失声", "事件时不失声")]


def _in_order_ratio(reference: str, text: str) -> float:
    matcher = difflib.SequenceMatcher(None, reference, text, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(reference)


def test_pdf_holds_the_whole_reference_in_order(seed_lines: list[str], example_pdf: Path) -> None:
    reference = squash("".join(seed_lines))
    text = squash(pdf_text(example_pdf, "-raw"))
    assert _in_order_ratio(reference, text) >= 0.99


def test_pdf_holds_every_body_paragraph(example: AnnualReport, seed_lines: list[str], example_pdf: Path) -> None:
    text = re.sub("—[0-9]+—", "", squash(pdf_text(example_pdf, "-raw")))
    body = _reference_paragraphs(seed_lines)[0]
    assert body in text
    for paragraph in example.to_document().blocks:
        if isinstance(paragraph, Paragraph):
            assert squash(paragraph.text) in text


def test_pdf_holds_all_65_table_rows(example: AnnualReport, example_pdf: Path) -> None:
    text = squash(pdf_text(example_pdf, "-raw"))
    table = example.tables()["stats"]
    assert len(table.rows) == 66  # the header and 65 rows
    position = 0
    for row in table.rows[1:]:
        label, unit, value = (squash(cell.text) for cell in row.cells)
        found = text.find(label, position)
        assert found >= 0, f"row {label!r} missing"
        rest = text[found + len(label): found + len(label) + 40]
        assert rest.startswith(unit + value), f"row {label!r}: expected {unit + value!r}, got {rest[:12]!r}"
        position = found + len(label)


def test_pdf_pages_fonts_and_metadata(example_pdf: Path) -> None:
    need("pdfinfo")
    info = subprocess.run(["pdfinfo", str(example_pdf)], capture_output=True, text=True, check=True).stdout
    assert "同心县2018年政府信息公开工作年度报告" in info
    assert "Author:          同心县人民政府" in info
    assert "Page size:       595.28 x 841.89 pts (A4)" in info or "595.3 x 841.9" in info
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 16 <= pages <= 18  # the published report has 17
    fonts = subprocess.run(["pdffonts", str(example_pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes yes " in row for row in rows), fonts


def test_pdf_page_numbers(example_pdf: Path) -> None:
    pages = pdf_text(example_pdf, "-layout").split("\f")
    for n, page in enumerate([p for p in pages if p.strip()], 1):
        last = [line for line in page.splitlines() if line.strip()][-1]
        assert squash(last) == f"—{n}—", last


def test_pdf_is_reproducible(example: AnnualReport) -> None:
    document = example.to_document()
    assert render_pdf(document) == render_pdf(document)


def test_docx_reopens_with_all_text(example: AnnualReport, seed_lines: list[str], example_docx: Path) -> None:
    opened = docx.Document(str(example_docx))
    body = squash("".join(p.text for p in opened.paragraphs))
    assert _reference_paragraphs(seed_lines)[0] in body
    table = opened.tables[0]
    assert len(table.rows) == 66
    assert [c.text for c in table.rows[30].cells] == ["（三）申请答复数", "件", "3"]
    section = opened.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    assert opened.core_properties.author == "同心县人民政府"


def test_docx_has_page_fields_and_east_asian_fonts(example_docx: Path) -> None:
    with zipfile.ZipFile(example_docx) as archive:
        footers = [archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer")]
        document = archive.read("word/document.xml").decode()
        styles = archive.read("word/styles.xml").decode()
    assert len(footers) == 2 and all(" PAGE " in f for f in footers)
    # The East Asian fonts are in the styles (tests/test_docx_conventions.py); the runs carry the eastAsia hint.
    assert 'w:eastAsia="仿宋_GB2312"' in styles and 'w:eastAsia="黑体"' in styles
    assert '<w:rFonts w:hint="eastAsia"/>' in document
    assert "<w:tblHeader/>" in document


def test_docx_is_reproducible(example: AnnualReport) -> None:
    document = example.to_document()
    assert render_docx(document) == render_docx(document)


def test_docx_grid_encoding(example_docx: Path) -> None:
    with zipfile.ZipFile(example_docx) as archive:
        document = archive.read("word/document.xml").decode()
        styles = archive.read("word/styles.xml").decode()
    assert re.search(r'<w:docGrid w:type="lines" w:linePitch="579"/>', document)
    # Normal: 16 pt condensed to fit 28 full-width characters in the 442.25 pt line, and not by a twip more.
    condense = re.search(r'w:styleId="Normal">.*?<w:spacing w:val="(-?[0-9]+)"/>', styles)
    assert condense
    advance = 16 + int(condense.group(1)) / 20
    assert 28 * advance <= 442.25 < 28 * (advance + 1 / 20)


@pytest.mark.parametrize("sealed", [False, True])
def test_signature_layouts(sealed: bool, tmp_path: Path) -> None:
    document = Document(
        DocumentInfo("标题", "某县人民政府"), "某县2025年政府信息公开工作年度报告",
        (Paragraph("正文。"),), closing=(Signature("某县人民政府", dt.date(2026, 1, 9), sealed=sealed),),
    )
    pdf = tmp_path / "s.pdf"
    pdf.write_bytes(render_pdf(document))
    bbox = pdf_text(pdf, "-bbox")
    def edges(word: str) -> tuple[float, float]:
        # pdftotext -bbox: <word xMin="…" yMin="…" xMax="…" yMax="…">text</word>
        pattern = r'xMin="([0-9.]+)"[^>]*xMax="([0-9.]+)"[^>]*>([^<]*)</word>'
        found = [m for m in re.finditer(pattern, bbox) if word in m.group(3)]
        return float(found[-1].group(1)), float(found[-1].group(2))
    cell = 442.25 / 28
    type_area_right = 79.37 + 442.25
    date_left, date_right = edges("2026")[0], edges("日")[1]
    issuer_left, issuer_right = edges("某县人民政府")
    if sealed:
        assert date_right == pytest.approx(type_area_right - 4 * cell, abs=2)  # 右空四字
        assert (issuer_left + issuer_right) / 2 == pytest.approx((date_left + date_right) / 2, abs=2)
    else:
        # The date is longer than the issuer: the date 右空二字, the issuer starting two characters before it.
        assert date_right == pytest.approx(type_area_right - 2 * cell, abs=2)
        assert issuer_left == pytest.approx(date_left - 2 * cell, abs=2)
    opened = docx.Document(__import__("io").BytesIO(render_docx(document)))
    assert [p.text for p in opened.paragraphs][-2:] == ["某县人民政府", "2026年1月9日"]


def test_docx_headings_keep_with_next_as_the_layout_says(example: AnnualReport) -> None:
    document = example.to_document()
    def heading1(layout: PageLayout) -> str:
        styles = zipfile.ZipFile(io.BytesIO(render_docx(document, layout))).read("word/styles.xml").decode()
        found = re.search(r'w:styleId="Heading1">.*?</w:style>', styles)
        assert found
        return found.group()
    assert '<w:keepNext w:val="0"/>' in heading1(document.layout)  # the example, as published
    kept = heading1(attrs.evolve(document.layout, keep_headings_with_next=True))
    assert "<w:keepNext/>" in kept and 'w:keepNext w:val="0"' not in kept


@pytest.mark.language("zh")
def test_a_layout_that_cannot_hold_text_is_refused_in_chinese() -> None:
    with pytest.raises(ValueError, match=r"^每页 40 行，每行只有 15\.9 磅，放不下 16 磅的正文$"):
        PageLayout(lines_per_page=40)
    with pytest.raises(ValueError, match=r"^每页 7 行太少：标题、小标题和正文至少需要 8 行$"):
        PageLayout(lines_per_page=7)


def test_a_layout_that_cannot_hold_text_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^40 lines a page leave 15\.9 pt each, too tight for the 16 pt text$"):
        PageLayout(lines_per_page=40)
    with pytest.raises(ValueError, match=r"^28 characters a line leave 15\.8 pt each, too narrow for the 18 pt text$"):
        PageLayout(sizes={**PageLayout().sizes, Role.BODY: 18.0})


def test_a_table_row_taller_than_a_page_is_a_clear_error() -> None:
    table = Table((Column("说明", 3.0), Column("数", 1.0)),
                  (Row((Cell("说明"), Cell("数")), is_header=True), Row((Cell("很长的说明。" * 400), Cell("1")))))
    document = Document(DocumentInfo("标题", "某县人民政府"), "标题", (Paragraph("正文。"), TableBlock(table)))
    with pytest.raises(RenderError, match=r"^a table row is taller than a page \(page 2\): about \d+ lines against "
                                          r"the 22 of a page"):
        render_pdf(document)
    docx.Document(io.BytesIO(render_docx(document)))  # Word breaks such a row itself: the DOCX is written


def test_the_readmes_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    code = re.search(r"```python\n(.*?)```", readme, re.S)
    assert code, "README.md has a Python example"
    monkeypatch.chdir(tmp_path)
    scope: dict[str, object] = {}
    exec(compile(code[1], "README.md", "exec"), scope)  # the README's own example, as a reader runs it
    text = squash(pdf_text(tmp_path / "report.pdf", "-raw"))
    assert "一、概述（一）加强组织领导。某县始终把政务公开工作" in text  # numbered, run in
    assert docx.Document(str(tmp_path / "report.docx")).paragraphs
    report = scope["report"]
    assert isinstance(report, AnnualReport)
    assert not [f for f in validate(report) if f.rule == "edition-year"]
