"""Text that XML (and so DOCX) can hold: checked when a document is built, with the field named."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# XML 1.0 forbids C0 controls other than tab, newline and carriage return, lone surrogates and U+FFFE/U+FFFF;
# DEL is allowed there but is never wanted in a report.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def forbidden(text: str) -> str | None:
    """What is wrong with ``text`` for XML, or None: "the control character U+0007 at position 4"."""
    bad = FORBIDDEN.search(text)
    if bad is None:
        return None
    return f"the control character U+{ord(bad.group()):04X} at position {bad.start() + 1}"


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
