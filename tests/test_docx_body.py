"""The DOCX body written as XML (issue 18) is what python-docx's add_paragraph and add_run wrote, element for
element and byte for byte, on varied text."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest
from lxml import etree

from reportkit import load_report, render_docx
from reportkit.document import Cell, Column, Document, DocumentInfo, Row, Section, Table, TableBlock
from reportkit.document.flow import Kind, Run, TextItem, split_at
from reportkit.layout import PageLayout, Role
from reportkit.render import docx as docx_module

from conftest import ROOT

TEXTS = ["正文。", "电话：0953-80223328，传真 0953-8022-3328-", "-1-2-", " 前后有空格 ", "a & b < c > d \"e\" 'f'",
         "回车\r在中间", "制表\t符", "全角　空格　", "", "1-", "—— 一字线 ——", "😀 㙟"]


def _items() -> list[TextItem]:
    items = [TextItem(Kind.TITLE, (Run(Role.TITLE, "某县2024年政府信息公开工作年度报告"),), breaks=(4, 9)),
             TextItem(Kind.TITLE, (Run(Role.TITLE, "一行\n\n空行后 "),)),
             TextItem(Kind.ATTACHMENT_TITLE, (Run(Role.TITLE, "附表 & 说明"),), page_break_before=True)]
    for k, text in enumerate(TEXTS):
        items.append(TextItem(Kind.BODY, (Run(Role.BODY, text),), page_break_before=k % 5 == 4))
        items.append(TextItem((Kind.PLAIN, Kind.ATTACHMENT_NOTE, Kind.ATTACHMENT_LABEL)[k % 3],
                              (Run(Role.BODY if k % 3 < 2 else Role.ATTACHMENT_LABEL, text),)))
        level = 1 + k % 4
        heading = (Role.HEADING1, Role.HEADING2, Role.HEADING3, Role.HEADING4)[level - 1]
        items.append(TextItem(Kind.HEADING, (Run(heading, f"{k}、{text}"),), level=level))
        items.append(TextItem(Kind.BODY, (Run(heading, f"（{k}）标题-{text}。"), Run(Role.BODY, text),
                                          Run(Role.TABLE, "另一种字体")), level=level))
        items.append(TextItem(Kind.HEADING, (Run(Role.BODY, text), Run(heading, "二")), level=level))
    return items


def _python_docx(doc: Any, item: TextItem, styles: Any) -> None:
    """How render_docx wrote a piece of text with python-docx's API."""
    style = styles.text_style(item)
    paragraph = doc.add_paragraph(style=style)
    if item.page_break_before:
        paragraph.paragraph_format.page_break_before = True
    if item.kind == Kind.TITLE or item.kind == Kind.ATTACHMENT_TITLE:
        lines = split_at(item.text, item.breaks) if item.breaks else item.text.split("\n")
        for k, line in enumerate(lines):
            run = paragraph.add_run()
            if k:
                run.add_break()
            run._r.add_t(line)
            styles.run_fonts(run._r, Role.TITLE, style.style_id)
        return
    for i, run in enumerate(item.runs):
        r = paragraph.add_run()
        for k, part in enumerate(docx_module._NUMBER_HYPHEN.split(run.text)):
            if k:
                r._r.append(docx_module.OxmlElement("w:noBreakHyphen"))
            if part:
                r._r.add_t(part)
        run_style = style.style_id
        if i == 0 and len(item.runs) > 1 and item.level:
            run_style = styles.run_in[item.level - 1].style_id
            r._r.get_or_add_rPr().style = run_style
        styles.run_fonts(r._r, run.role, run_style)


@pytest.mark.parametrize("layout", [PageLayout(), PageLayout(fonts={Role.BODY: "宋体", Role.HEADING2: "黑体"})])
def test_text_is_written_as_python_docx_wrote_it(layout: PageLayout) -> None:
    named = docx_module.families(layout)
    items = _items()
    theirs, their_styles = docx_module._prepared(layout, named)
    ours, our_styles = docx_module._prepared(layout, named)
    body = docx_module._Body(ours)
    for k, item in enumerate(items):
        _python_docx(theirs, item, their_styles)
        body.add(docx_module._text_xml(item, our_styles))
        if k % 7 == 3:
            body.flush()  # some paragraphs put in on their own, the rest in runs of them
    body.flush()
    theirs_p = theirs.element.body.findall(docx_module.qn("w:p"))
    ours_p = ours.element.body.findall(docx_module.qn("w:p"))
    assert len(ours_p) == len(theirs_p) == len(items)
    for item, mine, python_docx in zip(items, ours_p, theirs_p, strict=True):
        assert etree.tostring(mine) == etree.tostring(python_docx), item
    assert etree.tostring(ours.element) == etree.tostring(theirs.element)
    assert any(p.find(f"{docx_module.qn('w:r')}/{docx_module.qn('w:rPr')}/{docx_module.qn('w:rStyle')}") is not None
               for p in ours_p)  # run-in headings were among them


@pytest.mark.parametrize("example", ["tongxin-2018", "pingtan-2022"])
def test_the_examples_are_the_documents_python_docx_wrote(example: str, monkeypatch: pytest.MonkeyPatch) -> None:
    document = load_report(ROOT / "examples" / example / "report.toml").to_document()
    ours = render_docx(document)

    def one_by_one(self: Any, xml: str) -> None:  # in the document at once, in order with python-docx's
        self.pending.append(xml)
        self.flush()

    def with_python_docx(item: TextItem, styles: Any) -> str:
        _python_docx(styles.doc, item, styles)
        return ""

    monkeypatch.setattr(docx_module._Body, "add", one_by_one)
    monkeypatch.setattr(docx_module, "_text_xml", with_python_docx)
    assert render_docx(document) == ours


def test_a_sized_table_style_is_made_only_for_the_cells_that_use_it() -> None:
    columns = (Column("项目", 3), Column("数", 1))
    body = Table(columns, tuple(Row((Cell(f"第{k}项"), Cell(k))) for k in range(3)), font_size=12.0)
    headed = Table(columns, (Row((Cell("项目"), Cell("数")), is_header=True), *body.rows), font_size=10.5)
    document = Document(DocumentInfo("表", "某县人民政府"), "某县表",
                        (Section("情况", (TableBlock(body), TableBlock(headed))),))
    styles = zipfile.ZipFile(io.BytesIO(render_docx(document))).read("word/styles.xml").decode()
    names = re.findall(r'<w:name w:val="(Table [^"]* pt)"/>', styles)
    assert names == ["Table Text 12 pt", "Table Header 10.5 pt", "Table Text 10.5 pt"]  # as the cells ask


def test_the_file_is_python_docx_s_saved_and_normalised() -> None:
    from reportkit.render.output import normalise_zip

    layout = PageLayout()
    doc, styles = docx_module._prepared(layout, docx_module.families(layout))
    body = docx_module._Body(doc)
    for item in _items():
        body.add(docx_module._text_xml(item, styles))
    body.flush()
    saved = io.BytesIO()
    doc.save(saved)
    ours = docx_module._saved(doc)
    assert ours == normalise_zip(saved.getvalue())
    assert len(zipfile.ZipFile(io.BytesIO(ours)).namelist()) >= 7
