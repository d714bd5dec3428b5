"""Renderers: the generic document to DOCX (python-docx), PDF (reportlab) and HTML."""

from reportkit.render.docx import render_docx
from reportkit.render.errors import RenderError
from reportkit.render.html import render_html, render_html_fragment
from reportkit.render.output import OutputError, write_atomic, write_outputs
from reportkit.render.pdf import render_pdf

__all__ = ["OutputError", "RenderError", "render_docx", "render_html", "render_html_fragment", "render_pdf",
           "write_atomic", "write_outputs"]
