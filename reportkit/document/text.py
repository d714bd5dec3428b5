"""Text that XML (and so DOCX) can hold: checked when a document is built, with the field named."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from reportkit.i18n import _

# XML 1.0 forbids C0 controls other than tab, newline and carriage return, lone surrogates and U+FFFE/U+FFFF;
# DEL is allowed there but is never wanted in a report. U+FDD0-U+FDEF are noncharacters, which Unicode
# keeps for a program's own use: the narrative uses them to carry data text past its markup.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def forbidden(text: str) -> str | None:
    """What is wrong with ``text`` for XML, or None: "the control character U+0007 at position 4"."""
    bad = FORBIDDEN.search(text)
    if bad is None:
        return None
    code, position = f"U+{ord(bad.group()):04X}", bad.start() + 1
    if "\ufdd0" <= bad.group() <= "\ufdef":
        return _("the noncharacter {code} at position {position}", code=code, position=position)
    return _("the control character {code} at position {position}", code=code, position=position)


# What str.splitlines() breaks on; a renderer draws any of them, and a tab, as an empty box.
LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_ODD_LINE_BREAK = re.compile("[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def line_problem(text: str, *, paragraph: bool = False) -> str | None:
    """What keeps ``text`` from being one line (or, with ``paragraph``, lines joined into one), or None."""
    if "\t" in text:
        return _("a tab (U+0009) at position {position}, which is drawn as an empty box; use a space",
                 position=text.index(chr(9)) + 1)
    bad = (_ODD_LINE_BREAK if paragraph else LINE_BREAK).search(text.replace("\r\n", "\n") if paragraph else text)
    if bad is None:
        return None
    code, position = f"U+{ord(bad.group()):04X}", bad.start() + 1
    if paragraph:
        return _("a line break {code} at position {position}; this field is lines ended by plain line breaks "
                 "(U+000A)", code=code, position=position)
    return _("a line break {code} at position {position}; this field is one line of text", code=code,
             position=position)


def join_lines(text: str) -> str:
    """The lines of a paragraph joined as the template markup joins them: stripped, without spaces."""
    return "".join(line.strip() for line in text.replace("\r\n", "\n").split("\n"))


def name_problem(text: str) -> str | None:
    """What is wrong with ``text`` as a name (a county, a township) written on one line, or None."""
    if not text.strip():
        return _("must not be empty")
    bad = next((ch for ch in text if unicodedata.category(ch) == "Cc"), None)
    if bad is None:
        return None
    return _("must be one line of text, without the control character {code}", code="U+" + format(ord(bad), "04X"))


def xml_text(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a str field holding no character XML forbids."""
    if isinstance(value, str):
        problem = forbidden(value)
        if problem:
            raise ValueError(_("{field}: contains {problem}", field=type(instance).__name__ + "." + attribute.name,
                               problem=problem))
