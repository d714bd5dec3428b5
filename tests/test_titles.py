"""A wrapped title breaks between words, balanced, the longer line first, the same in the PDF and the DOCX
(GB/T 9704-2012 §7.3.1), and the PDF's metadata keeps it whole (issue 17)."""

from __future__ import annotations

import functools
import io
import itertools
import re
import subprocess
import sys
from pathlib import Path

import docx
import jieba
import pytest

from reportkit import load_report, render_docx, render_pdf
from reportkit.document import Document, DocumentInfo, Paragraph
from reportkit.report.model import TITLE_BREAKS_BEFORE, TITLE_WORDS
from reportkit.titles import width

from conftest import ROOT, squash

REPORT = "政府信息公开工作年度报告"
MADE_UP = [  # issuers of every kind: 县、区、市、管委会、部门
    "某某自治县2025年政府信息公开工作年度报告",
    "乌鲁木齐市天山区2025年度政府信息公开工作年度报告",
    "呼和浩特市赛罕区人民政府2025年政府信息公开工作年度报告",
    "平潭综合实验区管委会2025年度政府信息公开工作年度报告",
    "某某经济技术开发区管理委员会2025年度政府信息公开工作年度报告",
    "某某县住房和城乡建设局2025年政府信息公开工作年度报告",
    "某某市人力资源和社会保障局2025年度政府信息公开工作年度报告",
    "某某县人民政府办公室2025年政府信息公开工作年度报告",
    "某某市生态环境局某某分局2025年度政府信息公开工作年度报告",
    "某某区市场监督管理局2025年政府信息公开工作年度报告",
]


@functools.cache
def _tokenizer() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    for word in TITLE_WORDS:
        tokenizer.add_word(word, freq=100000)
    return tokenizer


def _words(title: str) -> set[int]:
    """Where jieba's words (with the domain's) start: the test's own reading of the segmenter."""
    ends, at = set(), 0
    for word in _tokenizer().cut(title, HMM=False):
        at += len(word)
        ends.add(at)
    return ends


def _pdf_title_lines(pdf: bytes, tmp_path: Path) -> tuple[list[str], str]:
    path = tmp_path / "t.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", "-l", "1", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    lines = [squash(line) for line in text.splitlines() if line.strip()]
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    title = re.search(r"^Title:\s*(.*)$", info, re.M)
    assert title
    return lines, title.group(1).strip()


def _docx_title_lines(data: bytes) -> list[str]:
    paragraph = docx.Document(io.BytesIO(data)).paragraphs[0]
    assert paragraph.style.name == "Title"
    return [squash(line) for line in paragraph.text.split("\n")]


def _check(title: str, lines: list[str]) -> None:
    assert "".join(lines) == title
    assert 2 <= len(lines) <= 3, lines
    breaks = [len("".join(lines[:k])) for k in range(1, len(lines))]
    assert set(breaks) <= _words(title), lines  # between words
    widths = [width(line) for line in lines]
    assert widths == sorted(widths, reverse=True), lines  # the longer line first
    assert max(widths) - min(widths) <= 7, lines  # balanced


@pytest.mark.parametrize("title", MADE_UP)
def test_made_up_titles_break_at_words_in_both_outputs(title: str, tmp_path: Path) -> None:
    document = Document(DocumentInfo(title, "某某人民政府"), title, (Paragraph("正文。"),),
                        title_words=TITLE_WORDS, title_breaks_before=TITLE_BREAKS_BEFORE)
    pdf_lines, metadata = _pdf_title_lines(render_pdf(document), tmp_path)
    docx_lines = _docx_title_lines(render_docx(document))
    _check(title, docx_lines)
    assert pdf_lines[: len(docx_lines)] == docx_lines  # the PDF's lines are the DOCX's
    assert metadata == title  # unbroken in the PDF's metadata
    # The report's name starts the last line wherever the longer line can stay first.
    if width(title.removesuffix(REPORT)) >= width(REPORT):
        assert docx_lines[-1] == REPORT


def test_the_examples_titles(tmp_path: Path) -> None:
    pingtan = load_report(ROOT / "examples" / "pingtan-2022" / "report.toml").to_document()
    lines = _docx_title_lines(render_docx(pingtan))
    # Was "平潭综合实验区 2022 年度政 / 府信息公开工作年度报告", inside 政府. 平潭综合实验区2022年度 (11 ems) is
    # shorter than the report's name (12): breaking before it would put the shorter line first.
    assert lines == ["平潭综合实验区2022年度政府", "信息公开工作年度报告"]
    _check(pingtan.title, lines)
    pdf_lines, metadata = _pdf_title_lines(render_pdf(pingtan), tmp_path)
    assert pdf_lines[:2] == lines and metadata == pingtan.title
    tongxin = load_report(ROOT / "examples" / "tongxin-2018" / "report.toml").to_document()
    assert _docx_title_lines(render_docx(tongxin)) == ["同心县2018年政府信息公开工作年度报告"]  # fits one line


def test_a_title_that_fits_does_not_load_the_segmenter() -> None:
    code = ("import sys; from reportkit import load_report; from reportkit.document.flow import flatten; "
            f"flatten(load_report({str(ROOT / 'examples' / 'tongxin-2018' / 'report.toml')!r}).to_document()); "
            "import reportkit.cli; print('jieba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_one_dictionary_a_process_each_title_cut_with_its_own_words_only() -> None:
    """A batch's reports each add their county to the words: the dictionary is loaded once (a second each
    before, issue 18), and a title is cut as by a fresh dictionary with its words only (none left behind)."""
    from reportkit import titles

    title = "青山县12城乡建设2025年政府信息公开工作年度报告"

    @functools.cache
    def fresh(words: tuple[str, ...]) -> list[int]:
        tokenizer = jieba.Tokenizer()
        for word in words:
            tokenizer.add_word(word, freq=100000)
        return list(itertools.accumulate(len(word) for word in tokenizer.cut(title, HMM=False)))[:-1]

    plain, joined = (), ("青山县12城乡",)
    assert fresh(plain) != fresh(joined)  # the word changes the cut: a leftover would show
    for words in (joined, plain, TITLE_WORDS, joined, plain):
        assert titles._segments(title, tuple(words)) == fresh(tuple(words))
    assert titles._tokenizer.cache_info().currsize == 1
