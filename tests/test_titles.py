"""A wrapped title breaks between words, balanced, the longer line first, the same in the PDF and the DOCX
(GB/T 9704-2012 §7.3.1), and the PDF's metadata keeps it whole (issue 17)."""

from __future__ import annotations

import functools
import io
import itertools
import os
import re
import subprocess
import sys
from pathlib import Path

import docx
import jieba
import pytest

from reportkit import load_report, render_docx, render_pdf
from reportkit.document import Document, DocumentInfo, Paragraph
from reportkit.layout import DEFAULT_LAYOUT, Role
from reportkit.report.model import TITLE_BREAKS_BEFORE, TITLE_WORDS
from reportkit.titles import title_breaks, width

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


@functools.cache
def _jieba(words: tuple[str, ...]) -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    for word in words:
        tokenizer.add_word(word, freq=100000)
    return tokenizer


def _jieba_cut(title: str, words: tuple[str, ...]) -> list[int]:
    """Where jieba itself, with its whole dictionary and ``words`` added, starts the words of ``title``."""
    return list(itertools.accumulate(len(word) for word in _jieba(words).cut(title, HMM=False)))[:-1]


_CUTS = [*MADE_UP, "青山县12城乡建设2025年政府信息公开工作年度报告", "ABC公司 2025 annual 报告（修订）",
         "宁夏回族自治区吴忠市同心县人民政府办公室2018年政府信息公开工作年度报告", "a1b2 c3  政府\r\n信息——公开……"]


@pytest.mark.parametrize("cache", ["index", "off"])
def test_each_title_is_cut_as_jieba_cuts_it_with_its_own_words_only(cache: str, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch's reports each add their county to the words: a title is cut as by a fresh jieba dictionary with
    its words only (none left behind), from the index in the cache folder or, without one, the dictionary loaded
    once a process (issue 18)."""
    from reportkit import titles, word_index

    monkeypatch.setenv("REPORTKIT_CACHE_DIR", str(tmp_path) if cache == "index" else "off")
    monkeypatch.setattr(word_index, "_OPEN", {})
    plain, joined = (), ("青山县12城乡",)
    title = "青山县12城乡建设2025年政府信息公开工作年度报告"
    assert _jieba_cut(title, plain) != _jieba_cut(title, joined)  # the word changes the cut: a leftover would show
    for words in (joined, plain, TITLE_WORDS, joined, plain):
        for text in _CUTS:
            assert titles._segments(text, tuple(words)) == _jieba_cut(text, tuple(words)), (text, words)
    assert (word_index._index() is None) == (cache == "off")
    assert list((tmp_path / "words").glob("*.sqlite")) if cache == "index" else not (tmp_path / "words").exists()


def test_a_title_is_cut_without_loading_jiebas_dictionary(tmp_path: Path) -> None:
    """Once the index is made, a process that breaks a title neither imports jieba nor loads its dictionary
    (a second and 90 MB in every CLI run and batch worker before)."""
    code = ("import sys; from reportkit.titles import _segments; "
            f"print(_segments({_CUTS[-2]!r}, ()), 'jieba' in sys.modules)")
    env = {**os.environ, "REPORTKIT_CACHE_DIR": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    assert first.split(" True")[0] == again.split(" False")[0]  # the first run made the index with jieba
    assert again.strip().endswith("False")
    assert again.split("]")[0] + "]" == str(_jieba_cut(_CUTS[-2], ()))


def test_a_damaged_index_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportkit import word_index

    monkeypatch.setenv("REPORTKIT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(word_index, "_OPEN", {})
    title = _CUTS[0]
    expected = word_index.words_of(title)
    (index,) = (tmp_path / "words").glob("*.sqlite")
    index.write_bytes(index.read_bytes()[:5000])  # cut short
    monkeypatch.setattr(word_index, "_OPEN", {})
    assert word_index.words_of(title) == expected
    assert word_index._index() is not None and index.stat().st_size > 5000


def test_a_title_of_the_longest_a_data_file_may_give_is_broken_at_once() -> None:
    """Weighing every set of breaks took seconds for 120 characters and hung for 140 (review, issue 18): past a
    bound the lines are filled one by one, each as far as fits, at words where it can."""
    from reportkit.titles import breakpoints, fit

    title = "宁夏回族自治区吴忠市同心县人民政府办公室" * 9 + "2025年政府信息公开工作年度报告"
    assert len(title) > 190
    breaks = title_breaks(title, DEFAULT_LAYOUT)  # bounded by the points, not by their combinations
    lines = [title[a:b] for a, b in itertools.pairwise([0, *breaks, len(title)])]
    measure = DEFAULT_LAYOUT.text_width / DEFAULT_LAYOUT.size(Role.TITLE)
    assert len(lines) >= 9 and all(width(line) <= measure for line in lines)
    words = {p.index for p in breakpoints(title) if p.cost < 20}
    assert sum(b in words for b in breaks) >= len(breaks) - 1  # between words, all but perhaps one
    short = "某某自治县人民政府办公室2025年政府信息公开工作年度报告"  # few enough to weigh them all, as before
    assert fit(short, breakpoints(short), measure) == title_breaks(short, DEFAULT_LAYOUT)
