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
import re
from collections.abc import Iterable

from reportkit.i18n import _, language


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


def listing(items: Iterable[object]) -> str:
    """Names in a list, as the user's language writes a list ("a, b, c"; "a、b、c")."""
    return _(", ").join(str(item) for item in items)


_TOML_AT = re.compile(r"^(?P<detail>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$", re.DOTALL)


def toml_problem(text: str) -> str:
    """tomllib's message ("Invalid value (at line 2, column 8)"): its detail is English, its place ours."""
    at = _TOML_AT.match(text)
    if at:
        return _("invalid TOML: {detail} (at line {line}, column {column})", **at.groupdict())
    if text.endswith(" (at end of document)"):
        return _("invalid TOML: {detail} (at the end of the file)", detail=text.removesuffix(" (at end of document)"))
    return _("invalid TOML: {detail}", detail=text)
