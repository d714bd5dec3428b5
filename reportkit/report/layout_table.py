"""The optional ``[layout]`` table of a report file: GB/T 9704's page unless it says otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from reportkit.fonts import FontError, is_font_file, resolve
from reportkit.i18n import _
from reportkit.layout import DEFAULT_LAYOUT, SETTINGS, PageLayout, Role
from reportkit.report.reader import Reader, show


def _layout_fonts(r: Reader, value: object, base: Path) -> dict[Role, str]:
    """``[layout.fonts]``: a family name or a TrueType file (relative to the data file) for a role."""
    data = r.table(value, "layout.fonts", tuple(role.value for role in Role))
    fonts: dict[Role, str] = {}
    for key, item in data.items():
        path = f"layout.fonts.{key}"
        choice = r.text(item, path, longest=4096)
        role = Role(key)
        if is_font_file(choice):
            file = Path(choice).expanduser()
            choice = str(file if file.is_absolute() else base / file)
        try:
            resolve(role, overrides={role: choice})  # installed, TrueType, embeddable: checked now, not mid-render
        except FontError as exc:
            raise r.fail(path, str(exc)) from None
        fonts[role] = choice
    return fonts


def read_layout(r: Reader, value: object, base: Path) -> PageLayout:
    """The ``[layout]`` table: settings over the GB/T 9704 defaults, each checked for its type."""
    data = r.table(value, "layout", SETTINGS)
    settings: dict[str, Any] = {}
    for key, item in data.items():
        path = f"layout.{key}"
        default = getattr(DEFAULT_LAYOUT, key)  # its type is the setting's
        if key == "fonts":
            settings[key] = _layout_fonts(r, item, base)
        elif isinstance(default, bool):
            settings[key] = r.boolean(item, path)
        elif isinstance(default, int):
            settings[key] = r.integer(item, path, minimum=0 if key == "first_line_indent_chars" else 1)
        elif isinstance(default, float):
            settings[key] = r.number(item, path)
        else:
            text = r.text(item, path)
            if text.replace("{n}", "").count("{") or text.replace("{n}", "").count("}") or "{n}" not in text:
                raise r.fail(path, _('expected text with "{{n}}" where the page number goes, got {value}',
                                     value=show(item)))
            settings[key] = text
    try:
        return attrs.evolve(DEFAULT_LAYOUT, **settings)
    except ValueError as exc:  # PageLayout refuses a page it cannot set text on
        raise r.fail("layout", str(exc)) from None
