"""Chinese line breaking on the character grid, independent of any output format.

Text is cut into atoms: one full-width character per grid cell, a run of half-width characters (a
number, a Latin word, a URL) as one unbreakable atom at its own width, and ——/…… as one two-cell
atom. Lines are filled greedily with the rules of GB/T 15834-2011 §5.1: closing punctuation never
starts a line (it hangs past the right edge, as Word's hanging punctuation does, or pulls a character
down), opening punctuation never ends one. Every line but a paragraph's last is justified.

Where a line breaks is decided with :class:`Metrics`, which reproduce how Word (the typesetter of
nearly every published report) fills a 28-cell line; see docs/line-breaking.md.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Sequence

from attrs import Factory, field, frozen

from reportkit.layout import Role

# GB/T 15834-2011 §5.1 and clreq: may not start a line / may not end a line.
CANNOT_START = frozenset("，。、；：？！）》」』】〕〗〉”’％‰·…—ー々〃,.;:?!)]}%")
CANNOT_END = frozenset("（《「『【〔〖〈“‘([{")
HANGABLE = frozenset("，。、；：？！）》」』】〕〗〉”’")
_PAIRS = ("——", "……")
_PAIR_STARTS = frozenset(pair[0] for pair in _PAIRS)


@frozen
class Metrics:
    """How much room each kind of character takes when a line is filled, in grid cells or ems.

    Calibrated line by line against the published 同心县 report (Word, 仿宋_GB2312 on the GB/T 9704
    grid): there, 28 ideographs never share a line but 27 ideographs and a mark do, so an ideograph
    counts a hair more than a cell and a mark a little less; Word squeezes marks to take in a number or
    to keep an opening mark with its character (push-in, 追い込み), and a hung closing mark still needs
    a sliver of the line. Only the breaks depend on these figures: every line is then justified to the
    grid.
    """

    ideograph: float = 1.001  # cells
    mark: float = 0.95  # cells: full-width punctuation inside a line
    autospace: float = 0.1875  # em between an ideograph and digits or Latin letters (Word's autospace)
    squeeze: float = 0.25  # em a mark can give up when Word pushes in
    hang_in: float = 0.07  # share of a hung mark that must still fit inside the line


DEFAULT_METRICS = Metrics()


@frozen
class Atom:
    text: str
    role: Role  # the run's role; a half-width atom is drawn in the Latin font
    width: float  # its advance when drawn
    latin: bool = False
    space: bool = False
    newline: bool = False
    mark: bool = False  # full-width punctuation: squeezable when Word pushes in
    ideographic: bool = False  # a Chinese character: autospacing applies beside letters and digits
    lead: float = 0.0  # extra room it takes at the start of a line (an opening mark is not squeezed there)
    room: float = field(default=Factory(lambda self: self.width, takes_self=True))  # what it takes when breaking

    @property
    def first(self) -> str:
        return self.text[0] if self.text else ""

    @property
    def last(self) -> str:
        return self.text[-1] if self.text else ""



@frozen
class Placed:
    atom: Atom
    x: float  # from the left edge of the line box


@frozen
class Line:
    """A line as set: its atoms and where each starts (``xs``, from the left edge of the line box).

    The two are kept side by side rather than as one object per atom: a report sets some five thousand
    atoms, and a renderer reads them once.
    """

    atoms: tuple[Atom, ...]
    xs: tuple[float, ...]
    indent: float
    width: float  # the measure the line was justified to

    @classmethod
    def blank(cls, width: float = 0.0) -> Line:
        return cls((), (), 0.0, width)

    @property
    def items(self) -> tuple[Placed, ...]:
        return tuple(Placed(atom, x) for atom, x in zip(self.atoms, self.xs, strict=True))

    @property
    def text(self) -> str:
        return "".join(atom.text for atom in self.atoms)

    @property
    def natural(self) -> float:
        """The width the line's glyphs take, from its indent to the end of its last atom."""
        if not self.atoms:
            return 0.0
        return self.xs[-1] + self.atoms[-1].width - self.indent


@functools.cache
def is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF" or ch in "“”‘’…—·"


def _wide_atom(ch: str, role: Role, cell: float, metrics: Metrics) -> Atom:
    if unicodedata.category(ch) == "Lo":
        return Atom(ch, role, cell, ideographic=True, room=metrics.ideograph * cell)
    lead = (1 - metrics.mark) * cell if ch in CANNOT_END else 0.0
    return Atom(ch, role, cell, mark=True, lead=lead, room=metrics.mark * cell)


# Atoms are immutable, so one per character is shared by every occurrence: a report repeats a few hundred
# characters thousands of times. One table per role, cell and metrics (a handful in a process), looked up
# once per run of text rather than hashing all four for every character.
_WIDE: dict[tuple[Role, float, Metrics], dict[str, Atom]] = {}
_WIDE_LIMIT = 8192  # characters kept per table: a table of CJK text stays small, odd input cannot grow it


def _wide_table(role: Role, cell: float, metrics: Metrics) -> dict[str, Atom]:
    key = (role, cell, metrics)
    table = _WIDE.get(key)
    if table is None:
        if len(_WIDE) >= 64:  # many layouts in one process (tests): start afresh rather than grow
            _WIDE.clear()
        table = _WIDE[key] = {}
    return table


def atoms(
    runs: Sequence[tuple[Role, str]],
    cell: float,
    measure_latin: Callable[[str], float],
    metrics: Metrics = DEFAULT_METRICS,
) -> list[Atom]:
    """Cut runs of text into atoms. ``cell`` is the advance of a full-width character."""
    out: list[Atom] = []
    for role, text in runs:
        wide = _wide_table(role, cell, metrics)
        i = 0
        while i < len(text):
            ch = text[i]
            atom = wide.get(ch)
            if atom is not None and (ch not in _PAIR_STARTS or not text.startswith(_PAIRS, i)):
                out.append(atom)
                i += 1
            elif ch == "\n":
                out.append(Atom("\n", role, 0.0, newline=True))
                i += 1
            elif text.startswith(_PAIRS, i):
                out.append(Atom(text[i : i + 2], role, 2 * cell))
                i += 2
            elif is_wide(ch):
                atom = _wide_atom(ch, role, cell, metrics)
                if len(wide) < _WIDE_LIMIT:
                    wide[ch] = atom
                out.append(atom)
                i += 1
            elif ch == " ":
                out.append(Atom(" ", role, measure_latin(" "), latin=True, space=True))
                i += 1
            else:
                j = i
                while j < len(text) and text[j] not in " \n" and not is_wide(text[j]):
                    j += 1
                word = text[i:j]
                out.append(Atom(word, role, measure_latin(word), latin=True))
                i = j
    return out


def _gap(prev: Atom | None, atom: Atom, em: float, metrics: Metrics) -> float:
    if prev is None:
        return 0.0
    # Word spaces ideographs from letters, digits and typed spaces, not from other symbols: "互联网+政务"
    # stays tight, while "参加了 2018 年" typed with spaces gets the autospace and the spaces both.
    if (prev.ideographic and atom.latin and (atom.space or atom.first.isalnum())) or (
        prev.latin and (prev.space or prev.last.isalnum()) and atom.ideographic
    ):
        return metrics.autospace * em
    return 0.0


def _gaps(items: Sequence[Atom], em: float, metrics: Metrics) -> list[float]:
    """The autospace before each atom after the one before it (:func:`_gap`), worked out once for a paragraph:
    both the breaking and the placing read it."""
    out = [0.0] * len(items)
    for k in range(1, len(items)):
        prev, atom = items[k - 1], items[k]
        if prev.ideographic or prev.latin:  # the only atoms a gap can follow
            out[k] = _gap(prev, atom, em, metrics)
    return out


def _split_long(items: list[Atom], measure: float, measure_latin: Callable[[str], float]) -> list[Atom]:
    # A half-width run longer than a whole line (a long URL) must break somewhere: by character.
    out: list[Atom] = []
    for atom in items:
        if atom.latin and atom.width > measure and len(atom.text) > 1:
            out.extend(Atom(ch, atom.role, measure_latin(ch), latin=True) for ch in atom.text)
        else:
            out.append(atom)
    return out


def break_lines(
    items: list[Atom],
    measure: float,
    first_indent: float,
    em: float,
    measure_latin: Callable[[str], float],
    *,
    hang: bool = True,
    justify: bool = True,
    metrics: Metrics = DEFAULT_METRICS,
) -> list[Line]:
    """Fill lines of width ``measure``; the first starts ``first_indent`` in."""
    items = _split_long(items, measure - first_indent, measure_latin)
    gaps = _gaps(items, em, metrics)
    lines: list[Line] = []
    start = 0
    n = len(items)
    while start < n:
        while start < n and items[start].space:
            start += 1
        if start >= n:
            break
        indent = first_indent if not lines else 0.0
        avail = measure - indent
        limit = avail + 1e-6
        width = items[start].lead
        i = start
        forced = False
        while i < n:
            atom = items[i]
            if atom.newline:
                forced = True
                break
            step = (gaps[i] if i > start else 0.0) + atom.room
            if width + step > limit and i > start:
                break
            width += step
            i += 1
        end = i  # items[start:end] fit
        if not forced and end < n and _push_in(items, gaps, start, end, width, avail, em, metrics):
            end += 1
            width = avail
        hung = False
        if not forced and end < n:
            nxt = items[end]
            fits = width + metrics.hang_in * nxt.room <= limit
            if hang and nxt.text in HANGABLE and fits and (end + 1 >= n or items[end + 1].first not in CANNOT_START):
                end += 1
                hung = True
            else:
                b = end
                while b > start + 1 and (items[b].first in CANNOT_START or items[b - 1].last in CANNOT_END):
                    b -= 1
                end = b
        stop = end
        while stop > start and items[stop - 1].space:
            stop -= 1
        last = forced or end >= n
        lines.append(_place(items, gaps, start, stop, indent, avail, justify and not last, hung and stop == end))
        start = end + 1 if forced and end < n and items[end].newline else end
    return lines


def _push_in(items: list[Atom], gaps: list[float], start: int, end: int, width: float, avail: float, em: float,
             metrics: Metrics) -> bool:
    """Whether Word would squeeze the line's marks to take in ``items[end]``.

    It does so for a half-width run (a number, a phone number) and for the character an opening mark at
    the end of the line must not be parted from; never for an ordinary character.
    """
    nxt, last = items[end], items[end - 1]
    if not ((nxt.latin and not nxt.space) or last.last in CANNOT_END):
        return False
    squeeze = metrics.squeeze * em * sum(1 for atom in items[start:end] if atom.mark)
    return width + gaps[end] + nxt.room - squeeze <= avail + 1e-6


def _place(items: list[Atom], gaps: list[float], start: int, stop: int, indent: float, avail: float,
           justify: bool, hung: bool) -> Line:
    """The line of ``items[start:stop]``, justified to ``avail`` when asked (a hung mark past it)."""
    body = stop - 1 if hung else stop
    xs: list[float] = []
    x = 0.0
    for k in range(start, body):
        if k > start:
            x += gaps[k]
        xs.append(x)
        x += items[k].width
    natural = x
    count = body - start
    # A pushed-in line is too long by a little: it is tightened over all its gaps like any other.
    if (justify or natural > avail) and count > 1:
        extra = (avail - natural) / (count - 1)
        xs = [indent + (pos + k * extra) for k, pos in enumerate(xs)]
        natural = avail
    else:
        xs = [indent + pos for pos in xs]
    if hung:
        xs.append(indent + natural)
    return Line(tuple(items[start:stop]), tuple(xs), indent, avail)


def balance(items: list[Atom], measure: float, em: float, measure_latin: Callable[[str], float]) -> list[Line]:
    """Break a title into as few lines as it needs, with lengths balanced and the longer line first."""
    lines = break_lines(items, measure, 0.0, em, measure_latin, justify=False)
    if len(lines) < 2:
        return lines
    total = sum(atom.width for line in lines for atom in line.atoms)
    count = len(lines)
    best = lines
    target = total / count
    # Shrink the measure until the lines no longer fit in the same count; keep the most even result.
    width = measure
    while width > target:
        trial = break_lines(items, width, 0.0, em, measure_latin, justify=False)
        if len(trial) > count:
            break
        widths = [sum(atom.width for atom in line.atoms) for line in trial]
        if widths == sorted(widths, reverse=True):
            best = trial
        width -= em / 2
    return best
