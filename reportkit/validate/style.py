"""Slips of the text itself: enumerations out of order (f), words twice and empty figure slots (g), stale years (j)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise

from reportkit.document.numbering import chinese_numeral
from reportkit.i18n import _zh
from reportkit.validate.findings import Finding, Severity
from reportkit.validate.vocabulary import Vocabulary

_CJK = r"\u4e00-\u9fff"
_NUMERALS = "一二三四五六七八九十"


def _numeral_value(text: str) -> int:
    if text.isdigit():
        return int(text)
    for n in range(1, 100):
        if chinese_numeral(n) == text:
            return n
    return 0


def _marker(kind: str, n: int) -> str:
    return kind.replace("{n}", chinese_numeral(n)).replace("{d}", str(n))


def enumeration_findings(edition: str, vocabulary: Vocabulary,
                         narrative: Sequence[tuple[str, str]]) -> Iterator[Finding]:
    """f: "一是、二是、三是、三是", "（一）（二）（四）", "1. 2. 2." within a paragraph."""
    for where, text in narrative:
        for kind in vocabulary.word_list("enumerations"):
            number = f"[{_NUMERALS}]{{1,3}}" if "{n}" in kind else r"\d{1,2}"
            pattern = re.escape(kind).replace(re.escape("{n}"), f"({number})").replace(re.escape("{d}"), f"({number})")
            # at the start of the paragraph or of a sentence or clause, never inside a word ("统一是")
            lead = "，" if "是" in kind else ""
            regex = re.compile(rf"(?:^|(?<=[。；：！？{lead}]))(?:{pattern})")
            previous = 0
            for match in regex.finditer(text):
                n = _numeral_value(match[1])
                if n == 1 or n == previous + 1:
                    previous = n
                    continue
                if previous == 0:
                    continue  # a list continued from the paragraph before
                expected = _marker(kind, previous + 1)
                what = _zh("重复") if n == previous else _zh("跳号") if n > previous else _zh("顺序颠倒")
                message = _zh("正文的序号{what}：“{previous}”之后是“{found}”（应为“{expected}”）", what=what,
                              previous=_marker(kind, previous), found=match[0], expected=expected)
                yield Finding(f"{edition}.text-enumeration", Severity.WARNING, (), message, where,
                              text[max(0, match.start() - 12):match.end() + 12])
                previous = n


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？；])", text) if s]


def repeat_findings(edition: str, vocabulary: Vocabulary,
                    narrative: Sequence[tuple[str, str]]) -> Iterator[Finding]:
    """g: a sentence or a phrase twice in a row ("统一的的网站", "加强管理。加强管理。"), a figure left out."""
    rule = f"{edition}.text-repeat"
    doubles = "".join(vocabulary.word_list("double_chars"))
    for where, text in narrative:
        sentences = _sentences(text)
        for first, second in pairwise(sentences):
            if first == second and len(first) >= 4:
                yield Finding(rule, Severity.WARNING, (), _zh("正文同一句话连写两遍：“{sentence}”", sentence=first),
                              where, first)
        for match in re.finditer(rf"([{_CJK}]{{2,12}}?)\1", text):
            yield Finding(rule, Severity.WARNING, (), _zh("正文“{text}”中“{words}”写了两遍", text=match[0],
                                                          words=match[1]), where, match[0])
        for match in re.finditer(rf"(?<=[{_CJK}])([{doubles}])\1", text):
            context = text[max(0, match.start() - 4):match.end() + 4]
            yield Finding(rule, Severity.WARNING, (), _zh("正文“{text}”中“{words}”写了两遍", text=context,
                                                          words=match[1]), where, context)
        yield from _empty_slots(edition, vocabulary, where, text)


def _empty_slots(edition: str, vocabulary: Vocabulary, where: str, text: str) -> Iterator[Finding]:
    """A measure word with no figure before it: "核准企业资质条，" (the number is missing)."""
    units = sorted(vocabulary.word_list("slot_units"), key=len, reverse=True)
    words = set(vocabulary.word_list("slot_words"))
    alternatives = "|".join(map(re.escape, units))
    for match in re.finditer(rf"(?<=[{_CJK}])({alternatives})(?=[，。；、）])", text):
        before = text[max(0, match.start() - 2):match.start()]
        word = text[match.start() - 1:match.end()]
        if word in words or before + match[1] in words or before[-1:] in _NUMERALS + "几多余两数百千万":
            continue
        if text[:match.start()].endswith("待填写"):
            continue  # a figure still to fill in: reported once as pending, not as a missing number
        clause = re.split(r"[，。；：、]", text[:match.start()])[-1]
        message = _zh("正文“{text}”的“{unit}”前少了数字", text=clause + match[1], unit=match[1])
        yield Finding(f"{edition}.text-empty-figure", Severity.WARNING, (), message, where, clause + match[1])


def stale_year_findings(edition: str, vocabulary: Vocabulary, narrative: Sequence[tuple[str, str]],
                        year: int) -> Iterator[Finding]:
    """j: a year that is neither the reporting year nor the year of issue, outside a title, a range, a comparison."""
    before_words = vocabulary.word_list("year_before")
    after_words = vocabulary.word_list("year_after")
    for where, text in narrative:
        for match in re.finditer(r"(?<!\d)(\d{4})年", text):
            found = int(match[1])
            if found in (year, year + 1) or not 1950 <= found <= 2100:
                continue
            head, tail = text[:match.start()], text[match.end():]
            if head.count("《") > head.count("》") or head.count("“") > head.count("”"):
                continue  # inside a document's title or a quotation
            if any(head.endswith(w) for w in before_words) or any(tail.startswith(w) for w in after_words):
                continue
            if any(w in tail[:10] for w in after_words if len(w) > 1):
                continue  # "2019年4月修订的《条例》"
            clause = re.split(r"[，。；：]", head)[-1] + match[0] + re.split(r"[。；《“]", tail)[0][:10]
            message = _zh("正文“{text}”中的{found}年既不是报告年度{year}年，也不是发布的{issued}年：是否沿用了旧文字？",
                          text=clause, found=found, year=year, issued=year + 1)
            yield Finding(f"{edition}.text-stale-year", Severity.WARNING, (), message, where, clause)
