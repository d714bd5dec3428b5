"""Characters the chosen fonts lack, found before anything is drawn and reported with where they occur."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator

from reportkit.document.flow import FlowItem, Kind, SignatureItem, TableItem, TextItem
from reportkit.fonts import MissingGlyphError, MissingGlyphWarning
from reportkit.i18n import _, _n
from reportkit.layout import Role
from reportkit.render.pdf_grid import PdfFonts
from reportkit.typeset import is_wide

_SHOWN = 3  # places listed per character


Where = Callable[[], str]  # where a piece of text is, as a reader would find it: made only for a message


def _texts(items: Iterable[FlowItem]) -> Iterator[tuple[Where, Role, str, bool]]:
    """(where, role, text, in a table) for every piece of text. ``where`` is a function: the words are made only
    for text with a missing character (rare), not for every paragraph and cell."""
    paragraph = 0
    for item in items:
        if isinstance(item, TextItem):
            if item.kind in (Kind.BODY, Kind.PLAIN, Kind.ATTACHMENT_NOTE):
                paragraph += 1
                where = _paragraph(paragraph)
            else:
                where = _titled(item)
            for run in item.runs:
                yield where, run.role, run.text, False
        elif isinstance(item, TableItem):
            for r, row in enumerate(item.table.rows, 1):
                role = Role.TABLE_HEADER if row.is_header else Role.TABLE
                for c, cell in enumerate(row.cells, 1):
                    yield _cell(r, c), role, cell.text, True
        elif isinstance(item, SignatureItem):
            yield (lambda: _("signature")), Role.BODY, f"{item.issuer}{item.date_text}", False


def _paragraph(number: int) -> Where:
    return lambda: _("paragraph {number}", number=number)


def _titled(item: TextItem) -> Where:
    return lambda: _("{kind} “{text}”", kind=_kind(item.kind), text=item.text[:16])


def _cell(row: int, column: int) -> Where:
    return lambda: _("table row {row}, cell {column}", row=row, column=column)


def _kind(kind: Kind) -> str:
    """What a reader calls a piece of text of this kind."""
    names = {Kind.TITLE: _("title"), Kind.HEADING: _("heading"), Kind.ATTACHMENT_LABEL: _("attachment label"),
             Kind.ATTACHMENT_TITLE: _("attachment title")}
    return names.get(kind, kind.value.replace("_", " "))


def check_glyphs(items: Iterable[FlowItem], fonts: PdfFonts) -> None:
    """Warn for each character drawn in a fallback font; raise :class:`MissingGlyphError` for one no font has.

    Never a blank box in the published PDF: every message names the character, its code point, the
    font that lacks it and where it occurs.
    """
    places: dict[tuple[str, str], list[str]] = {}
    for where, role, text, in_table in _texts(items):
        # the same choice of font as the drawing: the grid sets half-width text in the Latin font,
        # table cells their ASCII runs; each distinct character is looked up once
        chosen = {ch: fonts.name(role, latin=ch.isascii() if in_table else not is_wide(ch)) for ch in set(text)}
        absent = {ch for ch, name in chosen.items() if not ch.isspace() and not fonts.has_glyph(name, ch)}
        for k, ch in enumerate(text):
            if ch not in absent:
                continue
            name = chosen[ch]
            context = text[max(0, k - 6) : k + 7].replace("\n", " ")
            places.setdefault((name, ch), []).append(_("{where} (“{context}”)", where=where(), context=context))
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
