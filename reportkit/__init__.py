"""reportkit: write a county's 政府信息公开工作年度报告 and publish it as DOCX and PDF (GB/T 9704-2012)."""

from typing import TYPE_CHECKING

from reportkit.document import (
    Attachment,
    Document,
    Paragraph,
    Section,
    Signature,
    Table,
    TableBlock,
    TableRef,
)
from reportkit.editions import REGISTRY, Edition, Stats2018, Stats2019, Stats2021
from reportkit.errors import ReportkitError
from reportkit.layout import DEFAULT_LAYOUT, PageLayout, Role
from reportkit.report import AnnualReport, Contact, DataError, ReportMeta, load_report, parse_report
from reportkit.validate import Finding, Severity, validate

if TYPE_CHECKING:
    from reportkit.render import render_docx, render_html, render_html_fragment, render_pdf

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_LAYOUT",
    "REGISTRY",
    "AnnualReport",
    "Attachment",
    "Contact",
    "DataError",
    "Document",
    "Edition",
    "Finding",
    "PageLayout",
    "Paragraph",
    "ReportMeta",
    "ReportkitError",
    "Role",
    "Section",
    "Severity",
    "Signature",
    "Stats2018",
    "Stats2019",
    "Stats2021",
    "Table",
    "TableBlock",
    "TableRef",
    "__version__",
    "load_report",
    "parse_report",
    "render_docx",
    "render_html",
    "render_html_fragment",
    "render_pdf",
    "validate",
]


def __getattr__(name: str) -> object:
    # The renderers load on first use (see reportkit.render): importing reportkit stays light.
    if name in ("render_docx", "render_html", "render_html_fragment", "render_pdf"):
        from reportkit import render

        return getattr(render, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
