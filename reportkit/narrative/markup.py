"""The small markup templates write, parsed into the document model.

    # 概述                         a level-1 heading (## level 2, ### level 3, #### level 4)
                                   a blank line ends a block
    ## 加强组织领导，进一步靠实责任。  a heading with text on the lines right under it (no blank line)
    同心县始终把政务公开工作……        runs into that text: "（一）加强组织领导，进一步靠实责任。同心县始终把……"
    一段正文，可以写在                  a paragraph: its lines are joined without spaces
    几行里。
    - 加强组织领导。……                 lines starting with "- " are an enumeration inside the paragraph:
    - 抓部署重谋划。……                 written "一是加强组织领导。……二是抓部署重谋划。……"
    @table stats                       a table of the edition, on a line of its own

Numbers of headings and of enumerations are generated, never written.

Values a template prints (``{{ county }}``, ``{{ contact.address }}``) are text, never markup: the engine
passes them through :func:`escape_value`, so a "# " or "@table" typed into a data field stays those characters
and a line break in a value is refused.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from reportkit.document.model import Block, Paragraph, Section, TableRef
from reportkit.document.numbering import chinese_numeral, starts_with_number
from reportkit.document.text import LINE_BREAK
from reportkit.document.tree import LevelJump, nest
from reportkit.errors import listing
from reportkit.i18n import _

_HEADING = re.compile(r"^(#{1,4})\s+(.+)$")
_TABLE = re.compile(r"^@table\s+(\S+)$")


# The characters that make markup at the start of a line, carried past the parser as noncharacters.
_ESCAPES = str.maketrans({"#": "\ufdd0", "@": "\ufdd1", "-": "\ufdd2"})
_UNESCAPES = str.maketrans({"\ufdd0": "#", "\ufdd1": "@", "\ufdd2": "-"})


class ValueProblem(ValueError):
    """A value a template prints that the markup cannot hold (the message is reportkit's own)."""


def escape_value(text: str) -> str:
    """``text`` as the parser reads it as text only; a ValueError if it would break the line it is on."""
    bad = LINE_BREAK.search(text)
    if bad:
        raise ValueProblem(_("the value {value} holds a line break ({code}); a value printed by a template is one "
                             "line of text", value=repr(text[:40]), code="U+" + format(ord(bad.group()), "04X")))
    return text.translate(_ESCAPES)


def _text(text: str) -> str:
    return text.translate(_UNESCAPES)


class MarkupError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _enumerate(lines: Sequence[str]) -> str:
    text, count = "", 0
    for line in lines:
        if line.startswith("- "):
            count += 1
            text += f"{chinese_numeral(count)}是{line[2:].strip()}"
        else:
            text += line
    return _text(text)


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Blocks separated by blank lines, each with the number of its first line."""
    out: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if "\t" in line:
            raise MarkupError(number, _("a tab inside a line is drawn as an empty box; use a space, or nothing"))
        if not line:
            if current:
                out.append((start, current))
                current = []
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        out.append((start, current))
    return out


def parse_markup(text: str, tables: Collection[str] | None = None) -> tuple[Block, ...]:
    """Parse the markup into blocks; a mistake raises :class:`MarkupError` with its line.

    ``tables``: the names an ``@table`` line may give (any when None).
    """
    entries: list[tuple[int, Block]] = []
    lines_of: list[int] = []
    for line_no, lines in _blocks(text):
        heading = _HEADING.match(lines[0])
        table = _TABLE.match(lines[0])
        if heading:
            level, title = len(heading.group(1)), _text(heading.group(2).strip())
            number = starts_with_number(title)
            if number:
                raise MarkupError(line_no, _("heading “{title}” starts with the number “{number}”; numbers are "
                                             "generated, leave it out", title=title, number=number))
            body = _enumerate(lines[1:])
            section = Section(title, (Paragraph(body),), run_in=True) if body else Section(title)
            entries.append((level, section))
        elif table:
            if len(lines) > 1:
                raise MarkupError(line_no + 1, _("a table line stands alone: leave a blank line after it"))
            name = _text(table.group(1))
            if tables is not None and name not in tables:
                raise MarkupError(line_no, _("@table {name}: no such table (this edition has: {known})", name=name,
                                             known=listing(sorted(tables))))
            entries.append((0, TableRef(name)))
        else:
            entries.append((0, Paragraph(_enumerate(lines))))
        lines_of.append(line_no)
    try:
        return nest(entries)
    except LevelJump as jump:
        raise MarkupError(lines_of[jump.index], str(jump)) from None
