"""Where a wrapped title breaks: between words (GB/T 9704-2012 §7.3.1: 回行时要做到词意完整), balanced, the
longer line first.

Two steps, kept apart as typst keeps them: :func:`breakpoints` says where the text may break and at what cost
(a word segmenter, jieba, with words and preferred breaks the caller gives, and the rules of Chinese line
breaking); :func:`fit` chooses among them the lines that fit the measure. Widths are counted in ems, a full-width
character one and any other a half, so the PDF and the DOCX get the same lines from the same title.

jieba's dictionary is read only when a title is too long for one line, and then only the entries the cut needs
(reportkit.word_index).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from attrs import frozen

from reportkit.layout import PageLayout, Role, char_cells
from reportkit.typeset import CANNOT_END, CANNOT_START
from reportkit.word_index import words_of

PREFERRED = 0  # cost of a break before a phrase the caller prefers to start a line
WORD = 2  # cost of a break between two other words
CHARACTER = 20  # cost of a break inside a word, when no break between words fits
NOT_LONGER_FIRST = 1000  # a later line longer than an earlier one: only when nothing else fits
AUTOSPACE = 0.1875  # em between an ideograph and a number, as the PDF sets it (typeset.Metrics.autospace)


@frozen
class Breakpoint:
    """A place the text may break before (an index into it) and what the break costs."""

    index: int
    cost: int


def _segments(text: str, words: tuple[str, ...]) -> list[int]:
    """The indices where jieba's words (with ``words`` added) start, after the first: every report's title is
    cut as by a dictionary with its own words only (reportkit.word_index, which reads only what the cut needs)."""
    ends = list(itertools.accumulate(len(word) for word in words_of(text, words)))
    return ends[:-1]


def _allowed(text: str, i: int) -> bool:
    before, after = text[i - 1], text[i]
    # A number stays with what follows it (2022年度), and the rules of GB/T 15834 §5.1 hold.
    return not (before.isascii() and before.isalnum()) and after not in CANNOT_START and before not in CANNOT_END


def breakpoints(text: str, words: Sequence[str] = (), prefer_before: Sequence[str] = ()) -> list[Breakpoint]:
    """Where ``text`` may break: between words, cheapest before a phrase of ``prefer_before``; inside a word
    (between any two characters) at a high cost, for a word longer than a line."""
    words = tuple(dict.fromkeys([*words]))
    preferred = {i for phrase in prefer_before for i in occurrences(text, phrase) if i > 0}
    between = set(_segments(text, words)) | preferred
    out = []
    for i in range(1, len(text)):
        if not _allowed(text, i):
            continue
        cost = PREFERRED if i in preferred else WORD if i in between else CHARACTER
        out.append(Breakpoint(i, cost))
    return out


def occurrences(text: str, phrase: str) -> list[int]:
    """Where ``phrase`` starts in ``text``, each place (overlapping ones too)."""
    found, at = [], text.find(phrase)
    while phrase and at >= 0:
        found.append(at)
        at = text.find(phrase, at + 1)
    return found


def width(text: str) -> float:
    """Ems of ``text`` on one line: full-width characters one, others a half, the space around a number."""
    starts = (k for k, ch in enumerate(text) if ch.isascii() and ch.isalnum())
    runs = sum(1 for k in starts if k == 0 or not text[k - 1].isascii())
    return char_cells(text) + 2 * AUTOSPACE * runs


_CHOICES = 20_000  # sets of breaks weighed for one number of lines: a real title needs a few hundred at most


def fit(text: str, points: Sequence[Breakpoint], measure: float) -> tuple[int, ...]:
    """The breaks (indices into ``text``) of the cheapest set of lines no wider than ``measure`` ems: as few
    lines as fit, the longer first, the break costs, then how uneven the lines are. () when one line fits.

    Every set of breaks is weighed while there are not too many (:data:`_CHOICES`); a title long enough for
    more (a data file's mistake, or an attack: a 140-character title had some 400 million) is broken line by
    line, as far as each line fits (:func:`_first_fit`), in time linear in its length."""
    total = width(text)
    if total <= measure:
        return ()
    for count in range(2, len(text) + 1):
        if count * measure + 1 < total:  # fewer lines than that cannot hold it
            continue
        if math.comb(len(points), count - 1) > _CHOICES:
            return _first_fit(text, points, measure)
        best: tuple[float, tuple[int, ...]] | None = None
        for chosen in itertools.combinations(points, count - 1):
            cuts = [0, *(p.index for p in chosen), len(text)]
            widths = [width(text[a:b]) for a, b in itertools.pairwise(cuts)]
            if max(widths) > measure:
                continue
            cost = sum(p.cost for p in chosen) + max(widths) - min(widths)
            if any(b > a for a, b in itertools.pairwise(widths)):
                cost += NOT_LONGER_FIRST
            if best is None or cost < best[0]:
                best = (cost, tuple(p.index for p in chosen))
        if best is not None:
            return best[1]
    return ()


def _first_fit(text: str, points: Sequence[Breakpoint], measure: float) -> tuple[int, ...]:
    """Each line as long as fits, ending where a word does if one fits, else where a character may."""
    breaks: list[int] = []
    start = 0
    while width(text[start:]) > measure:
        after = [p for p in points if p.index > start]
        if not after:
            break
        fitting = [p for p in after if width(text[start:p.index]) <= measure] or after[:1]
        words = [p for p in fitting if p.cost < CHARACTER]
        start = (words or fitting)[-1].index
        breaks.append(start)
    return tuple(breaks)


def title_breaks(text: str, layout: PageLayout, words: Sequence[str] = (),
                 prefer_before: Sequence[str] = ()) -> tuple[int, ...]:
    """Where the title ``text`` breaks on ``layout``'s type area (its 2号 size), or () if it fits one line."""
    measure = layout.text_width / layout.size(Role.TITLE)
    if "\n" in text or width(text) <= measure:
        return ()  # a title with its own line breaks keeps them
    return fit(text, breakpoints(text, words, prefer_before), measure)
