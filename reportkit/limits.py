"""The limits on what a data file or a template may make reportkit do (docs/security.md).

Each limit can be raised for one run with an environment variable ``REPORTKIT_LIMIT_<NAME>``, e.g.
``REPORTKIT_LIMIT_TEMPLATE_SECONDS=60``: files come from townships and colleagues, so the defaults are set far
above any real report and far below what would hang or exhaust the machine.
"""

from __future__ import annotations

import os

from reportkit.i18n import _

DEFAULTS: dict[str, int] = {
    "data_file_bytes": 10_000_000,  # a data file, a figures file or a return
    "nesting": 32,  # tables and lists inside each other (a report needs 5)
    "values": 200_000,  # values in a data file, YAML aliases counted as often as they are used
    "line_chars": 200,  # a one-line field: a name, a title, an address
    "text_chars": 100_000,  # a paragraph
    "whole_number": 10**15,  # a figure: far above any count, far below what a table cell can print
    "template_bytes": 1_000_000,  # one template file
    "template_files": 2_000,  # files under a template folder (templates = "/" is refused, not walked)
    "narrative_chars": 2_000_000,  # what the templates write, all together
    "template_seconds": 20,  # rendering the narrative
    "template_megabytes": 512,  # memory rendering the narrative may take beyond what reportkit holds
}


def limit(name: str) -> int:
    """The limit ``name`` (a key of :data:`DEFAULTS`), raised or lowered by ``REPORTKIT_LIMIT_<NAME>``."""
    raw = os.environ.get("REPORTKIT_LIMIT_" + name.upper())
    if raw is not None and raw.strip().isdigit():
        return int(raw)
    return DEFAULTS[name]


def _amount(name: str, value: int) -> str:
    """The limit with its unit: 20 seconds, 512 MB, 1000000 bytes, 200 characters."""
    if name == "template_seconds":
        return _("{limit} seconds", limit=value)
    if name == "template_megabytes":
        return _("{limit} MB", limit=value)
    if name.endswith("_bytes"):
        return _("{limit} bytes", limit=value)
    if name.endswith("_chars"):
        return _("{limit} characters", limit=value)
    return str(value)


def exceeded(name: str) -> str:
    """The end of a message that a limit stopped something: how far it goes (with its unit), how to raise it."""
    return _("(the limit is {limit}; raise it with {variable})", limit=_amount(name, limit(name)),
             variable="REPORTKIT_LIMIT_" + name.upper())
