"""XML escaping for the renderers' markup (OOXML runs, reportlab paragraph markup).

The same results as ``xml.sax.saxutils.escape`` and ``quoteattr``, written here because importing
``xml.sax.saxutils`` pulls in urllib, http and ssl: a tenth of a second at every start, for two functions.
"""

from __future__ import annotations

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` escaped for XML text."""
    return text.translate(_TEXT)


def quoteattr(text: str) -> str:
    """``text`` as a quoted XML attribute value: double quotes, or single ones when the value holds ``"``."""
    value = text.translate(_ATTRIBUTE)
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"{}"'.format(value.replace('"', "&quot;"))
