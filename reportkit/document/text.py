"""Text that XML (and so DOCX) can hold: checked when a document is built, with the field named."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# XML 1.0 forbids C0 controls other than tab, newline and carriage return, lone surrogates and U+FFFE/U+FFFF;
# DEL is allowed there but is never wanted in a report. U+FDD0-U+FDEF are noncharacters, which Unicode
# keeps for a program's own use: the narrative uses them to carry data text past its markup.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def forbidden(text: str) -> str | None:
    """What is wrong with ``text`` for XML, or None: "the control character U+0007 at position 4"."""
    bad = FORBIDDEN.search(text)
    if bad is None:
        return None
    kind = "noncharacter" if "\ufdd0" <= bad.group() <= "\ufdef" else "control character"
    return f"the {kind} U+{ord(bad.group()):04X} at position {bad.start() + 1}"


# What str.splitlines() breaks on; a renderer draws any of them, and a tab, as an empty box.
LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_ODD_LINE_BREAK = re.compile("[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def line_problem(text: str, *, paragraph: bool = False) -> str | None:
    """What keeps ``text`` from being one line (or, with ``paragraph``, lines joined into one), or None."""
    if "\t" in text:
        return f"a tab (U+0009) at position {text.index(chr(9)) + 1}, which is drawn as an empty box; use a space"
    bad = (_ODD_LINE_BREAK if paragraph else LINE_BREAK).search(text.replace("\r\n", "\n") if paragraph else text)
    if bad is None:
        return None
    what = "one line of text" if not paragraph else "lines ended by plain line breaks (U+000A)"
    return f"a line break U+{ord(bad.group()):04X} at position {bad.start() + 1}; this field is {what}"


def join_lines(text: str) -> str:
    """The lines of a paragraph joined as the template markup joins them: stripped, without spaces."""
    return "".join(line.strip() for line in text.replace("\r\n", "\n").split("\n"))


def name_problem(text: str) -> str | None:
    """What is wrong with ``text`` as a name (a county, a township) written on one line, or None."""
    if not text.strip():
        return "must not be empty"
    bad = next((ch for ch in text if unicodedata.category(ch) == "Cc"), None)
    return f"must be one line of text, without the control character U+{ord(bad):04X}" if bad else None


def xml_text(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a str field holding no character XML forbids."""
    if isinstance(value, str):
        problem = forbidden(value)
        if problem:
            raise ValueError(f"{type(instance).__name__}.{attribute.name}: contains {problem}")
