"""The output formats: a name, a file suffix and the renderer, imported only when that format is written.

Adding a format is one entry here; the command line takes its choices and the meaning of ``-o FILE.suffix``
from this table.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from attrs import frozen

from reportkit.document.model import Document


@frozen
class OutputFormat:
    name: str
    suffix: str  # of the file written, with the dot
    module: str  # where the renderer lives; imported on first use
    function: str  # document -> bytes
    counted: str | None = None  # document -> (bytes, pages), for a format that knows its page count

    def renderer(self) -> Callable[[Document], bytes]:
        render: Callable[[Document], bytes] = getattr(importlib.import_module(self.module), self.function)
        return render

    def render(self, document: Document) -> tuple[bytes, int | None]:
        """The document in this format, and its number of pages where the format has pages."""
        if self.counted is None:
            return self.renderer()(document), None
        counted: Callable[[Document], tuple[bytes, int]] = getattr(importlib.import_module(self.module),
                                                                   self.counted)
        return counted(document)


FORMATS: dict[str, OutputFormat] = {
    fmt.name: fmt
    for fmt in (
        OutputFormat("docx", ".docx", "reportkit.render.docx", "render_docx"),
        OutputFormat("pdf", ".pdf", "reportkit.render.pdf", "render_pdf", counted="render_pdf_counted"),
    )
}

# What ``--format all`` (and no --format) writes.
ALL = ("docx", "pdf")


def format_of(suffix: str) -> OutputFormat | None:
    """The format a file name's suffix asks for (``.PDF`` as ``.pdf``), or None."""
    return next((fmt for fmt in FORMATS.values() if fmt.suffix == suffix.lower()), None)
