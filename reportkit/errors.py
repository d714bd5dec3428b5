"""reportkit's exceptions: one root, :class:`ReportkitError`, that a program catches to handle whatever reportkit
refuses (the CLI prints its message on one line and exits 2).

- :class:`DataError`: a mistake in a file the user gave (a report, a return, an edition): ``FILE: field: message``
  (in Chinese ``FILE：field：message``).
- :class:`reportkit.fonts.FontError`: no usable font for a role; ``MissingGlyphError``, a character no font has.
- :class:`reportkit.render.RenderError`: the document cannot be set on its page.
- :class:`reportkit.render.OutputError`: a target that could not be written (also an ``OSError``).

Their messages are in the user's language (reportkit.i18n), made when the error is raised.
"""

from __future__ import annotations

import errno
import json
import re
from collections.abc import Iterable

from reportkit.i18n import N_, _, language


class ReportkitError(Exception):
    """Something reportkit refuses to do, with a message for the person who gave it the input."""


class DataError(ReportkitError):
    """A mistake in a data file, located by file and field path.

    ``message`` is already in the user's language; the parts are joined as that language writes them."""

    def __init__(self, source: str, path: str, message: str) -> None:
        if path:
            text = _("{source}: {path}: {message}", source=source, path=path, message=message)
        else:
            text = _("{source}: {message}", source=source, message=message)
        super().__init__(text)
        self.source = source
        self.path = path
        self.message = message


def os_reason(exc: OSError) -> str:
    """Why the system refused a file, in the user's language: under English the system's own words; under
    Chinese the common reasons in Chinese (libc's strerror is English, or in the C library's locale, which is not
    the one reportkit speaks), any other quoted as the system says it. The one place an ``OSError`` is said to a
    person (``reportkit.render.output.reason`` is this function)."""
    if language() != "zh":
        return exc.strerror or str(exc)
    reasons = {
        errno.ENOENT: _("No such file or directory"),
        errno.EACCES: _("Permission denied"),
        errno.EPERM: _("Operation not permitted"),
        errno.EEXIST: _("File exists"),
        errno.ENOTDIR: _("Not a directory"),
        errno.EISDIR: _("Is a directory"),
        errno.ENOSPC: _("No space left on device"),
        errno.EROFS: _("Read-only file system"),
        errno.EDQUOT: _("Disk quota exceeded"),
    }
    known = reasons.get(exc.errno) if exc.errno is not None else None
    return known or _("\"{reason}\"", reason=exc.strerror or str(exc) or type(exc).__name__)


def show(value: object) -> str:
    """A value as messages quote it: "三", 3, true, a list, a table."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return _("a table")
    if isinstance(value, list):
        return _("a list")
    return str(value)


def not_utf8_line(raw: bytes, exc: UnicodeDecodeError) -> int:
    """The line (from 1) where the bytes stop being UTF-8."""
    return raw[: exc.start].count(b"\n") + 1


def listing(items: Iterable[object]) -> str:
    """Names in a list, as the user's language writes a list ("a, b, c"; "a、b、c")."""
    return _(", ").join(str(item) for item in items)


_TOML_AT = re.compile(r"^(?P<detail>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$", re.DOTALL)


_TOML_KEY = re.compile(r"^\s*([^=#]+?)\s*=")
_TOML_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


def _toml_key(part: str) -> str:
    return ".".join(piece.strip().strip("\"'") for piece in part.split("."))


def toml_twice(text: str, message: str) -> tuple[str, int] | None:
    """The key a TOML file gives twice and the line of its second time, from tomllib's "Cannot overwrite a value
    (at line 72, column 13)" / "Cannot declare ('stats', 'meta') twice (at line 9, column 1)"; None otherwise."""
    at = _TOML_AT.match(message)
    if at is None or not at["detail"].startswith(("Cannot overwrite a value", "Cannot declare")):
        return None
    number = int(at["line"])
    lines = text.splitlines()
    if not 1 <= number <= len(lines):
        return None
    header = next((m[1] for line in reversed(lines[: number - 1]) if (m := _TOML_HEADER.match(line))), None)
    own = _TOML_HEADER.match(lines[number - 1])
    if own:
        return _toml_key(own[1]), number
    key = _TOML_KEY.match(lines[number - 1])
    if key is None:
        return None
    return (f"{_toml_key(header)}." if header else "") + _toml_key(key[1]), number


# tomllib's commonest messages, in our words (the others are quoted as tomllib writes them).
_TOML_DETAILS = {
    "Invalid value": N_("a value is missing or cannot be read here"),
    "Illegal character '\\n'": N_("a line ends inside a quoted text (a \" is missing)"),
    "Unterminated string": N_("a quoted text is not closed (a \" is missing)"),
    "Expected '=' after a key in a key/value pair": N_("a key is not followed by ="),
    "Invalid statement": N_("this line is neither key = value nor a [table] heading"),
    "Unclosed array": N_("a list opened with [ is not closed with ]"),
}


def toml_problem(text: str) -> str:
    """tomllib's message ("Invalid value (at line 2, column 8)"): the commonest in our words, the others quoted."""
    at = _TOML_AT.match(text)
    if at and at["detail"] in _TOML_DETAILS:
        return _("invalid TOML (at line {line}, column {column}): {detail}", line=at["line"], column=at["column"],
                 detail=_(_TOML_DETAILS[at["detail"]]))
    if at:
        return _("invalid TOML: {detail} (at line {line}, column {column})", **at.groupdict())
    if text.endswith(" (at end of document)"):
        return _("invalid TOML: {detail} (at the end of the file)", detail=text.removesuffix(" (at end of document)"))
    return _("invalid TOML: {detail}", detail=text)
