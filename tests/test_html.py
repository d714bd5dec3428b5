"""The HTML renderer without a browser: structure, escaping, reproducible bytes, headers tied to cells.

tests/test_html_browser.py loads the same pages in chromium (axe-core, the DOM, a screenshot, print).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

from reportkit import load_report, render_html, render_html_fragment
from reportkit.document import Attachment, Document, DocumentInfo, Paragraph, Section, Signature, TableBlock
from reportkit.document.table import Cell, Column, Row, Table
from reportkit.layout import DEFAULT_LAYOUT, Role, char_cells, signature_place

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {name: ROOT / "examples" / name / "report.toml" for name in ("pingtan-2022", "tongxin-2018")}


class _Tree(HTMLParser):
    """The elements of a page: (tag, attributes, text directly inside), and the texts in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str], list[str]]] = []
        self.stack: list[int] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}, []))
        if tag not in ("br", "meta", "col"):
            self.stack.append(len(self.elements) - 1)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.elements[self.stack.pop()][0] == tag:
                break

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        for index in self.stack:
            self.elements[index][2].append(data)

    def text_of(self, element_id: str) -> str:
        return next("".join(t) for tag, a, t in self.elements if a.get("id") == element_id)

    def tags(self) -> set[str]:
        return {tag for tag, _, _ in self.elements}


def _tree(data: bytes) -> _Tree:
    tree = _Tree()
    tree.feed(data.decode("utf-8"))
    return tree


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    return {name: load_report(path).to_document() for name, path in EXAMPLES.items()}


def test_the_same_document_gives_the_same_bytes(documents: dict[str, Document]) -> None:
    for document in documents.values():
        assert render_html(document) == render_html(document)
        assert render_html_fragment(document) == render_html_fragment(document)


def test_the_page_is_self_contained(documents: dict[str, Document]) -> None:
    for document in documents.values():
        page = render_html(document).decode("utf-8")
        assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
        for external in ("<script", "<link", " src=", " href=", "url(", "@import", "http:", "https:"):
            assert external not in page
        assert page.count("<style>") == 1


def test_the_fragment_is_the_article_alone_with_inline_styles(documents: dict[str, Document]) -> None:
    fragment = render_html_fragment(documents["pingtan-2022"]).decode("utf-8")
    assert fragment.startswith('<article lang="zh-CN" style="') and fragment.endswith("</article>\n")
    assert "<style" not in fragment and " class=" not in fragment and "<html" not in fragment
    tree = _tree(fragment.encode())
    # Every table cell carries its border and padding itself: a CMS that drops style sheets keeps them.
    cells = [a for tag, a, _ in tree.elements if tag in ("td", "th")]
    assert cells and all("border:0.75pt solid #000" in a["style"] and "padding:" in a["style"] for a in cells)


def test_title_headings_with_their_numbers_and_the_attachment(documents: dict[str, Document]) -> None:
    tree = _tree(render_html(documents["tongxin-2018"]))
    headings = [(tag, "".join(text)) for tag, _, text in tree.elements if re.fullmatch(r"h[1-6]", tag)]
    assert headings[0] == ("h1", "同心县2018年政府信息公开工作年度报告")
    assert ("h2", "一、概述") in headings and ("h3", "（二）狠抓平台建设，进一步筑牢政务公开基础。") in headings
    assert headings[-1] == ("h2", "同心县2018年度政府信息公开情况统计表")  # the attachment's title
    levels = [int(tag[1]) for tag, _ in headings]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))  # never skips a level
    sections = [a for tag, a, _ in tree.elements if tag == "section" and "rk-attachment" in a.get("class", "")]
    assert len(sections) == 1 and tree.text_of(sections[0]["aria-labelledby"]) == "附件"


def test_a_run_in_heading_is_a_heading_inside_its_paragraph(documents: dict[str, Document]) -> None:
    page = render_html(documents["tongxin-2018"]).decode("utf-8")
    found = re.search(r'<div class="rk-run-in"><h3 class="rk-h2 rk-inline">(（一）[^<]*)</h3><p class="rk-inline">'
                      r"([^<]{4})", page)
    assert found and found.group(1) == "（一）加强组织领导，进一步靠实责任。"


def _cells(page: bytes) -> list[tuple[str, dict[str, str], str]]:
    return [(tag, a, "".join(t)) for tag, a, t in _tree(page).elements if tag in ("td", "th")]


def test_every_figure_is_tied_to_its_row_and_column_headings(documents: dict[str, Document]) -> None:
    page = render_html(documents["pingtan-2022"])
    tree = _tree(page)
    # 表三, the row 1.属于国家秘密 under （三）不予公开 under 三、本年度办理结果, the column 商业企业.
    row = next(i for i, (tag, a, t) in enumerate(tree.elements) if "".join(t) == "1.属于国家秘密")
    commercial = tree.elements[row + 2]
    assert commercial[0] == "td"
    names = [tree.text_of(i) for i in commercial[1]["headers"].split()]
    assert names == ["申请人情况", "法人或其他组织", "商业企业", "三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]
    # 表二: no header rows at the top; the group heading and the labels row above name the figure.
    licensing = next(a for tag, a, t in tree.elements if tag == "td" and "".join(t) == "10690")
    names = [tree.text_of(i) for i in licensing["headers"].split()]
    assert names == ["第二十条第（五）项", "本年处理决定数量", "行政许可"]
    # Every data cell has its headings (axe-core's td-has-header asks the same of tables over 3 x 3).
    assert all(a.get("headers") for tag, a, _ in _cells(page) if tag == "td")


def test_units_are_headings_of_their_figures(documents: dict[str, Document]) -> None:
    tree = _tree(render_html(documents["tongxin-2018"]))
    figure = next(a for tag, a, t in tree.elements if tag == "td" and "".join(t) == "15607")
    names = [tree.text_of(i) for i in figure["headers"].split()]
    assert names == ["统计数", "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "条"]


def _table_document(*cells: Cell) -> Document:
    columns = tuple(Column(f"列{i}", 1.0) for i in range(len(cells) + 1))
    header = Row(tuple(Cell(c.title) for c in columns), is_header=True)
    table = Table(columns, (header, Row((Cell("项目"), *cells))), caption="表一")
    return Document(DocumentInfo("标题", "某县人民政府"), "标题", (TableBlock(table),))


def test_a_blank_is_not_zero_for_the_eye_or_a_screen_reader() -> None:
    cells = _cells(render_html(_table_document(Cell(None), Cell(0))))
    blank, zero = cells[-2], cells[-1]
    assert blank[2] == "空白" and '<span class="rk-sr">空白</span>' in render_html(_table_document(Cell(None))).decode()
    assert zero[2] == "0" and "rk-num" in zero[1]["class"]


def test_a_table_of_its_own_caption_shows_it() -> None:
    page = render_html(_table_document(Cell(1))).decode()
    assert '<caption id="rk-t1-caption" class="rk-caption">表一</caption>' in page


def test_nothing_in_the_data_becomes_markup() -> None:
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>&amp;'
    table = Table((Column(evil, 1.0), Column("数", 1.0)),
                  (Row((Cell(evil), Cell("数")), is_header=True), Row((Cell(evil), Cell(1)))), caption=evil)
    document = Document(
        DocumentInfo(evil, evil, subject=evil, keywords=(evil,)), evil,
        (Section(evil, (Paragraph(evil),)), Section(evil, (Paragraph(evil),), run_in=True), TableBlock(table)),
        attachments=(Attachment(evil, (Paragraph(evil),)),), closing=(Signature(evil, dt.date(2026, 1, 9)),),
    )
    layout = attrs.evolve(DEFAULT_LAYOUT, fonts={Role.BODY: '"</style><script>alert(1)</script>'})
    for data in (render_html(document, layout), render_html_fragment(document, layout)):
        tree = _tree(data)
        assert not tree.tags() & {"script", "img"}
        assert not any(k.startswith("on") for _, a, _ in tree.elements for k in a)
        assert evil in tree.texts  # the text itself, shown as written
        assert b"</style><script>" not in data


def test_several_attachments_are_an_enumeration_under_the_label() -> None:
    document = Document(DocumentInfo("标题", "某县人民政府"), "标题", (Paragraph("正文。"),),
                        attachments=(Attachment("甲表"), Attachment("乙表")))
    page = render_html(document).decode()
    assert '附件：<ol class="rk-list"><li>1.甲表</li><li>2.乙表</li></ol>' in page
    assert re.findall(r'<p id="rk-attachment-\d" class="rk-attachment-label">([^<]*)</p>', page) == ["附件1", "附件2"]


@pytest.mark.parametrize("sealed", [False, True])
def test_the_signature_stands_where_the_layout_puts_it(sealed: bool) -> None:
    issuer, date = "某县人民政府", "2026年1月9日"
    document = Document(DocumentInfo("标题", issuer), "标题", (Paragraph("正文。"),),
                        closing=(Signature(issuer, dt.date(2026, 1, 9), sealed=sealed),))
    place = signature_place(char_cells(issuer), char_cells(date), sealed)
    page = render_html(document).decode()
    found = re.search(r'<div class="rk-signature"><p class="rk-plain" style="padding-right:([0-9.]+)em">某县人民政府</p>'
                      r'<p class="rk-plain" style="padding-right:([0-9.]+)em">2026年1月9日</p></div>', page)
    assert found
    assert (float(found.group(1)), float(found.group(2))) == pytest.approx((place.issuer_right, place.date_right),
                                                                           abs=0.01)


def test_print_css_follows_the_layout() -> None:
    layout = attrs.evolve(DEFAULT_LAYOUT, margin_top_mm=40.0, page_number_format="-{n}-")
    document = Document(DocumentInfo("标题", "某县人民政府"), "标题", (Paragraph("正文。"),))
    page = render_html(document, layout).decode()
    assert "@page{size:210mm 297mm;margin:40mm 26mm 35mm 28mm}" in page
    assert '@page :right{@bottom-right{content:"-" counter(page) "-"' in page
    assert '@page :left{@bottom-left{content:"-" counter(page) "-"' in page
