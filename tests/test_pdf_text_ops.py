"""The grid's text operators (pdf_grid.TextOps) are the bytes reportlab's own text object writes for them."""

from __future__ import annotations

import io
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from reportkit.fonts import resolve_all
from reportkit.layout import DEFAULT_LAYOUT, Role
from reportkit.render.pdf_grid import PdfFonts, TextOps, _Run

FONTS = PdfFonts(resolve_all(warn=False), DEFAULT_LAYOUT)
# Enough distinct ideographs that a run starts a font's second subset (256 characters each) half way.
_HAN = [chr(0x4E00 + k) for k in range(0, 600, 2)]
_TEXT = st.lists(st.sampled_from([*_HAN, "(", ")", "\\", "2018", "政府", "，", " a"]), min_size=1, max_size=12).map("".join)
_RUN = st.tuples(
    st.sampled_from([Role.BODY, Role.HEADING1, Role.TITLE, Role.LATIN]),
    _TEXT,
    st.floats(0, 400, allow_nan=False),
    st.floats(0, 800, allow_nan=False),
    st.sampled_from([None, 16.0, 16.3, 17.25]),  # pitch: no Tc, none, or some
)


def _runs(drawn: list[tuple[Role, str, float, float, float | None]]) -> list[tuple[float, float, _Run]]:
    out = []
    for role, text, x, y, pitch in drawn:
        size = FONTS.size(role)
        out.append((x, y, _Run(x, FONTS.name(role), size, text, size, pitch, len(text))))
    return out


def _with_reportlab(canvas: Any, runs: list[tuple[float, float, _Run]]) -> None:
    # What GridLines drew before TextOps, through reportlab's public text object.
    text = canvas.beginText()
    state: tuple[str, float, float] | None = None
    for x, y, run in runs:
        text.setTextOrigin(x, y)
        wanted = (run.font, run.size, run.char_space)
        if state is None or state[:2] != wanted[:2]:
            text.setFont(run.font, run.size)
        if state is None or state[2] != wanted[2]:
            text.setCharSpace(run.char_space)
        state = wanted
        text.textOut(run.text)
    if state is not None and state[2]:
        text.setCharSpace(0)
    canvas.drawText(text)


def _with_text_ops(canvas: Any, runs: list[tuple[float, float, _Run]]) -> None:
    ops = TextOps(canvas)
    for x, y, run in runs:
        ops.run(x, y, run)
    canvas._code.append(ops.end())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_RUN, max_size=6), min_size=1, max_size=5))
def test_text_ops_write_what_reportlabs_text_object_writes(lines: list[list[Any]]) -> None:
    canvases = [Canvas(io.BytesIO(), invariant=1) for _ in range(2)]
    for line in lines:
        _with_reportlab(canvases[0], _runs(line))
        _with_text_ops(canvases[1], _runs(line))
    ours, theirs = (c._code for c in reversed(canvases))
    assert ours == theirs
    # the subsets the characters went into, and so the fonts embedded, are the same too
    docs = [c._doc for c in canvases]
    for name in {FONTS.name(role) for role in (Role.BODY, Role.HEADING1, Role.TITLE, Role.LATIN)}:
        font: Any = pdfmetrics.getFont(name)
        states = [font.state.get(doc) for doc in docs]
        assert (states[0] and states[0].subsets) == (states[1] and states[1].subsets)


def _reference_runs(line: Any) -> list[tuple[float, str, float, str, float, float | None]]:
    """GridLines._runs as first written: each character's font and advance looked up as it comes."""
    runs: list[list[Any]] = []
    for atom, start in zip(line.atoms, line.xs, strict=True):
        size = FONTS.size(atom.role)
        base = FONTS.name(atom.role, atom.latin)
        if atom.latin:
            x = start
            for font, part in FONTS.segments(base, atom.text):
                runs.append([x, font, size, part, 0.0, None])
                x += FONTS.advance(font, part, size)
            continue
        cell = atom.width / len(atom.text)
        for k, ch in enumerate(atom.text):
            x = start + k * cell
            font = FONTS.font_for(base, ch) or base
            advance = FONTS.advance(font, ch, size)
            if runs and runs[-1][4] and (runs[-1][1], runs[-1][2], runs[-1][4]) == (font, size, advance):
                last = runs[-1]
                pitch = x - last[0] if last[5] is None else last[5]
                if abs(last[0] + len(last[3]) * pitch - x) < 1e-6:
                    last[5] = pitch
                    last[3] += ch
                    continue
            runs.append([x, font, size, ch, advance, None])
    return [tuple(run) for run in runs]  # type: ignore[misc]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from([*_HAN[:40], "——", "……", "，", "。", "2018", " ", "abc", "㐀", "€"]), min_size=1,
                max_size=60).map("".join), st.sampled_from([Role.BODY, Role.HEADING2, Role.TITLE]), st.booleans())
@example("政" * 13 + "，" + "政" * 12 + "、" + "政" + "。" + "府" * 5, Role.BODY, False)  # a hung mark: apart
def test_grid_runs_are_those_of_a_lookup_per_character(text: str, role: Role, indent: bool) -> None:
    from reportkit.render.pdf_grid import GridLines
    from reportkit.typeset import atoms, break_lines

    cell = DEFAULT_LAYOUT.cell_pitch
    items = atoms([(role, text)], cell, lambda s: FONTS.width(s, role))
    grid = GridLines([], FONTS)
    for line in break_lines(items, DEFAULT_LAYOUT.text_width, 2 * cell if indent else 0.0, FONTS.size(role),
                            lambda s: FONTS.width(s, role)):
        for _ in range(2):  # the second time from what the first saw
            got = [(r.x, r.font, r.size, r.text, r.advance, r.pitch) for r in grid._runs(line)]
            assert got == _reference_runs(line)
