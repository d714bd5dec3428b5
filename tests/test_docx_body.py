"""The DOCX body written as XML (issue 18) is what python-docx's add_paragraph and add_run wrote, element for
element and byte for byte, on varied text."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

import pytest
from docx.shared import Pt
from lxml import etree

from reportkit import load_report, render_docx
from reportkit.document import Cell, Column, Document, DocumentInfo, Paragraph, Row, Section, Table, TableBlock
from reportkit.document.flow import Kind, Run, SignatureItem, TextItem, split_at
from reportkit.document.model import Attachment, Signature
from reportkit.layout import PageLayout, Role, char_cells, signature_place
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
    for item in items:
        _python_docx(theirs, item, their_styles)
        body.add(docx_module._text_xml(item, our_styles))
    body.finish()
    theirs_p = theirs.element.body.findall(docx_module.qn("w:p"))
    ours_p = ours.part._element.body.findall(docx_module.qn("w:p"))
    assert len(ours_p) == len(theirs_p) == len(items)
    for item, mine, python_docx in zip(items, ours_p, theirs_p, strict=True):
        assert etree.tostring(mine) == etree.tostring(python_docx), item
    assert etree.tostring(ours.part._element) == etree.tostring(theirs.element)
    assert any(p.find(f"{docx_module.qn('w:r')}/{docx_module.qn('w:rPr')}/{docx_module.qn('w:rStyle')}") is not None
               for p in ours_p)  # run-in headings were among them


class _MovedIn:
    """The body as python-docx builds it: each piece parsed and moved into the document in turn."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc

    def add(self, xml: str) -> None:
        if xml:
            element = docx_module.parse_xml(f'<w:body xmlns:w="{docx_module.W_NS}">{xml}</w:body>')
            for child in list(element):
                self.doc.element.body.sectPr.addprevious(child)

    def finish(self) -> None:
        pass


def _python_docx_signature(doc: Any, item: SignatureItem, styles: Any, layout: PageLayout) -> str:
    """How render_docx wrote the signature with python-docx's API, in the document."""
    place = signature_place(char_cells(item.issuer), char_cells(item.date_text), item.sealed)
    doc.add_paragraph(style=styles.signature)
    for text, right in ((item.issuer, place.issuer_right), (item.date_text, place.date_right)):
        p = doc.add_paragraph(style=styles.signature)
        p.paragraph_format.right_indent = Pt(max(right, 0) * layout.cell_pitch)
        styles.run_fonts(p.add_run(text)._r, Role.BODY, styles.signature.style_id)
    return ""


def _signed() -> Document:
    columns = (Column("项目", 3), Column("数", 1))
    table = Table(columns, (Row((Cell("项目"), Cell("数")), is_header=True), Row((Cell("甲 & 乙"), Cell(3)),)))
    return Document(DocumentInfo("表", "某县人民政府"), "某县2024年报告",
                    (Paragraph("正文 0953-80223328。"), Signature("某县 人民政府办公室", dt.date(2024, 3, 5), sealed=True),
                     Section("情况", (TableBlock(table), Paragraph("又一段。"))),),
                    attachments=(Attachment("附表", (Paragraph("附。"),)),),
                    closing=(Signature("某县人民政府", dt.date(2024, 12, 31)),))


@pytest.mark.parametrize("example", ["tongxin-2018", "pingtan-2022", "signed"])
def test_documents_are_the_ones_python_docx_wrote(example: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if example == "signed":
        document = _signed()
    else:
        document = load_report(ROOT / "examples" / example / "report.toml").to_document()
    ours = render_docx(document)

    def with_python_docx(item: TextItem, styles: Any) -> str:
        _python_docx(styles.doc, item, styles)
        return ""

    monkeypatch.setattr(docx_module, "_Body", _MovedIn)
    monkeypatch.setattr(docx_module, "_text_xml", with_python_docx)
    monkeypatch.setattr(docx_module, "_signature_xml", _python_docx_signature)
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
    body.finish()
    saved = io.BytesIO()
    doc.save(saved)
    ours = docx_module._saved(doc)
    assert ours == normalise_zip(saved.getvalue())
    assert len(zipfile.ZipFile(io.BytesIO(ours)).namelist()) >= 7
