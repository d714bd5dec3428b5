"""The narrative's claims against the tables and against each other (classes a–e and h of slips).

Every rule here reads claims (:mod:`reportkit.validate.claims`), so a new way of writing the same thing
needs a word in the edition's vocabulary, not a new rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from attrs import frozen

from reportkit.i18n import _zh
from reportkit.validate.claims import Claim, ClaimReader
from reportkit.validate.findings import Finding, Severity
from reportkit.validate.rules import Context
from reportkit.validate.vocabulary import Vocabulary, term_regex


@frozen
class TextCheck:
    """What the text rules found, and the claims they could not check for a blank cell."""

    findings: list[Finding]
    unchecked: list[Claim]


def _show(value: Decimal | int) -> str:
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def _cells(paths: Sequence[str]) -> tuple[str, ...]:
    return tuple(f"stats.{path}" for path in paths)


class TextRules:
    def __init__(self, edition: str, vocabulary: Vocabulary, context: Context,
                 bound: frozenset[tuple[int, int, int]] | None) -> None:
        self.edition, self.vocabulary, self.context, self.bound = edition, vocabulary, context, bound
        self.reader = ClaimReader(vocabulary)

    def _id(self, name: str) -> str:
        return f"{self.edition}.{name}"

    def _table(self, cells: Sequence[str]) -> Decimal | str | None:
        """The sum of the cells: None when one is blank, "" when one is 待填写."""
        total = Decimal(0)
        for path in cells:
            value = self.context.value(path)
            if value is None:
                return None
            if isinstance(value, str):
                return ""
            total += value
        return total

    def _name(self, claim: Claim) -> str:
        if claim.concept is not None and claim.cells == claim.concept.cells:
            return claim.concept.name
        return " + ".join(self.context.label(path) for path in claim.cells)

    def check(self, narrative: Sequence[tuple[str, str]]) -> TextCheck:
        findings: list[Finding] = []
        unchecked: list[Claim] = []
        paragraphs = [self.reader.read(where, k, text) for k, (where, text) in enumerate(narrative)]
        for claims in paragraphs:
            for claim in claims:
                if claim.cells and not claim.is_share:
                    findings += self._against_table(claim, unchecked)
            findings += self._parts(claims)
            findings += self._shares(claims)
        findings += self._twice([c for claims in paragraphs for c in claims])
        for where, text in narrative:
            findings += self._assertions(where, text)
        return TextCheck(findings, unchecked)

    def _bound(self, claim: Claim) -> bool:
        """Whether the figure (its digits, not its unit) was printed from the data, in part or whole."""
        end = claim.end - len(claim.unit)
        return any(paragraph == claim.paragraph and offset < end and claim.start < offset + length
                   for paragraph, offset, length in self.bound or ())

    def _against_table(self, claim: Claim, unchecked: list[Claim]) -> Iterator[Finding]:
        """b, h: a figure that states table cells (a row, a sum, a group) against them."""
        table = self._table(claim.cells)
        if table is None:
            unchecked.append(claim)
            return
        if table == "":
            return
        assert isinstance(table, Decimal)
        if claim.low <= table <= claim.high:
            if self.bound is not None and not self._bound(claim):
                binding = " + ".join(f"stats.{path}" for path in claim.cells)
                message = _zh("正文“{text}”的数字是手写的，与表格一致；写成 {{{{ {binding} }}}} 由数据生成，"
                              "以后各年就不会与表格不一致", text=claim.text, binding=binding)
                yield Finding(self._id("text-binding"), Severity.NOTE, _cells(claim.cells), message, claim.where,
                              claim.text)
            return
        parts = ""
        if len(claim.cells) > 1:
            shown = [f"{self.context.label(p)} {self.context.value(p)}" for p in claim.cells]
            parts = _zh("（{terms}）", terms=" + ".join(shown))
        hint = ""
        if claim.exact and len(claim.cells) > 1:
            same = [p for p in claim.cells if self.context.value(p) == claim.low]
            if same:
                hint = _zh("；{figure}只是其中“{cell}”一项", figure=claim.figure, cell=self.context.label(same[0]))
        approximate = "" if claim.exact else _zh("（“{figure}”即 {low}–{high}）", figure=claim.figure,
                                                 low=_show(claim.low), high=_show(claim.high))
        message = _zh("正文“{text}”与表格不符：{cells} {table}{parts}{approximate}{hint}", text=claim.text,
                      cells=self._name(claim), table=_show(table), parts=parts, approximate=approximate, hint=hint)
        yield Finding(self._id("text-table"), Severity.WARNING, _cells(claim.cells), message, claim.where, claim.text)

    def _parts(self, claims: list[Claim]) -> Iterator[Finding]:
        """a, d: the parts listed with a total ("共…，其中…") add up to it."""
        for k, head in enumerate(claims):
            parts = [c for c in claims if c.head == k]
            if len(parts) < 2 or not all(p.exact for p in parts):
                continue
            total = sum((p.low for p in parts), Decimal(0))
            if head.low <= total <= head.high or (total < head.low and head.partial):
                continue
            listed = " + ".join(f"{p.figure}" for p in parts)
            if total > head.high:
                message = _zh("正文“{text}”，其后所列各项之和为 {total}{unit}（{parts}），比总数多{gap}{unit}",
                              text=head.text, total=_show(total), unit=head.unit, parts=listed,
                              gap=_show(total - head.high))
            else:
                message = _zh("正文“{text}”，其后所列各项之和为 {total}{unit}（{parts}），比总数少{gap}{unit}",
                              text=head.text, total=_show(total), unit=head.unit, parts=listed,
                              gap=_show(head.low - total))
            cells = _cells(head.cells)
            yield Finding(self._id("text-parts"), Severity.WARNING, cells, message, head.where, head.text)

    def _base(self, share: Claim, part: Claim, claims: list[Claim]) -> tuple[Decimal, str] | None:
        if share.base_text:
            concept = self.reader.concept_of(share.base_text, part.unit)
            if concept is not None and concept.cells:
                table = self._table(concept.cells)
                if isinstance(table, Decimal):
                    return table, concept.name
            stated = [c for c in claims if concept is not None and c.concept == concept and c.exact]
            if stated:
                return stated[0].low, stated[0].text
        if part.head is not None and claims[part.head].exact:
            return claims[part.head].low, claims[part.head].text
        return None

    def _shares(self, claims: list[Claim]) -> Iterator[Finding]:
        """c: "占X%" is the figure before it divided by its base, rounded as written."""
        for k, share in enumerate(claims):
            if not share.is_share or share.base_text is None:
                continue
            parts = [c for c in claims[:k] if c.sentence == share.sentence and not c.is_share and c.exact]
            if not parts:
                continue
            part = parts[-1]
            found = self._base(share, part, claims)
            if found is None or found[0] == 0:
                continue
            base, name = found
            decimals = len(share.figure.split(".")[1]) if "." in share.figure else 0
            exact = part.low / base * 100
            step = Decimal(1).scaleb(-decimals)
            expected = exact.quantize(step, ROUND_HALF_UP)
            if expected == share.low:
                continue
            other = self._other_base(part, share, step, base)
            why = (_zh("基数有误（{share}%是按{base}算的）", share=share.figure, base=other) if other
                   else _zh("舍入有误（应四舍五入）") if exact.quantize(step, ROUND_DOWN) == share.low
                   else _zh("计算有误"))
            message = _zh("正文“{text}”{why}：{part} ÷ {base}（{name}）= {exact}%，"
                          "保留{decimals}位小数应为 {expected}%",
                          text=share.text, why=why, part=_show(part.low), base=_show(base), name=name,
                          exact=format(exact.quantize(Decimal("0.0001"), ROUND_HALF_UP), "f"), decimals=decimals,
                          expected=format(expected, "f"))
            yield Finding(self._id("text-share"), Severity.WARNING, _cells(part.cells), message, share.where,
                          share.text)

    def _other_base(self, part: Claim, share: Claim, step: Decimal, named: Decimal) -> str | None:
        """The table concept the written share was worked out on, when it is not the one the text names."""
        for concept in self.vocabulary.concepts:
            table = self._table(concept.cells) if concept.cells and concept.unit == part.unit else None
            if (isinstance(table, Decimal) and table not in (0, named)
                    and (part.low / table * 100).quantize(step, ROUND_HALF_UP) == share.low):
                return f"{concept.name} {_show(table)}"
        return None

    def _twice(self, claims: list[Claim]) -> Iterator[Finding]:
        """h: the same quantity stated twice with two figures that cannot both be right."""
        first: dict[str, Claim] = {}
        for claim in claims:
            if claim.concept is None or claim.head is not None or claim.is_share:
                continue
            seen = first.setdefault(claim.concept.id, claim)
            if seen is claim or (claim.low <= seen.high and seen.low <= claim.high):
                continue
            message = _zh("同一数量两处写法不一：“{first}”（{where}）与“{second}”", first=seen.text, where=seen.where,
                          second=claim.text)
            yield Finding(self._id("text-twice"), Severity.WARNING, _cells(claim.cells), message, claim.where,
                          f"{seen.text}|{claim.text}")

    def _assertions(self, where: str, text: str) -> Iterator[Finding]:
        """e: words that say figures are 0 ("均获维持", "未发生行政复议") while the tables say otherwise."""
        for assertion in self.vocabulary.assertions:
            for phrase in assertion.phrases:
                match = term_regex(phrase).search(text)
                if match is None:
                    continue
                values = [(p, self.context.value(p)) for p in assertion.nonzero]
                wrong = [(p, v) for p, v in values if isinstance(v, int | Decimal) and v > 0]
                if wrong:
                    shown = _zh("、").join(f"{self.context.label(p)} {v}" for p, v in wrong)
                    message = _zh("正文“{text}”与表格不符：{cells}", text=match[0], cells=shown)
                    yield Finding(self._id(f"text-{assertion.id}"), Severity.WARNING,
                                  _cells([p for p, _value in wrong]),
                                  message, where, match[0])
                break
