"""word/fontTable.xml: the fonts a document names, described the way the 公文 templates saved by Word describe them.

Word and WPS read the font table when a named font is missing: ``w:altName`` names the font to use instead, and
charset 86 (GB2312) with the PANOSE class lets them pick a Chinese face of the same kind. Most machines have 仿宋
but not 仿宋_GB2312, so without a table the body comes out in whatever the client guesses (often 宋体).
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import quoteattr

from attrs import frozen

from reportkit.render.docx_oxml import W_NS


@frozen
class FontEntry:
    """What the font table says of one family (ECMA-376 §17.8.3: altName, panose1, charset, family, pitch)."""

    alt_name: str | None
    panose: str  # ten PANOSE bytes in hex
    charset: str  # 86: GB2312; 00: ANSI
    family: str  # roman, swiss, modern, script, decorative, auto
    pitch: str  # fixed, variable, default


_FANGSONG = "02010609060101010101"  # PANOSE of the Windows 仿宋 / 楷体 / 黑体 faces (fixed-pitch, serif class)
_GB2312 = "02010609030101010101"  # PANOSE the *_GB2312 faces carry

# The entries of the families GB/T 9704 names, as Word writes them in the 公文 templates it saves.
KNOWN: dict[str, FontEntry] = {
    "仿宋_GB2312": FontEntry("仿宋", _GB2312, "86", "modern", "fixed"),
    "楷体_GB2312": FontEntry("楷体", _GB2312, "86", "modern", "fixed"),
    "黑体": FontEntry("SimHei", _FANGSONG, "86", "modern", "fixed"),
    "方正小标宋简体": FontEntry("宋体", "02000000000000000000", "86", "auto", "variable"),
    "仿宋": FontEntry("FangSong", _FANGSONG, "86", "modern", "fixed"),
    "楷体": FontEntry("KaiTi", _FANGSONG, "86", "modern", "fixed"),
    "宋体": FontEntry("SimSun", "02010600030101010101", "86", "auto", "variable"),
    "Times New Roman": FontEntry(None, "02020603050405020304", "00", "roman", "variable"),
}


def _entry(name: str) -> str:
    known = KNOWN.get(name)
    if known is None:  # a county's own font: named, so the client knows it is wanted, nothing guessed about it
        return f"<w:font w:name={quoteattr(name)}/>"
    alt = f"<w:altName w:val={quoteattr(known.alt_name)}/>" if known.alt_name else ""
    return (f"<w:font w:name={quoteattr(name)}>{alt}<w:panose1 w:val=\"{known.panose}\"/>"
            f"<w:charset w:val=\"{known.charset}\"/><w:family w:val=\"{known.family}\"/>"
            f"<w:pitch w:val=\"{known.pitch}\"/></w:font>")


def font_table_xml(families: Iterable[str]) -> str:
    """The font table of the families a document uses, each once, in the order given."""
    seen = list(dict.fromkeys(families))
    body = "".join(_entry(name) for name in seen)
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{W_NS}">{body}</w:fonts>'
