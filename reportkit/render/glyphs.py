"""Characters the chosen fonts lack, found before anything is drawn and reported with where they occur."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator

from reportkit.document.flow import FlowItem, Kind, SignatureItem, TableItem, TextItem
from reportkit.fonts import MissingGlyphError, MissingGlyphWarning
from reportkit.i18n import _, _n
from reportkit.layout import Role
from reportkit.render.pdf_grid import PdfFonts
from reportkit.typeset import is_wide

_SHOWN = 3  # places listed per character


# Where a piece of text is, kept as its parts: a report's several hundred pieces are put into words only when
# one of them holds a character its font lacks
_Place = tuple[str, int, int, TextItem | None]


def _texts(items: Iterable[FlowItem]) -> Iterator[tuple[_Place, Role, str, bool]]:
    """(where, role, text, in a table) for every piece of text, ``where`` for :func:`_where`."""
    paragraph = 0
    for item in items:
        if isinstance(item, TextItem):
            where: _Place
            if item.kind in (Kind.BODY, Kind.PLAIN, Kind.ATTACHMENT_NOTE):
                paragraph += 1
                where = ("paragraph", paragraph, 0, None)
            else:
                where = ("text", 0, 0, item)
            for run in item.runs:
                yield where, run.role, run.text, False
        elif isinstance(item, TableItem):
            for r, row in enumerate(item.table.rows, 1):
                role = Role.TABLE_HEADER if row.is_header else Role.TABLE
                for c, cell in enumerate(row.cells, 1):
                    yield ("cell", r, c, None), role, cell.text, True
        elif isinstance(item, SignatureItem):
            yield ("signature", 0, 0, None), Role.BODY, f"{item.issuer}{item.date_text}", False


def _where(place: _Place) -> str:
    """``where`` a piece of text is, as a reader would find it."""
    kind, first, second, item = place
    if item is not None:
        return _("{kind} “{text}”", kind=_kind(item.kind), text=item.text[:16])
    if kind == "paragraph":
        return _("paragraph {number}", number=first)
    if kind == "cell":
        return _("table row {row}, cell {column}", row=first, column=second)
    return _("signature")


def _lacking(pieces: list[tuple[_Place, Role, str, bool]], fonts: PdfFonts) -> dict[tuple[Role, bool], dict[str, str]]:
    """For each role, in a table or not: the characters its chosen font lacks, with that font's name. Each
    distinct character is looked up once."""
    texts: dict[tuple[Role, bool], list[str]] = {}
    for _place, role, text, in_table in pieces:
        texts.setdefault((role, in_table), []).append(text)
    lacking: dict[tuple[Role, bool], dict[str, str]] = {}
    for (role, in_table), found in texts.items():
        # the same choice of font as the drawing: the grid sets half-width text in the Latin font,
        # table cells their ASCII runs
        wide, latin = fonts.name(role), fonts.name(role, latin=True)
        absent: dict[str, str] = {}
        for ch in set("".join(found)):
            name = latin if (ch.isascii() if in_table else not is_wide(ch)) else wide
            if not ch.isspace() and not fonts.has_glyph(name, ch):
                absent[ch] = name
        lacking[(role, in_table)] = absent
    return lacking


def _kind(kind: Kind) -> str:
    """What a reader calls a piece of text of this kind."""
    names = {Kind.TITLE: _("title"), Kind.HEADING: _("heading"), Kind.ATTACHMENT_LABEL: _("attachment label"),
             Kind.ATTACHMENT_TITLE: _("attachment title")}
    return names.get(kind, kind.value.replace("_", " "))


def _places(items: Iterable[FlowItem], fonts: PdfFonts) -> dict[tuple[str, str], list[str]]:
    """Where each character its font lacks occurs, by (that font's name, the character), in reading order."""
    pieces = list(_texts(items))
    lacking = _lacking(pieces, fonts)
    places: dict[tuple[str, str], list[str]] = {}
    for place, role, text, in_table in pieces:
        absent = lacking[(role, in_table)]
        if absent.keys().isdisjoint(text):
            continue
        where = _where(place)
        for k, ch in enumerate(text):
            if ch not in absent:
                continue
            context = text[max(0, k - 6) : k + 7].replace("\n", " ")
            places.setdefault((absent[ch], ch), []).append(_("{where} (“{context}”)", where=where, context=context))
    return places


def check_glyphs(items: Iterable[FlowItem], fonts: PdfFonts) -> None:
    """Warn for each character drawn in a fallback font; raise :class:`MissingGlyphError` for one no font has.

    Never a blank box in the published PDF: every message names the character, its code point, the
    font that lacks it and where it occurs.
    """
    places = _places(items, fonts)
    missing: list[str] = []
    for (name, ch), found in places.items():
        listed = _("; ").join(found[:_SHOWN])
        if len(found) > _SHOWN:
            listed += _n("; and {count} more", "; and {count} more", len(found) - _SHOWN)
        fallback = fonts.font_for(name, ch)
        code = f"U+{ord(ch):04X}"
        if fallback is None:
            missing.append(_("{char} ({code}) is not in {font} nor in any fallback font: {places}", char=ch,
                             code=code, font=fonts.families[name], places=listed))
        else:
            warnings.warn(_("{char} ({code}) is not in {font}; drawn in {fallback}: {places}", char=ch, code=code,
                            font=fonts.families[name], fallback=fonts.families[fallback], places=listed),
                          MissingGlyphWarning, stacklevel=3)
    if missing:
        raise MissingGlyphError(_("characters no installed font can draw (install a font that has them, for example "
                                  "fonts-wqy-zenhei, or choose one with REPORTKIT_FONT_BODY): {missing}",
                                  missing=" | ".join(missing)))
