"""The DOCX follows the conventions of the 公文 templates Word saves in zh-CN (issue 17), each checked in the XML."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as etree
import zipfile

import attrs
import pytest

from reportkit import load_report, render_docx
from reportkit.layout import Role

from conftest import ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EXAMPLES = ["tongxin-2018", "pingtan-2022"]


@pytest.fixture(scope="module", params=EXAMPLES)
def parts(request: pytest.FixtureRequest) -> dict[str, str]:
    report = load_report(ROOT / "examples" / request.param / "report.toml")
    archive = zipfile.ZipFile(io.BytesIO(render_docx(report.to_document())))
    return {name: archive.read(name).decode() for name in archive.namelist()}


def _styles(parts: dict[str, str]) -> dict[str, etree.Element]:
    root = etree.fromstring(parts["word/styles.xml"])
    return {s.get(f"{W}styleId", ""): s for s in root.iter(f"{W}style")}


def test_punctuation_is_compressed_and_the_zh_cn_compat_set_is_written(parts: dict[str, str]) -> None:
    settings = etree.fromstring(parts["word/settings.xml"])
    spacing = settings.find(f"{W}characterSpacingControl")
    assert spacing is not None and spacing.get(f"{W}val") == "compressPunctuation"
    compat = settings.find(f"{W}compat")
    assert compat is not None
    names = [child.tag.removeprefix(W) for child in compat]
    assert names == ["spaceForUL", "balanceSingleByteDoubleByteWidth", "doNotLeaveBackslashAlone", "ulTrailSpace",
                     "doNotExpandShiftReturn", "adjustLineHeightInTable", "useFELayout", "compatSetting"]


def test_font_table_names_each_font_with_charset_panose_and_alternative(parts: dict[str, str]) -> None:
    assert 'PartName="/word/fontTable.xml"' in parts["[Content_Types].xml"]
    assert 'Target="fontTable.xml"' in parts["word/_rels/document.xml.rels"]
    fonts = {f.get(f"{W}name"): f for f in etree.fromstring(parts["word/fontTable.xml"]).iter(f"{W}font")}

    def value(name: str, child: str) -> str | None:
        element = fonts[name].find(f"{W}{child}")
        return None if element is None else element.get(f"{W}val")

    alternatives = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "黑体": "SimHei", "方正小标宋简体": "宋体", "宋体": "SimSun"}
    for name, alt in alternatives.items():
        assert value(name, "altName") == alt, name
        assert value(name, "charset") == "86", name
        panose = value(name, "panose1")
        assert panose is not None and re.fullmatch("[0-9A-F]{20}", panose), name
    assert value("Times New Roman", "charset") == "00"
    # Every font a style names is in the table, and no other.
    named = {font for slot in ("ascii", "eastAsia")
             for font in re.findall(rf'<w:rFonts[^>]* w:{slot}="([^"]+)"', parts["word/styles.xml"])}
    assert named == set(fonts)


def test_a_countys_own_font_is_listed_without_guesses() -> None:
    report = load_report(ROOT / "examples" / "pingtan-2022" / "report.toml")
    document = report.to_document()
    fangsong = (Role.BODY, Role.HEADING3, Role.HEADING4, Role.TABLE)  # every role set in 仿宋_GB2312
    layout = attrs.evolve(document.layout, fonts=dict.fromkeys(fangsong, "汉仪仿宋简"))
    table = zipfile.ZipFile(io.BytesIO(render_docx(document, layout))).read("word/fontTable.xml").decode()
    assert '<w:font w:name="汉仪仿宋简"/>' in table and "仿宋_GB2312" not in table


def test_first_line_indent_is_in_characters(parts: dict[str, str]) -> None:
    styles = _styles(parts)
    normal = styles["Normal"].find(f"{W}pPr/{W}ind")
    assert normal is not None
    assert normal.get(f"{W}firstLineChars") == "200" and normal.get(f"{W}firstLine") == "640"
    # A style without an indent says 0 characters, else Normal's 200 (which win over firstLine) come through.
    for style_id in ("Title", "BodyTextNoIndent", "AttachmentLabel", "ReportSignature", "TableText"):
        ind = styles[style_id].find(f"{W}pPr/{W}ind")
        assert ind is not None and ind.get(f"{W}firstLineChars") == "0", style_id
    # No paragraph sets its first line in twips against its style.
    assert "w:firstLine=" not in parts["word/document.xml"]


def test_headings_keep_with_next_unless_the_report_says_not() -> None:
    for example, kept in (("pingtan-2022", True), ("tongxin-2018", False)):  # 同心县: as published (report.toml)
        report = load_report(ROOT / "examples" / example / "report.toml")
        assert report.to_document().layout.keep_headings_with_next is kept
        archive = zipfile.ZipFile(io.BytesIO(render_docx(report.to_document())))
        styles = _styles({"word/styles.xml": archive.read("word/styles.xml").decode()})
        for level in range(1, 5):
            keep = styles[f"Heading{level}"].find(f"{W}pPr/{W}keepNext")
            assert keep is not None
            assert (keep.get(f"{W}val") != "0") is kept, (example, level)


def test_fonts_live_in_the_styles_and_runs_carry_only_the_hint(parts: dict[str, str]) -> None:
    runs = 0
    for name in ("word/document.xml", "word/footer1.xml", "word/footer2.xml"):
        for run in etree.fromstring(parts[name]).iter(f"{W}r"):
            fonts = run.find(f"{W}rPr/{W}rFonts")
            if run.find(f"{W}t") is None:
                continue  # a field character
            runs += 1
            assert fonts is not None and dict(fonts.attrib) == {f"{W}hint": "eastAsia"}, name
    assert runs > 50
    styles = _styles(parts)
    expected = {"Normal": "仿宋_GB2312", "Title": "方正小标宋简体", "Heading1": "黑体", "Heading2": "楷体_GB2312",
                "Heading2Run-in": "楷体_GB2312", "TableHeader": "黑体", "TableText": "仿宋_GB2312",
                "ReportPageNumber": "宋体"}
    for style_id, east_asian in expected.items():
        fonts = styles[style_id].find(f"{W}rPr/{W}rFonts")
        assert fonts is not None and fonts.get(f"{W}eastAsia") == east_asian, style_id
    page_number = styles["ReportPageNumber"].find(f"{W}rPr/{W}rFonts")
    assert page_number is not None and page_number.get(f"{W}ascii") == "宋体"  # the digits of 页码 in 宋体 too


def test_a_run_that_needs_another_font_than_its_style_keeps_it() -> None:
    from docx import Document as new_docx

    from reportkit.layout import DEFAULT_LAYOUT
    from reportkit.render.docx import _Styles, families
    from reportkit.render.docx_template import minimal_template

    named = families(DEFAULT_LAYOUT)
    doc = new_docx(io.BytesIO(minimal_template(DEFAULT_LAYOUT, named.values())))
    styles = _Styles(doc, DEFAULT_LAYOUT, named)
    paragraph = doc.add_paragraph(style=styles.headings[0])
    same, other = paragraph.add_run("一、"), paragraph.add_run("正文")
    styles.run_fonts(same._r, Role.HEADING1, styles.headings[0].style_id)
    styles.run_fonts(other._r, Role.BODY, styles.headings[0].style_id)
    assert dict(same._r.rPr.rFonts.attrib) == {f"{W}hint": "eastAsia"}
    assert other._r.rPr.rFonts.get(f"{W}eastAsia") == "仿宋_GB2312"


# Word's built-in styles (their English names, which Word also matches in other languages) that mean something
# else than reportkit's styles would: a file's style of such a name takes the built-in's place in Word.
WORD_BUILT_INS = {
    "page number", "signature", "e-mail signature", "header", "footer", "caption", "date", "salutation",
    "closing", "body text", "body text indent", "body text first indent", "plain text", "block text",
    "list paragraph", "no spacing", "subtitle", "quote", "intense quote", "strong", "emphasis", "note heading",
    "table of figures", "toc heading", "index heading", "footnote text", "endnote text", "annotation text",
    "line number", "hyperlink", "message header", "envelope address", "normal indent",
}
USED_AS_MEANT = {"normal", "title", "heading 1", "heading 2", "heading 3", "heading 4", "default paragraph font",
                 "normal table", "table grid"}


def test_style_names_do_not_clash_with_word_built_ins(parts: dict[str, str]) -> None:
    names = {s.find(f"{W}name").get(f"{W}val", "").lower() for s in _styles(parts).values()}  # type: ignore[union-attr]
    assert names & WORD_BUILT_INS == set()
    assert names >= USED_AS_MEANT
