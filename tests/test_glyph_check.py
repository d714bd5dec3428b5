"""The glyph check looks each distinct character up once (issue 18) and says what it said when it looked up
every character of every piece of text: the same warnings, in the same order, and the same error."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable

import pytest

from reportkit.document import Cell, Column, Document, DocumentInfo, Paragraph, Row, Section, Table, TableBlock
from reportkit.document.flow import FlowItem, flatten
from reportkit.document.model import Attachment, Signature
from reportkit.fonts import MissingGlyphError, MissingGlyphWarning, resolve_all
from reportkit.i18n import _
from reportkit.layout import DEFAULT_LAYOUT, Role
from reportkit.render import glyphs
from reportkit.render.pdf_grid import PdfFonts
from reportkit.typeset import is_wide

RARE = "㐀囧丂龘㊣€😀镕㙟"  # in a fallback font here, or in the body font where it has them


def _reference(items: Iterable[FlowItem], fonts: PdfFonts) -> dict[tuple[str, str], list[str]]:
    """glyphs._places as it was: each piece of text on its own, each of its characters looked up, its place
    put into words first."""
    places: dict[tuple[str, str], list[str]] = {}
    for place, role, text, in_table in glyphs._texts(items):
        where = glyphs._where(place)
        chosen = {ch: fonts.name(role, latin=ch.isascii() if in_table else not is_wide(ch)) for ch in set(text)}
        absent = {ch for ch, name in chosen.items() if not ch.isspace() and not fonts.has_glyph(name, ch)}
        for k, ch in enumerate(text):
            if ch in absent:
                context = text[max(0, k - 6) : k + 7].replace("\n", " ")
                places.setdefault((chosen[ch], ch), []).append(_("{where} (“{context}”)", where=where,
                                                                   context=context))
    return places


def _document(extra: str) -> Document:
    columns = (Column("项目", 3), Column("数", 1))
    rows = [Row((Cell(f"项目{RARE[1]}😀"), Cell("数€")), is_header=True)]
    rows += [Row((Cell(f"第{k}项{RARE[k % len(RARE)]}\n{extra}"), Cell(k))) for k in range(12)]
    body = (Paragraph(f"正文{RARE}。{extra}"), Section(f"标题{RARE[3]}", (Paragraph("普通的一段。"),
                                                                         TableBlock(Table(columns, tuple(rows))))),
            Paragraph(f"又一段{RARE[::-1]}"))
    return Document(DocumentInfo("标题", "某县人民政府"), f"某县{RARE[0]}报告", body,
                    attachments=(Attachment(f"附表{RARE[2]}", (Paragraph(f"附{RARE}"),)),),
                    closing=(Signature(f"某县{RARE[1]}人民政府", dt.date(2024, 1, 5)),))


@pytest.mark.parametrize("extra", ["", "甲\U000f0001乙", "a b&c\n\u3000"])
def test_the_check_finds_what_looking_at_every_character_finds(extra: str) -> None:
    fonts = PdfFonts(resolve_all(warn=False), DEFAULT_LAYOUT)
    items = flatten(_document(extra))
    places = glyphs._places(items, fonts)
    assert list(places.items()) == list(_reference(items, fonts).items())
    assert len(places) >= 3  # fallback fonts used: something to find
    assert {font for font, _ in places} >= {fonts.name(Role.BODY), fonts.name(Role.TABLE_HEADER)}
    assert any("table row" in place for found in places.values() for place in found)


def test_a_document_whose_fonts_have_every_character_is_never_put_into_words(monkeypatch: pytest.MonkeyPatch) \
        -> None:
    fonts = PdfFonts(resolve_all(warn=False), DEFAULT_LAYOUT)
    items = flatten(Document(DocumentInfo("标题", "某县人民政府"), "某县报告",
                                            (Paragraph("正文。"), Section("标题", (Paragraph("一段。"),)))))
    monkeypatch.setattr(glyphs, "_where", lambda place: pytest.fail(f"{place} put into words"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        glyphs.check_glyphs(items, fonts)
    monkeypatch.undo()
    with pytest.raises(MissingGlyphError), warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingGlyphWarning)  # the characters other fonts draw: not the point here
        glyphs.check_glyphs(flatten(_document("甲\U000f0001乙")), fonts)
