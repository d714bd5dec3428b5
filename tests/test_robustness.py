"""Any valid report renders (random text, rare characters, long paragraphs, empty sections, huge numbers); any broken
data file is one clear error."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tempfile
import tomllib
import warnings
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reportkit import render_docx, render_pdf
from reportkit.document import Document, DocumentInfo, Paragraph, Section
from reportkit.document.flow import TableItem, flatten
from reportkit.document.model import Attachment, TableRef
from reportkit.editions import Stats2018
from reportkit.editions.e2018 import Applications
from reportkit.fonts import FontError
from reportkit.i18n import set_language
from reportkit.report import DataError, parse_report
from reportkit.report.model import AnnualReport, ReportMeta

from conftest import EXAMPLE, need, squash
from hostile import english_words

_COMMON = "政府信息公开工作年度报告县乡镇人民主动申请答复数条件次，。、；：“”（）《》——"
_RARE = st.characters(min_codepoint=0x3400, max_codepoint=0x9FFF)  # CJK Extension A and the whole URO
_LATIN = st.sampled_from(list("ABCxyz0123456789.-/@%+"))
_CHAR = st.one_of(st.sampled_from(list(_COMMON)), _RARE, _LATIN)
_TEXT = st.text(_CHAR, min_size=1, max_size=400).filter(lambda t: t.strip() != "")


def _section(children: st.SearchStrategy[tuple[object, ...]]) -> st.SearchStrategy[Section]:
    return st.builds(Section, _TEXT.map(lambda t: t[:30]), children)


_PARAGRAPHS = st.lists(st.builds(Paragraph, _TEXT), max_size=3).map(tuple)
_BLOCKS = st.lists(st.one_of(st.builds(Paragraph, _TEXT), _section(_PARAGRAPHS)), min_size=1, max_size=4).map(tuple)
_DOCUMENTS = st.builds(Document, st.just(DocumentInfo("标题", "某县人民政府")), _TEXT.map(lambda t: t[:40]), _BLOCKS)

_SLOW = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _pdf_text(pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.pdf"
        path.write_bytes(pdf)
        command = [need("pdftotext"), "-raw", str(path), "-"]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _texts(document: Document) -> list[str]:
    out = [document.title]
    def walk(blocks: tuple[object, ...]) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                out.append(block.text)
            elif isinstance(block, Section):
                out.append(block.title)
                walk(block.blocks)
    walk(document.blocks)
    return out


@_SLOW
@given(_DOCUMENTS)
def test_any_document_renders_to_files_that_read_back(document: Document) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        opened = docx.Document(io.BytesIO(render_docx(document)))
        try:
            pdf = render_pdf(document)
        except FontError as exc:  # a character no installed font has: named, with where it is
            assert "U+" in str(exc) and "nor in any fallback font" in str(exc)
            return
    body = squash("".join(p.text for p in opened.paragraphs))
    extracted = squash(_pdf_text(pdf))
    for text in _texts(document):
        assert squash(text) in body
        assert squash(text) in extracted


@_SLOW
@given(st.integers(min_value=0, max_value=10**15), st.integers(min_value=0, max_value=10**15))
def test_huge_figures_render_in_the_table(received: int, answered: int) -> None:
    stats = attrs.evolve(Stats2018(), applications=Applications(received=received, answered=answered))
    meta = ReportMeta("某县人民政府", "某县", 2025, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    report = AnnualReport(meta, "2018", stats, attachments=(Attachment("统计表", (TableRef("stats"),)),))
    document = report.to_document()
    assert any(isinstance(item, TableItem) for item in flatten(document))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = squash(_pdf_text(render_pdf(document)))
        opened = docx.Document(io.BytesIO(render_docx(document)))
    assert f"件{received}" in text and f"件{answered}" in text
    cells = [cell.text for row in opened.tables[0].rows for cell in row.cells]
    assert str(received) in cells and str(answered) in cells


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.integers(16, 28), chars=st.integers(22, 30), top=st.floats(25, 45), left=st.floats(20, 35),
       indent=st.integers(0, 4), keep=st.booleans())
def test_any_accepted_layout_sets_the_example(lines: int, chars: int, top: float, left: float, indent: int, keep: bool,
                                              example: AnnualReport) -> None:
    """A page PageLayout accepts holds the whole example: every page within its lines, both files written."""
    try:
        layout = attrs.evolve(example.layout, lines_per_page=lines, chars_per_line=chars, margin_top_mm=top,
                              margin_left_mm=left, first_line_indent_chars=indent, keep_headings_with_next=keep)
    except ValueError:
        assume(False)  # refused with its reason (tests/test_load.py): not a page to set
        raise
    document = example.to_document()
    docx.Document(io.BytesIO(render_docx(document, layout)))
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "r.pdf"
        pdf.write_bytes(render_pdf(document, layout))
        text = subprocess.run([need("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
    body = text.split("附件\n")[0].split("\f")
    pages = [[line for line in page.splitlines() if line.strip()] for page in body if page.strip()]
    assert max(len(page) - 1 for page in pages) <= layout.lines_per_page  # the page number aside
    assert squash(example.to_document().title) in squash(text)


def _places(data: object, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every key and list index of parsed data, as a path."""
    found: list[tuple[str | int, ...]] = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
    for key, value in items:
        found.append((*prefix, key))
        found += _places(value, (*prefix, key))
    return found


_ODD_VALUES = st.sampled_from(["", "三", -1, 0, 1.5, 10**20, True, [], [1, 2], {}, {"a": 1}, dt.date(2020, 1, 1),
                               "\x07", "待填写", [{"heading": "x"}], {"heading": 5}, "（一）标题", "{{ x }}", None])


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_broken_data_file_is_one_clear_error(data: st.DataObject) -> None:
    # A mistake anywhere in the example's data (a value of another type, a key removed) either still makes a
    # report or is a DataError that names the field: never another exception from deep inside.
    parsed = tomllib.loads(EXAMPLE.read_text("utf-8"))
    place = data.draw(st.sampled_from(_places(parsed)))
    parent: Any = parsed
    for key in place[:-1]:
        parent = parent[key]
    value = data.draw(_ODD_VALUES)
    if value is None:
        del parent[place[-1]]
    else:
        parent[place[-1]] = value
    try:
        parse_report(parsed, "report.toml", base=EXAMPLE.parent)
    except DataError as exc:
        assert str(exc).startswith("report.toml: ") or str(exc).startswith(str(EXAMPLE.parent)), str(exc)
        # The same mistake for a Chinese locale: Chinese, with no English words left but what it quotes.
        set_language("zh")
        try:
            with pytest.raises(DataError) as caught:
                parse_report(parsed, "report.toml", base=EXAMPLE.parent)
        finally:
            set_language(None)
        chinese = str(caught.value)
        assert chinese.startswith(("report.toml：", f"{EXAMPLE.parent}")), chinese
        assert english_words(chinese) == [], chinese
