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

Each value printed is also wrapped in two more noncharacters (:data:`BOUND_OPEN`, :data:`BOUND_CLOSE`) that
:func:`parse_bound` takes out again, recording where in which paragraph the value stands: the checker then
knows which figures of the text came from the data and which were typed (rule ``text-binding``). Neither a
template nor a data value can hold these characters, so a binding cannot be forged.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence

from reportkit.document.model import Block, Paragraph, Section, TableRef
from reportkit.document.numbering import chinese_numeral, starts_with_number
from reportkit.document.text import LINE_BREAK, forbidden
from reportkit.document.tree import LevelJump, nest
from reportkit.errors import listing
from reportkit.i18n import _

_HEADING = re.compile(r"^(#{1,4})\s+(.+)$")
_TABLE = re.compile(r"^@table\s+(\S+)$")


# The characters that make markup at the start of a line, carried past the parser as noncharacters.
_ESCAPES = str.maketrans({"#": "\ufdd0", "@": "\ufdd1", "-": "\ufdd2"})
_UNESCAPES = str.maketrans({"\ufdd0": "#", "\ufdd1": "@", "\ufdd2": "-"})

# Around every value a template prints (the engine's finalize): taken out by parse_bound, never drawn.
BOUND_OPEN, BOUND_CLOSE = "\ufdd3", "\ufdd4"
_BOUND = re.compile(f"([{BOUND_OPEN}{BOUND_CLOSE}])")

Span = tuple[int, int, int]  # a bound value: (paragraph, offset, length), paragraphs counted in document order


class ValueProblem(ValueError):
    """A value a template prints that the markup cannot hold (the message is reportkit's own)."""


def escape_value(text: str) -> str:
    """``text`` as the parser reads it as text only; a ValueError if it would break the line it is on."""
    bad = LINE_BREAK.search(text)
    if bad:
        raise ValueProblem(_("the value {value} holds a line break ({code}); a value printed by a template is one "
                             "line of text", value=repr(text[:40]), code="U+" + format(ord(bad.group()), "04X")))
    problem = forbidden(text)
    if problem:  # the escapes and the binding markers among them: data text cannot fake markup or a binding
        raise ValueProblem(_("the value {value} holds {problem}, which a report cannot hold", value=repr(text[:40]),
                             problem=problem))
    return text.translate(_ESCAPES)


def _text(text: str) -> str:
    return text.translate(_UNESCAPES)


def unmark(text: str) -> tuple[str, str]:
    """``text`` without its binding markers, and a mask as long as it: "1" where a character was printed
    from a value, "0" where the template wrote it."""
    chars: list[str] = []
    mask: list[str] = []
    depth = 0
    for piece in _BOUND.split(text):
        if piece == BOUND_OPEN:
            depth += 1
        elif piece == BOUND_CLOSE:
            depth = max(depth - 1, 0)
        elif piece:
            chars.append(piece)
            mask.append(("1" if depth else "0") * len(piece))
    return "".join(chars), "".join(mask)


class _Line:
    """A line of the text with its mask, cut and joined together."""

    __slots__ = ("mask", "text")

    def __init__(self, text: str, mask: str) -> None:
        self.text, self.mask = text, mask

    def strip(self) -> _Line:
        stripped = self.text.strip()
        if not stripped:
            return _Line("", "")
        lead = len(self.text) - len(self.text.lstrip())
        return _Line(stripped, self.mask[lead:lead + len(stripped)])

    def __getitem__(self, cut: slice) -> _Line:
        return _Line(self.text[cut], self.mask[cut])

    def __add__(self, other: _Line) -> _Line:
        return _Line(self.text + other.text, self.mask + other.mask)


class MarkupError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _enumerate(lines: Sequence[_Line]) -> _Line:
    text, count = _Line("", ""), 0
    for line in lines:
        if line.text.startswith("- "):
            count += 1
            prefix = f"{chinese_numeral(count)}是"
            text += _Line(prefix, "0" * len(prefix)) + line[2:].strip()
        else:
            text += line
    return _Line(_text(text.text), text.mask)


def _lines(text: str, mask: str) -> list[_Line]:
    """``text.splitlines()``, each line with its part of the mask."""
    out, start = [], 0
    for piece in text.splitlines(keepends=True):
        content = (piece.splitlines() or [""])[0]
        out.append(_Line(content, mask[start:start + len(content)]))
        start += len(piece)
    return out


def _blocks(text: str, mask: str) -> list[tuple[int, list[_Line]]]:
    """Blocks separated by blank lines, each with the number of its first line; an ``@table`` line is a block
    of its own wherever it stands (right under a paragraph or a heading too), never text of the report."""
    out: list[tuple[int, list[_Line]]] = []
    current: list[_Line] = []
    start = 0
    for number, raw in enumerate(_lines(text, mask), 1):
        line = raw.strip()
        if "\t" in line.text:
            raise MarkupError(number, _("a tab inside a line is drawn as an empty box; use a space, or nothing"))
        if not line.text or _TABLE.match(line.text):
            if current:
                out.append((start, current))
                current = []
            if line.text:
                out.append((number, [line]))
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
    return parse_bound(text, tables)[0]


def parse_bound(text: str, tables: Collection[str] | None = None) -> tuple[tuple[Block, ...], frozenset[Span]]:
    """:func:`parse_markup` of a text the engine rendered, with its binding markers taken out, and where the
    values printed from the data stand: (paragraph, offset, length), paragraphs counted in document order."""
    plain, mask = unmark(text)
    masks: dict[int, str] = {}
    entries: list[tuple[int, Block]] = []
    lines_of: list[int] = []
    for line_no, lines in _blocks(plain, mask):
        heading = _HEADING.match(lines[0].text)
        table = _TABLE.match(lines[0].text)
        if heading:
            level, title = len(heading.group(1)), _text(heading.group(2).strip())
            number = starts_with_number(title)
            if number:
                raise MarkupError(line_no, _("heading “{title}” starts with the number “{number}”; numbers are "
                                             "generated, leave it out", title=title, number=number))
            body = _enumerate(lines[1:])
            if body.text:
                paragraph = Paragraph(body.text)
                masks[id(paragraph)] = body.mask  # kept alive by the entries: the id stays its own
                entries.append((level, Section(title, (paragraph,), run_in=True)))
            else:
                entries.append((level, Section(title)))
        elif table:
            name = _text(table.group(1))
            if tables is not None and name not in tables:
                raise MarkupError(line_no, _("@table {name}: no such table (this edition has: {known})", name=name,
                                             known=listing(sorted(tables))))
            entries.append((0, TableRef(name)))
        else:
            body = _enumerate(lines)
            paragraph = Paragraph(body.text)
            masks[id(paragraph)] = body.mask
            entries.append((0, paragraph))
        lines_of.append(line_no)
    try:
        blocks = nest(entries)
    except LevelJump as jump:
        raise MarkupError(lines_of[jump.index], str(jump)) from None
    spans = frozenset(
        (k, run.start(), run.end() - run.start())
        for k, paragraph in enumerate(_paragraphs(blocks)) for run in re.finditer("1+", masks.get(id(paragraph), ""))
    )
    return blocks, spans


def _paragraphs(blocks: Sequence[Block]) -> Iterator[Paragraph]:
    """The paragraphs in document order, as the checker counts them."""
    for block in blocks:
        if isinstance(block, Section):
            yield from _paragraphs(block.blocks)
        elif isinstance(block, Paragraph):
            yield block
