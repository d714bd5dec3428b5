"""Narrative from templates (Jinja2): default templates per edition, a county's folder layered in front.

Templates write plain text in a small markup (see :mod:`reportkit.narrative.markup`), which is parsed into
the document model; figures come from the data through filters (:mod:`reportkit.narrative.filters`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportkit.narrative.errors import TemplateFailure, TemplateWarning
from reportkit.narrative.markup import Span, parse_bound, parse_markup

if TYPE_CHECKING:
    from reportkit.narrative.bounded import render_bound, render_narrative

__all__ = ["Span", "TemplateFailure", "TemplateWarning", "parse_bound", "parse_markup", "render_bound",
           "render_narrative"]


def __getattr__(name: str) -> object:
    # Rendering is imported when templates are first rendered (and Jinja2 by the child that renders them): a
    # report written as ``body``, and the commands that render nothing, never load it.
    if name in ("render_bound", "render_narrative"):
        from reportkit.narrative import bounded

        return getattr(bounded, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
