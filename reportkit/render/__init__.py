"""Renderers: the generic document to DOCX (python-docx), PDF (reportlab) and HTML.

The renderers are imported when first used (PEP 562): a PDF never loads python-docx and lxml, nor a DOCX
reportlab, and ``reportkit validate`` neither.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from reportkit.render.errors import RenderError
from reportkit.render.output import OutputError, write_atomic, write_outputs

if TYPE_CHECKING:
    from reportkit.render.docx import render_docx
    from reportkit.render.html import render_html, render_html_fragment
    from reportkit.render.pdf import render_pdf

LAZY = {"render_docx": "reportkit.render.docx", "render_pdf": "reportkit.render.pdf",
        "render_html": "reportkit.render.html", "render_html_fragment": "reportkit.render.html"}

__all__ = ["OutputError", "RenderError", "render_docx", "render_html", "render_html_fragment", "render_pdf",
           "write_atomic", "write_outputs"]


def __getattr__(name: str) -> object:
    if name in LAZY:
        return getattr(importlib.import_module(LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
