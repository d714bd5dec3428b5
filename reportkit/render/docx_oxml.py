"""WordprocessingML that python-docx has no API for, written in schema order.

Word refuses a file whose properties are out of the order ECMA-376 gives them (tests/test_docx_schema.py
checks every one), so each element here goes in before the elements the schema puts after it.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from reportkit.render.markup import escape, quoteattr

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_PPR_AFTER_SNAP = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                   "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
                   "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_RPR_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr",
                      "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
                      "w:specVanish", "w:oMath")


def off_grid(ppr: Any) -> None:
    """``w:snapToGrid w:val="0"``: the paragraph's lines keep their own spacing instead of the line grid's."""
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.insert_element_before(snap, *_PPR_AFTER_SNAP)


def set_spacing(rpr: Any, twips: int) -> None:
    """``w:spacing``: character spacing added (negative: taken) after each character."""
    element = OxmlElement("w:spacing")
    element.set(qn("w:val"), str(twips))
    rpr.insert_element_before(element, *_RPR_AFTER_SPACING)


@functools.cache
def fonts_xml(east_asian: str, latin: str) -> str:
    """The w:rFonts of a run: all four slots, so Chinese text never falls back to a theme (Japanese) font.

    “”‘’…— are shared with Latin: without the eastAsia hint Word and LibreOffice set them half-width in the
    Latin font.
    """
    lat, east = quoteattr(latin), quoteattr(east_asian)
    return f'<w:rFonts w:ascii={lat} w:hAnsi={lat} w:cs={lat} w:eastAsia={east} w:hint="eastAsia"/>'


# What a run carries when its style has its fonts: "use the East Asian font" for the characters Chinese shares with
# Latin (“”‘’…—), and nothing else, so a change to the style's font in Word reaches the run.
HINT_XML = '<w:rFonts w:hint="eastAsia"/>'


@functools.cache
def _fonts_element(east_asian: str, latin: str) -> Any:
    # Parsed once per pair of fonts and copied onto each run: building it afresh costs more than the copy.
    return parse_xml(fonts_xml(east_asian, latin).replace("<w:rFonts ", f'<w:rFonts xmlns:w="{W_NS}" ', 1))


def set_fonts(rpr: Any, east_asian: str, latin: str) -> None:
    """Replace the w:rFonts of ``rpr`` (after w:rStyle, as the schema orders them)."""
    _replace_fonts(rpr, _fonts_element(east_asian, latin))


@functools.cache
def _hint_element() -> Any:
    return parse_xml(HINT_XML.replace("<w:rFonts ", f'<w:rFonts xmlns:w="{W_NS}" ', 1))


def set_hint(rpr: Any) -> None:
    """Replace the w:rFonts of ``rpr`` by the eastAsia hint alone (:data:`HINT_XML`)."""
    _replace_fonts(rpr, _hint_element())


def _replace_fonts(rpr: Any, element: Any) -> None:
    old = rpr.rFonts
    if old is not None:
        rpr.remove(old)
    rpr._insert_rFonts(copy.deepcopy(element))


def run_xml(text: str, fonts: str) -> str:
    """Runs of ``text`` with ``fonts`` (a w:rFonts element); a newline is a w:br inside the next run."""
    out = []
    for k, line in enumerate(text.split("\n")):
        brk = "<w:br/>" if k else ""
        out.append(f'<w:r><w:rPr>{fonts}</w:rPr>{brk}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>')
    return "".join(out)
