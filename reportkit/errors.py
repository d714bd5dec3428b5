"""reportkit's exceptions: one root, :class:`ReportkitError`, that a program catches to handle whatever reportkit
refuses (the CLI prints its message on one line and exits 2).

- :class:`DataError`: a mistake in a file the user gave (a report, a return, an edition): ``FILE: field: message``.
- :class:`reportkit.fonts.FontError`: no usable font for a role; ``MissingGlyphError``, a character no font has.
- :class:`reportkit.render.RenderError`: the document cannot be set on its page.
- :class:`reportkit.render.OutputError`: a target that could not be written (also an ``OSError``).

Their messages are in the user's language (reportkit.i18n).
"""

from __future__ import annotations


class ReportkitError(Exception):
    """Something reportkit refuses to do, with a message for the person who gave it the input."""


class DataError(ReportkitError):
    """A mistake in a data file, located by file and field path."""

    def __init__(self, source: str, path: str, message: str) -> None:
        super().__init__(f"{source}: {path}: {message}" if path else f"{source}: {message}")
        self.source = source
        self.path = path
        self.message = message
