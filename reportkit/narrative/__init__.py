"""Narrative from templates (Jinja2): default templates per edition, a county's folder layered in front.

Templates write plain text in a small markup (see :mod:`reportkit.narrative.markup`), which is parsed into
the document model; figures come from the data through filters (:mod:`reportkit.narrative.filters`).
"""

from reportkit.narrative.bounded import render_bound, render_narrative
from reportkit.narrative.errors import TemplateFailure, TemplateWarning
from reportkit.narrative.markup import Span, parse_bound, parse_markup

__all__ = ["Span", "TemplateFailure", "TemplateWarning", "parse_bound", "parse_markup", "render_bound",
           "render_narrative"]
