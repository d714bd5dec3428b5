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
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportkit.document.model import Block, Paragraph, Section, TableRef
from reportkit.document.numbering import chinese_numeral, starts_with_number
from reportkit.document.tree import LevelJump, nest

_HEADING = re.compile(r"^(#{1,4})\s+(.+)$")
_TABLE = re.compile(r"^@table\s+(\S+)$")


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
    return text


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Blocks separated by blank lines, each with the number of its first line."""
    out: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
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


def parse_markup(text: str) -> tuple[Block, ...]:
    """Parse the markup into blocks; a mistake raises :class:`MarkupError` with its line."""
    entries: list[tuple[int, Block]] = []
    lines_of: list[int] = []
    for line_no, lines in _blocks(text):
        heading = _HEADING.match(lines[0])
        table = _TABLE.match(lines[0])
        if heading:
            level, title = len(heading.group(1)), heading.group(2).strip()
            number = starts_with_number(title)
            if number:
                raise MarkupError(line_no, f"heading “{title}” starts with the number “{number}”; numbers are "
                                           "generated, leave it out")
            body = _enumerate(lines[1:])
            section = Section(title, (Paragraph(body),), run_in=True) if body else Section(title)
            entries.append((level, section))
        elif table:
            if len(lines) > 1:
                raise MarkupError(line_no + 1, "a table line stands alone: leave a blank line after it")
            entries.append((0, TableRef(table.group(1))))
        else:
            entries.append((0, Paragraph(_enumerate(lines))))
        lines_of.append(line_no)
    try:
        return nest(entries)
    except LevelJump as jump:
        raise MarkupError(lines_of[jump.index], str(jump)) from None
