"""Table cells for the PDF: reportlab paragraphs built without reportlab's markup parser.

A report has some 240 cells. reportlab parses each cell's markup with an HTML parser (a third of the time of
the tables); the markup here is always the same few constructs (escaped text, ``<font name>``, ``<br/>``), so
the fragments the parser would make are built directly, from ones it made once for each font and size.
tests/test_pdf_cells.py compares the two on varied text.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag

from reportkit.layout import Role
from reportkit.render.markup import escape
from reportkit.render.pdf_grid import PdfFonts

# What _markup writes, as reportlab's HTML parser reads it: text up to a tag or an entity is one fragment,
# each entity another
_TOKEN = re.compile(r'<font name="([^"&<]*)">|&(amp|lt|gt);|(<br/>)|</font>')
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">"}
# What cleanBlockQuotedText changes: whitespace but single inner spaces (its whitespace is str.isspace's and
# U+200B; a no-break space changes how it splits)
_UNCLEAN = re.compile(r"[^\S ]|[\u200b\xa0]|  |^ | $")


def cell_markup(text: str, fonts: PdfFonts, role: Role) -> str:
    """Escape cell text for a reportlab Paragraph: ASCII runs in the Latin font, a character its font lacks
    in a fallback font, line breaks kept."""
    out: list[str] = []
    cell_font, latin = fonts.name(role), fonts.name(Role.LATIN)
    for line in text.split("\n"):
        parts: list[str] = []
        for font, part in fonts.segments(lambda ch: latin if ch.isascii() else cell_font, line):
            parts.append(escape(part) if font == cell_font else f'<font name="{font}">{escape(part)}</font>')
        out.append("".join(parts))
    return "<br/>".join(out)


def _copy(frag: Any) -> Any:
    """``copy.copy`` of a fragment, as the parser makes them, without copy's dispatch."""
    new = ParaFrag.__new__(ParaFrag)
    new.__dict__.update(frag.__dict__)
    return new


def _with_text(frag: Any, text: str) -> Any:
    new = _copy(frag)
    new.text = text
    return new


class CellFragments:
    """The parser's fragments for one paragraph style's font, size and colour: of plain text, of text in a
    ``<font>`` (one a font name) and of a ``<br/>``. Each paragraph gets copies, as the parser gives."""

    def __init__(self, style: ParagraphStyle) -> None:
        self.style = style
        self.plain = self._parsed("x")
        self.line_break = self._parsed("<br/>")
        self._fonts: dict[str, Any] = {}

    def _parsed(self, markup: str) -> Any:
        (frag,) = RLParagraph(markup, self.style).frags  # one fragment is what a template is
        return frag

    def _font(self, name: str) -> Any:
        if name not in self._fonts:
            self._fonts[name] = self._parsed(f'<font name="{name}">x</font>')
        return self._fonts[name]

    def frags(self, markup: str) -> list[Any]:
        """What ``ParaParser().parse(markup, style)`` gives for markup from :func:`cell_markup` (cleaned).

        All the fragments of one paragraph share its ``link`` and ``us_lines`` lists, as the parser's do.
        """
        base = _copy(self.plain)
        base.link, base.us_lines = [], []
        current, out, pos = base, [], 0
        for match in _TOKEN.finditer(markup):
            start = match.start()
            if start > pos:
                out.append(_with_text(current, markup[pos:start]))
            font, entity, line_break = match.groups()
            if font is not None:
                current = self._shared(self._font(font), base)
            elif entity is not None:
                out.append(_with_text(current, _ENTITIES[entity]))
            elif line_break is not None:
                out.append(self._shared(self.line_break, base))
            else:
                current = base
            pos = match.end()
        if pos < len(markup):
            out.append(_with_text(current, markup[pos:]))
        return out

    @staticmethod
    def _shared(template: Any, base: Any) -> Any:
        frag = _copy(template)
        frag.link, frag.us_lines = base.link, base.us_lines
        return frag


class CellParagraph(RLParagraph):  # type: ignore[misc]
    """A cell's paragraph, broken into lines once for its width.

    reportlab wraps every cell again each time a table is measured, split or drawn (three times a cell, more
    for a table over many pages); the lines depend on the width alone.
    """

    _wrapped: tuple[float, tuple[float, float]] | None = None

    @classmethod
    def of(cls, markup: str, style: ParagraphStyle, fragments: CellFragments) -> CellParagraph:
        """The paragraph ``cls(markup, style)`` would be, its fragments made by ``fragments`` (of the same
        font, size and colour as ``style``)."""
        text = cleanBlockQuotedText(markup) if _UNCLEAN.search(markup) else markup  # as Paragraph does first
        return cls(text, style, frags=fragments.frags(text))

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._wrapped is None or self._wrapped[0] != avail_width:
            self._wrapped = (avail_width, super().wrap(avail_width, avail_height))
        return self._wrapped[1]
