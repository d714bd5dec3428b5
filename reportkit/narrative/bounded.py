"""The narrative rendered from templates, in the bounded child (reportkit.narrative.isolate), and parsed here.

This side imports no Jinja2: the child imports it (reportkit.narrative.engine) while this process does what
it has to do anyway (reportlab and the fonts for a PDF: isolate.meanwhile), on a second processor where there
is one. This process imports the engine too, meanwhile, so that the children of later reports (a batch,
``watch``) start with it.
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from reportkit.document.model import Block
from reportkit.i18n import _
from reportkit.narrative import compiled
from reportkit.narrative.errors import TemplateFailure
from reportkit.narrative.isolate import meanwhile, run_bounded
from reportkit.narrative.markup import MarkupError, Span, parse_bound

_ENGINE = "reportkit.narrative.engine"


def _engine_imported() -> None:
    if _ENGINE not in sys.modules:
        __import__(_ENGINE)


def _render_in_child(entry: str, context: Mapping[str, Any], county: Sequence[Path]) -> tuple[str, str, Any]:
    from reportkit.narrative.engine import rendered

    return rendered(entry, context, county)


def render_text(entry: str, context: Mapping[str, Any], county: Sequence[Path] = ()) -> tuple[str, str]:
    """The markup text of template ``entry`` and the file it came from, rendered within the limits of
    :mod:`reportkit.narrative.isolate` (time, memory) and ``narrative_chars``."""
    where = str(county[0] / entry) if county else entry
    if _ENGINE not in sys.modules:
        meanwhile(_engine_imported, last=True)
    text, file, found = run_bounded(lambda: _render_in_child(entry, context, county), where)
    compiled.absorb(found)  # the next report's child starts with what this one compiled
    return text, file


def render_narrative(edition: str, context: Mapping[str, Any], county: Sequence[Path] = (),
                     tables: Collection[str] | None = None) -> tuple[Block, ...]:
    """The body of a report from ``<edition>/report.j2`` (the county's if it has one, else the default);
    ``tables``: the names ``@table`` may give."""
    return render_bound(edition, context, county, tables)[0]


def render_bound(edition: str, context: Mapping[str, Any], county: Sequence[Path] = (),
                 tables: Collection[str] | None = None) -> tuple[tuple[Block, ...], frozenset[Span]]:
    """:func:`render_narrative`, and where in its paragraphs the values printed from the data stand
    ((paragraph, offset, length), for the checker's ``text-binding``)."""
    text, file = render_text(f"{edition}/report.j2", context, county)
    try:
        return parse_bound(text, tables)
    except MarkupError as exc:
        raise TemplateFailure(file, None, _("line {line} of the rendered text: {message}", line=exc.line,
                                            message=exc.message)) from None
