"""Table cells built without reportlab's markup parser (issue 18): the same paragraphs, fragment for fragment,
and the same PDF, byte for byte, as parsing their markup gives."""

from __future__ import annotations

from typing import Any

import pytest
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus.paragraph import cleanBlockQuotedText

from reportkit import render_pdf
from reportkit.document import Cell, Column, Document, DocumentInfo, Row, Section, Table, TableBlock
from reportkit.document.table import Align
from reportkit.fonts import resolve_all
from reportkit.layout import DEFAULT_LAYOUT, Role
from reportkit.render import pdf_cells
from reportkit.render.pdf_cells import CellFragments, CellParagraph, cell_markup
from reportkit.render.pdf_grid import PdfFonts

TEXTS = [
    "", " ", "0", "1,234", "12.5%", "abc def", "合计", "其中：主动公开", "2018年 增加 12% (同比)",
    "a&b<c>d", "&amp; &lt;br/&gt;", "<br/>", '<font name="x">y</font>', "<para>段</para>", "&&&<<>>",
    "一\n二", "\n", "a\n\nb", "\n首\n", "  前后有空格  ", "a \t b", "x\r\ny", "中　文\u3000", "\xa0x\xa0y",
    "a\u2009b\u200bc", "㐀囧丂", "王镕在㙟村", "😀 ok", "mixed㐀abc中😀文", "第1件申请的办理，补正后答复" * 6,
    "长" * 80 + "\n" + "long words " * 12,
]


@pytest.fixture(scope="module")
def fonts() -> PdfFonts:
    return PdfFonts(resolve_all(warn=False), DEFAULT_LAYOUT)


def _style(fonts: PdfFonts, role: Role, size: float, alignment: int, indent: float) -> ParagraphStyle:
    return ParagraphStyle("cell", fontName=fonts.name(role), fontSize=size, leading=size * 1.2,
                          alignment=alignment, wordWrap="CJK", leftIndent=indent)


def _state(paragraph: Any) -> tuple[Any, ...]:
    """Everything a paragraph holds from its markup: its text, each fragment's attributes in order, and which
    fragments share their link and underline lists."""
    frags = paragraph.frags
    shared = [(f.link is frags[0].link, f.us_lines is frags[0].us_lines) for f in frags]
    return paragraph.text, [list(vars(f).items()) for f in frags], shared, paragraph.bulletText


@pytest.mark.parametrize("role", [Role.TABLE, Role.TABLE_HEADER])
@pytest.mark.parametrize(("size", "alignment", "indent"), [(10.5, TA_LEFT, 0.0), (12, TA_CENTER, 0.0),
                                                           (9, TA_RIGHT, 21.0)])
def test_cells_are_the_paragraphs_the_parser_makes(fonts: PdfFonts, role: Role, size: float, alignment: int,
                                                   indent: float) -> None:
    style = _style(fonts, role, size, alignment, indent)
    fragments = CellFragments(style)
    fallback = 0
    for text in TEXTS:
        markup = cell_markup(text, fonts, role)
        fallback += "<font" in markup.replace(f'<font name="{fonts.name(Role.LATIN)}"', "")
        parsed = RLParagraph(markup, style)
        built = CellParagraph.of(markup, style, fragments)
        assert _state(built) == _state(parsed), text
        for width in (30.0, 90.0, 400.0):  # broken into the same lines, drawn with the same fragments
            assert built.wrap(width, 1000) == parsed.wrap(width, 1000), (text, width)
            assert repr(built.blPara) == repr(parsed.blPara), (text, width)
    assert fallback >= 3  # the fallback fonts were tried, not only the table's and the Latin font


def test_a_cell_in_a_fallback_font_shares_the_paragraphs_lists(fonts: PdfFonts) -> None:
    style = _style(fonts, Role.TABLE, 10.5, TA_LEFT, 0.0)
    built = CellParagraph.of(cell_markup("甲a&b\n😀乙", fonts, Role.TABLE), style, CellFragments(style))
    texts = [f.text for f in built.frags]
    assert texts == ["甲", "a", "&", "b", "", "😀", "乙"]  # split at each tag and entity, as the parser does
    assert all(f.link is built.frags[0].link for f in built.frags)
    assert built.frags[0].link is not CellParagraph.of("x", style, CellFragments(style)).frags[0].link


@pytest.mark.filterwarnings("ignore::reportkit.fonts.MissingGlyphWarning")  # the fallback fonts, on purpose
def test_a_table_of_varied_cells_is_the_pdf_the_parser_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [t for t in TEXTS if "\r" not in t and "\t" not in t]  # what a cell may hold
    columns = (Column("项目", 3), Column("说明", 4, Align.CENTER), Column("数", 1.5, Align.RIGHT))
    rows = [Row((Cell("项目"), Cell("说明&<>"), Cell("数")), is_header=True)]
    rows += [Row((Cell(text, indent=k % 3), Cell(texts[-1 - k]), Cell(k if k % 4 else None)))
             for k, text in enumerate(texts)]
    document = Document(DocumentInfo("表", "某县人民政府"), "某县表",
                        (Section("情况", (TableBlock(Table(columns, tuple(rows))),)),))
    ours = render_pdf(document)

    def parsed(cls: type[CellParagraph], markup: str, style: ParagraphStyle, _: CellFragments) -> Any:
        return cls(markup, style)

    monkeypatch.setattr(pdf_cells.CellParagraph, "of", classmethod(parsed))
    assert render_pdf(document) == ours


def test_markup_taken_as_clean_is_what_reportlabs_cleaning_leaves() -> None:
    """Markup the cells take as it is (no whitespace but single inner spaces) is what cleanBlockQuotedText
    returns for it, for every character up to U+3000 (every whitespace character is among them)."""
    kept = 0
    for code in range(0x3001):
        ch = chr(code)
        for markup in (f"a{ch}b", f"{ch}a", f"a{ch}", f"a{ch}{ch}b", f"a {ch}b"):
            if not pdf_cells._UNCLEAN.search(markup):
                assert cleanBlockQuotedText(markup) == markup, hex(code)
                kept += 1
    assert kept > 5 * 0x2F00
