"""reportkit: write a county's 政府信息公开工作年度报告 and publish it as DOCX and PDF (GB/T 9704-2012)."""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
    from reportkit.render import render_docx, render_html, render_html_fragment, render_pdf
    from reportkit.report import AnnualReport, Contact, DataError, ReportMeta, load_report, parse_report
    from reportkit.validate import Finding, Severity, validate

__version__ = "0.1.0"

# Every public name is imported when first used (PEP 562): ``import reportkit.cli`` runs this file first, and
# a command loads only the parts it needs (no templates for ``fonts``, no renderer for ``validate``).
_WHERE = {
    "reportkit.document": ("Attachment", "Document", "Paragraph", "Section", "Signature", "Table", "TableBlock",
                           "TableRef"),
    "reportkit.editions": ("REGISTRY", "Edition", "Stats2018", "Stats2019", "Stats2021"),
    "reportkit.errors": ("ReportkitError",),
    "reportkit.layout": ("DEFAULT_LAYOUT", "PageLayout", "Role"),
    "reportkit.render": ("render_docx", "render_html", "render_html_fragment", "render_pdf"),
    "reportkit.report": ("AnnualReport", "Contact", "DataError", "ReportMeta", "load_report", "parse_report"),
    "reportkit.validate": ("Finding", "Severity", "validate"),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}

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
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """``reportkit.validate`` is the function, as it always was, though its sub-package of the same name is now
    imported after this file: the import system's binding of the sub-package here is not kept."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "validate" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
