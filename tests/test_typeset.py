"""The grid line breaker on its own: rules of GB/T 15834 §5.1 and the calibrated Word behaviour."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportkit.layout import Role
from reportkit.typeset import CANNOT_END, CANNOT_START, HANGABLE, Line, atoms, break_lines

CELL = 442.25 / 28
EM = 16.0


def latin(text: str) -> float:
    return 8.0 * len(text)  # digits of a Times-like font at 16 pt


def lines(text: str, indent: float = 0.0) -> list[Line]:
    return break_lines(atoms([(Role.BODY, text)], CELL, latin), 28 * CELL, indent, EM, latin)


def texts(text: str, indent: float = 0.0) -> list[str]:
    return [line.text for line in lines(text, indent)]


def test_a_line_of_ideographs_holds_27_and_one_with_a_mark_28() -> None:
    # As in the reference: 28 ideographs never share a line, 27 and a mark do.
    assert [len(t) for t in texts("政" * 60)] == [27, 27, 6]
    assert len(texts("政" * 13 + "，" + "政" * 40)[0]) == 28


def test_closing_mark_hangs_and_opening_mark_moves_down() -> None:
    full = "政" * 13 + "，" + "政" * 12 + "、" + "政"  # 26 ideographs and two marks fill the line
    hung = lines(full + "。" + "府" * 5)
    assert hung[0].text == full + "。" and hung[1].text == "府" * 5
    assert hung[0].items[-1].x >= 28 * CELL - 1e-6  # past the right edge
    # 27 ideographs and a mark fit, but then a hung mark would not: the last character moves down with it
    moved = texts("政" * 26 + "。" + "府" + "，" + "政" * 5)
    assert moved[0] == "政" * 26 + "。" and moved[1].startswith("府，")
    pushed = texts("政" * 27 + "（府）")
    assert pushed[0] == "政" * 27 and pushed[1].startswith("（")


def test_push_in_takes_a_number_by_squeezing_marks() -> None:
    text = "进驻政务服务事项1392项，进驻率100%，其中不见面事项1156项，不见面率达到"
    assert texts(text)[0] == "进驻政务服务事项1392项，进驻率100%，其中不见面事项1156"
    line = lines(text)[0]
    right = line.items[-1].x + line.items[-1].atom.width
    assert right <= 28 * CELL + 1e-6  # squeezed into the measure, not past it


def test_autospace_beside_letters_and_digits_only() -> None:
    plain = lines("网+政")[0]
    spaced = lines("网1政")[0]
    assert plain.items[1].x == CELL  # "+" sits tight against 网
    assert spaced.items[1].x > CELL  # a digit is spaced off
    typed = lines("网 1政")[0]  # a typed space takes its own width and the autospace too, as in Word
    assert typed.items[1].x == pytest.approx(CELL + 0.1875 * EM)


def test_numbers_and_dashes_never_split() -> None:
    for t in texts("政" * 26 + "2018年" + "政" * 30):
        assert "201" not in t or "2018" in t
    for t in texts("政" * 27 + "——政" * 3):
        assert not t.endswith("—") or t.endswith("——")


_PIECES = [*"政府信息公开工作，。、；：）》”（《“", "2018", "abc", "——"]
_TEXT = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=120).map("".join)


@given(_TEXT, st.booleans())
def test_breaking_rules_hold_for_any_text(text: str, indent: bool) -> None:
    result = lines(text, 2 * CELL if indent else 0.0)
    assert "".join(line.text for line in result) == text.replace(" ", "")
    for k, line in enumerate(result):
        if k and line.text[0] in CANNOT_START and len(line.items) > 1:
            # only when the line before could not give up a character (a run of marks)
            previous = result[k - 1].text
            assert all(ch in CANNOT_START or ch in CANNOT_END for ch in previous[-2:]), (previous, line.text)
        if k + 1 < len(result) and len(line.text) > 1:
            assert line.text[-1] not in CANNOT_END or all(ch in CANNOT_END for ch in line.text), line.text
        body = line.items[:-1] if line.items[-1].atom.text in HANGABLE else line.items
        if body:
            assert body[-1].x + body[-1].atom.width <= line.indent + line.width + 1e-6 or len(body) == 1



def _reference_lines(items: list, measure: float, indent0: float) -> list[tuple[str, list[float]]]:
    """The breaker as first written, one gap at a time (the one in reportkit.typeset works the gaps out once
    per paragraph): each line's text and where its atoms start."""
    from reportkit.typeset import DEFAULT_METRICS as m
    from reportkit.typeset import _gap

    out: list[tuple[str, list[float]]] = []
    start, n = 0, len(items)
    while start < n:
        while start < n and items[start].space:
            start += 1
        if start >= n:
            break
        indent = indent0 if not out else 0.0
        avail, width, i, prev, forced = measure - indent, items[start].lead, start, None, False
        while i < n:
            if items[i].newline:
                forced = True
                break
            step = _gap(prev, items[i], EM, m) + items[i].room
            if width + step > avail + 1e-6 and i > start:
                break
            width, prev, i = width + step, items[i], i + 1
        end = i
        if not forced and end < n:
            nxt, last = items[end], items[end - 1]
            squeeze = m.squeeze * EM * sum(1 for a in items[start:end] if a.mark)
            if ((nxt.latin and not nxt.space) or last.last in CANNOT_END) and (
                    width + _gap(last, nxt, EM, m) + nxt.room - squeeze <= avail + 1e-6):
                end, width = end + 1, avail
        hung = False
        if not forced and end < n:
            nxt = items[end]
            if (nxt.text in HANGABLE and width + m.hang_in * nxt.room <= avail + 1e-6
                    and (end + 1 >= n or items[end + 1].first not in CANNOT_START)):
                end, hung = end + 1, True
            else:
                while end > start + 1 and (items[end].first in CANNOT_START or items[end - 1].last in CANNOT_END):
                    end -= 1
        line = items[start:end]
        while line and line[-1].space:
            line = line[:-1]
        body = line[:-1] if hung else line
        xs, x, prev = [], 0.0, None
        for atom in body:
            x += _gap(prev, atom, EM, m)
            xs.append(x)
            x, prev = x + atom.width, atom
        natural = x
        if (not (forced or end >= n) or natural > avail) and len(body) > 1:
            extra = (avail - natural) / (len(body) - 1)
            xs = [pos + k * extra for k, pos in enumerate(xs)]
            natural = avail
        xs = [indent + pos for pos in xs] + ([indent + natural] if hung else [])
        out.append(("".join(a.text for a in line), xs))
        start = end + 1 if forced and end < n and items[end].newline else end
    return out


_SPACED = st.lists(st.sampled_from([*_PIECES, " ", "\n", "2018 年", "http://example.gov.cn/a/b"]), min_size=1,
                   max_size=150).map("".join)


@given(_SPACED, st.booleans())
def test_lines_are_placed_as_the_reference_breaker_places_them(text: str, indent: bool) -> None:
    items = atoms([(Role.BODY, text)], CELL, latin)
    first = 2 * CELL if indent else 0.0
    got = [(line.text, list(line.xs)) for line in break_lines(items, 28 * CELL, first, EM, latin)]
    # long Latin runs are cut by character before breaking, in both
    from reportkit.typeset import _split_long

    assert got == _reference_lines(_split_long(items, 28 * CELL - first, latin), 28 * CELL, first)
