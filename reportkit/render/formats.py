"""The output formats: the files each one writes and their renderers, imported only when that format is
written.

Adding a format is one entry here; the command line takes its ``--format`` choices and the meaning of
``-o FILE.suffix`` from this table.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from attrs import frozen

from reportkit.document.model import Document


@frozen
class Part:
    """One file of a format: the end of its name and the function (document -> bytes) that makes it."""

    suffix: str
    function: str


@frozen
class OutputFormat:
    name: str
    module: str  # where the renderers live; imported on first use
    parts: tuple[Part, ...]  # the first is the format's own file (the suffix -o FILE names)
    counted: str | None = None  # document -> (bytes, pages), instead of the first part's function
    warm: str | None = None  # () -> None: what the renderers need in every process (fonts), made ahead

    def warm_up(self) -> None:
        """Import the renderers and make what they need in any document, ahead of the first (while the
        narrative renders: reportkit.narrative.isolate.meanwhile)."""
        module = importlib.import_module(self.module)
        if self.warm is not None:
            getattr(module, self.warm)()

    @property
    def suffix(self) -> str:
        return self.parts[0].suffix

    def render(self, document: Document) -> tuple[list[tuple[str, bytes]], int | None]:
        """Each part's (suffix, bytes), and the number of pages where the format knows it."""
        module = importlib.import_module(self.module)
        pages = None
        out = []
        for k, part in enumerate(self.parts):
            if k == 0 and self.counted is not None:
                data, pages = getattr(module, self.counted)(document)
            else:
                render: Callable[[Document], bytes] = getattr(module, part.function)
                data = render(document)
            out.append((part.suffix, data))
        return out, pages


FORMATS: dict[str, OutputFormat] = {
    fmt.name: fmt
    for fmt in (
        OutputFormat("docx", "reportkit.render.docx", (Part(".docx", "render_docx"),)),
        OutputFormat("pdf", "reportkit.render.pdf", (Part(".pdf", "render_pdf"),), counted="render_pdf_counted",
                     warm="warm_up"),
        # The page, and the article alone for a site's editor.
        OutputFormat("html", "reportkit.render.html",
                     (Part(".html", "render_html"), Part(".fragment.html", "render_html_fragment"))),
    )
}

# What ``--format all`` (and no --format) writes.
ALL = tuple(FORMATS)


def format_of(suffix: str) -> OutputFormat | None:
    """The format a file name's suffix asks for (``.PDF`` as ``.pdf``), or None."""
    return next((fmt for fmt in FORMATS.values() if fmt.suffix == suffix.lower()), None)
