"""What a renderer raises when the document cannot be set on the page."""

from __future__ import annotations

from reportkit.errors import ReportkitError


class RenderError(ReportkitError):
    """The document cannot be set on its page: say what, and where."""
