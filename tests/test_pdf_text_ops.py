"""The grid's text operators (pdf_grid.TextOps) are the bytes reportlab's own text object writes for them."""

from __future__ import annotations

import io
from typing import Any

from hypothesis import given, settings
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
