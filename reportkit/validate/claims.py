"""The claim reader: every figure of the narrative with its context, matched to the edition's concepts.

A claim is a figure as written ("75件", "1.5万余条", "28.57%") with the words before it in its clause, its
unit, its sentence, and what the 共/其中/分别/占 patterns make of it: the head of a list of parts, a part of
one, a share of a base. The concept it states comes from the vocabulary (data), not from a phrase pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from attrs import evolve, frozen

from reportkit.validate.rules import parse_figure
from reportkit.validate.vocabulary import Concept, Vocabulary, term_regex

_CLAUSE_END = "，。；：！？,;:（）()"
_SENTENCE_END = "。；！？;"
_NUMBER = r"(?P<prefix>近|约)?(?P<number>\d+(?:\.\d+)?)(?P<wan>万)?(?P<suffix>余|多)?"


@frozen
class Claim:
    where: str  # the place in the narrative: "正文 一、总体情况 （二）依申请公开 第1段"
    paragraph: int  # its index among the narrative's paragraphs
    text: str  # the figure with the words that state it: "收到政府信息公开申请75件"
    figure: str  # as written: "75", "1.5万余"
    unit: str
    low: Decimal  # the values the figure allows ("15万余" is 150000–159999)
    high: Decimal
    start: int  # where the figure is in the paragraph
    end: int
    sentence: int  # the index of the sentence in the paragraph
    before: str  # the words before the figure in its clause, after the previous figure
    concept: Concept | None = None
    cells: tuple[str, ...] = ()  # what it states: the concept's cells, or a column of the head's row
    head: int | None = None  # for a part ("其中…"): the index of the claim it is part of
    base_text: str | None = None  # for a share ("占办结总数的"): the words naming its base
    partial: bool = False  # a head whose parts are said not to be all ("主要有…等")

    @property
    def exact(self) -> bool:
        return self.low == self.high

    @property
    def is_share(self) -> bool:
        return self.unit in ("%", "％")


def _units_pattern(vocabulary: Vocabulary) -> re.Pattern[str]:
    units = sorted(vocabulary.word_list("units"), key=len, reverse=True)
    alternatives = "|".join(re.escape(unit) for unit in units)
    # Not a figure: part of a longer number (a phone number, 2022年), or 第3条 (an article), or a decimal's tail.
    return re.compile(rf"(?<![\d.第]){_NUMBER}(?P<unit>{alternatives})")


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for k, ch in enumerate(text):
        if ch in _SENTENCE_END:
            spans.append((start, k + 1))
            start = k + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _clause_start(text: str, position: int, floor: int) -> int:
    k = position
    while k > floor and text[k - 1] not in _CLAUSE_END:
        k -= 1
    return k


def best_term(text: str, terms: Sequence[tuple[str, object]]) -> tuple[object, int, int] | None:
    """The term nearest the end of ``text`` (the longest of those ending there): (its value, start, end)."""
    best: tuple[int, int, int, object] | None = None
    for term, value in terms:
        for match in term_regex(term).finditer(text):
            key = (match.end(), match.end() - match.start())
            if best is None or key > best[:2]:
                best = (key[0], key[1], match.start(), value)
    return (best[3], best[2], best[0]) if best is not None else None


class ClaimReader:
    """Read a narrative's claims with one vocabulary."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._figure = _units_pattern(vocabulary)
        self._concept_terms: list[tuple[str, Concept]] = [(t, c) for c in vocabulary.concepts for t in c.terms]
        self._column_terms = [(term, key) for key, words in vocabulary.columns.items() for term in words]

    def _concept(self, words: str, unit: str) -> tuple[Concept, int] | None:
        found = best_term(words, [(t, c) for t, c in self._concept_terms if c.unit in (None, unit)])
        if found is None:
            return None
        concept, start, end = found
        assert isinstance(concept, Concept)
        # The term must be among the last words before the figure: "收到申请…，办结75件" is not a 收到 claim;
        # "较上年收到申请" is last year's figure.
        if len(words) - end > 12 or any(w in words[:start] for w in self.vocabulary.word_list("other_year_words")):
            return None
        return concept, end

    def concept_of(self, words: str, unit: str) -> Concept | None:
        """The concept the words just before a figure name, None for none (or for another year's figure)."""
        found = self._concept(words, unit)
        return found[0] if found else None

    def _column_cells(self, head: Claim, words: str) -> tuple[tuple[str, ...], int] | None:
        if head.concept is None or head.concept.row is None:
            return None
        found = best_term(words, self._column_terms)
        if found is None or len(words) - found[2] > 4:
            return None
        key = found[0]
        assert isinstance(key, str)
        return tuple(f"{head.concept.row}.{column}" for column in key.split("+")), found[2]

    def read(self, where: str, paragraph: int, text: str) -> list[Claim]:
        claims: list[Claim] = []
        for index, (s_start, s_end) in enumerate(_sentences(text)):
            first = len(claims)
            previous_end = s_start
            head: int | None = None
            respectively: list[str] = []
            for match in self._figure.finditer(text, s_start, s_end):
                claim = self._claim(where, paragraph, index, text, match, max(previous_end, s_start), s_start)
                previous_end = match.end()
                if claim.is_share:
                    claims.append(self._share(claim))
                    continue
                if any(w in claim.before for w in ("共", "合计", "总计", "累计")):
                    head = None  # a new total starts
                if any(w in claim.before for w in self.vocabulary.word_list("parts_words")):
                    heads = [k for k in range(first, len(claims)) if not claims[k].is_share]
                    head = heads[-1] if heads else None
                if "分别" in claim.before:
                    names = claim.before.split("分别")[0]
                    respectively = [n for n in re.split(r"[、和及与]", names) if n]
                words = respectively.pop(0) if respectively else claim.before
                claims.append(self._interpret(claim, claims, head, words))
            self._mark_partial(claims, first, text, s_end)
        return claims

    def _claim(self, where: str, paragraph: int, sentence: int, text: str, match: re.Match[str], floor: int,
               s_start: int) -> Claim:
        unit = match["unit"]
        figure = match[0][: -len(unit)]
        if unit in ("%", "％"):
            low = high = Decimal(match["number"])
        else:
            low, high = parse_figure(figure)
        clause = _clause_start(text, match.start(), s_start)
        before = text[max(floor, clause):match.start()].lstrip("、和及与")
        return Claim(where, paragraph, text[clause:match.end()], figure, unit, low, high, match.start(),
                     match.end(), sentence, before)

    def _share(self, claim: Claim) -> Claim:
        base = None
        for share in self.vocabulary.word_list("share_words"):
            if share in claim.before:
                base = claim.before.rsplit(share, 1)[1]
        return evolve(claim, base_text=base)

    def _interpret(self, claim: Claim, claims: list[Claim], head: int | None, words: str) -> Claim:
        found = self._concept(words, claim.unit)
        concept = found[0] if found else None
        if head is not None and claim.unit == claims[head].unit:
            column = self._column_cells(claims[head], words)
            # a column of the head's row ("其中自然人71件"), unless a concept's words come later ("其他处理")
            if column is not None and (found is None or column[1] > found[1]):
                return evolve(claim, head=head, cells=column[0])
            return evolve(claim, head=head, concept=concept, cells=concept.cells if concept else ())
        return evolve(claim, concept=concept, cells=concept.cells if concept else ())

    def _mark_partial(self, claims: list[Claim], first: int, text: str, end: int) -> None:
        """A head whose list of parts says it is not complete ("主要有…等") is marked partial."""
        partial = self.vocabulary.word_list("partial_words")
        for k in range(first, len(claims)):
            if any(c.head == k for c in claims) and any(w in text[claims[k].end:end] for w in partial):
                claims[k] = evolve(claims[k], partial=True)


def read_claims(vocabulary: Vocabulary, narrative: Sequence[tuple[str, str]]) -> Iterator[Claim]:
    reader = ClaimReader(vocabulary)
    for paragraph, (where, text) in enumerate(narrative):
        yield from reader.read(where, paragraph, text)
