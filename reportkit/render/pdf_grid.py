"""reportlab flowables that draw typeset lines on the 28 x 22 grid."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from attrs import define
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from reportkit.fonts import FontFace, ResolvedFont, glyph_fallbacks
from reportkit.layout import PageLayout, Role
from reportkit.render.font_cache import load_font, unchanged
from reportkit.typeset import Line


def _register(face: FontFace) -> str:
    name = "RK-" + "".join(ch if ch.isalnum() else "-" for ch in face.family) + f"-{face.index}"
    # once a process, or again when its file has changed since (reportkit watch, a font replaced meanwhile)
    known = pdfmetrics.getFont(name) if name in pdfmetrics.getRegisteredFontNames() else None
    if known is None or not unchanged(known):
        if known is not None:  # reportlab keeps the first font of a name, and of a face (two names, one font)
            known.unregister()
            pdfmetrics._fonts.pop(name, None)
        pdfmetrics.registerFont(load_font(name, face.path, face.index))
    return name


class PdfFonts:
    """The reportlab font name and size of every role, registered once per font file.

    A character the role's font lacks is drawn in the first fallback font that has it
    (:meth:`font_for`); :func:`reportkit.render.glyphs.check_glyphs` reports each such character.
    """

    def __init__(self, fonts: Mapping[Role, ResolvedFont], layout: PageLayout) -> None:
        self.layout = layout
        self.outline_count = 0
        self.names: dict[Role, str] = {role: _register(font.face) for role, font in fonts.items()}
        self.families: dict[str, str] = {self.names[role]: font.face.family for role, font in fonts.items()}
        self._fallbacks: list[str] | None = None
        self._chosen: dict[tuple[str, str], str | None] = {}
        self._advances: dict[tuple[str, str, float], float] = {}
        self._cmaps: dict[str, dict[int, int]] = {}

    def name(self, role: Role, latin: bool = False) -> str:
        return self.names[Role.LATIN if latin else role]

    def size(self, role: Role) -> float:
        return self.layout.size(role)

    def width(self, text: str, role: Role, latin: bool = True) -> float:
        return float(pdfmetrics.stringWidth(text, self.name(role, latin), self.size(role)))

    def has_glyph(self, name: str, ch: str) -> bool:
        if name not in self._cmaps:
            font: Any = pdfmetrics.getFont(name)
            self._cmaps[name] = font.face.charToGlyph
        return ord(ch) in self._cmaps[name]

    def font_for(self, name: str, ch: str) -> str | None:
        """The registered font to draw ``ch`` with: ``name`` if it has the glyph, else a fallback, else None."""
        key = (name, ch)
        if key not in self._chosen:
            chosen: str | None = name
            if not ch.isspace() and not self.has_glyph(name, ch):
                if self._fallbacks is None:
                    faces = glyph_fallbacks()
                    self._fallbacks = [_register(face) for face in faces]
                    self.families.update(zip(self._fallbacks, (face.family for face in faces), strict=True))
                chosen = next((f for f in self._fallbacks if self.has_glyph(f, ch)), None)
            self._chosen[key] = chosen
        return self._chosen[key]

    def advance(self, name: str, text: str, size: float) -> float:
        key = (name, text, size)
        if key not in self._advances:
            self._advances[key] = float(pdfmetrics.stringWidth(text, name, size))
        return self._advances[key]

    def segments(self, name: str | Callable[[str], str], text: str) -> list[tuple[str, str]]:
        """``text`` cut into runs that one font can draw.

        ``name`` is the font meant for the text, or a function giving it for each character; a character no
        font has stays in that font.
        """
        out: list[tuple[str, str]] = []
        for ch in text:
            meant = name(ch) if callable(name) else name
            font = self.font_for(meant, ch) or meant
            if out and out[-1][0] == font:
                out[-1] = (font, out[-1][1] + ch)
            else:
                out.append((font, ch))
        return out


@define
class _Run:
    """Glyphs drawn with one text operator: evenly spaced full-width glyphs of one font, or Latin text."""

    x: float
    font: str
    size: float
    text: str
    advance: float  # of each glyph, for a full-width run; 0 for Latin text
    pitch: float | None = None  # distance between glyphs once the run has two

    @property
    def char_space(self) -> float:
        return 0.0 if self.pitch is None else self.pitch - self.advance

    def takes(self, x: float, font: str, size: float, advance: float) -> bool:
        if not self.advance or (font, size, advance) != (self.font, self.size, self.advance):
            return False
        pitch = x - self.x if self.pitch is None else self.pitch
        return abs(self.x + len(self.text) * pitch - x) < 1e-6


class GridSnap(Flowable):  # type: ignore[misc]
    """Blank space down to the next line of the grid: text after a table goes back on the 22 lines."""

    def __init__(self, pitch: float) -> None:
        super().__init__()
        self.pitch = pitch

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # The frame is exactly 22 pitches tall (plus a hair), so what is left of it beyond whole lines is the
        # distance to the next grid line.
        self.height = max(0.0, (avail_height - 0.5) % self.pitch)
        return avail_width, self.height

    def draw(self) -> None:
        pass


class GridLines(Flowable):  # type: ignore[misc]
    """Lines on the grid, one line pitch each; splits between lines, with widow and orphan control.

    ``keep``: how many lines at the start must stay on one page (a heading and the first two lines of
    its paragraph, so a heading never ends a page). ``outlines``: bookmark entries by line index.
    """

    def __init__(
        self,
        lines: Sequence[tuple[Line, float]],
        fonts: PdfFonts,
        *,
        blank_after: int = 0,
        splittable: bool = True,
        outlines: Mapping[int, tuple[str, int]] | None = None,
        keep: int = 2,
    ) -> None:
        super().__init__()
        self.lines = list(lines)
        self.fonts = fonts
        self.pitch = fonts.layout.line_pitch
        self.blank_after = blank_after
        self.splittable = splittable
        self.outlines = dict(outlines or {})
        self.keep = keep

    def joined(self, other: GridLines) -> GridLines:
        """This block (a heading) kept with the first lines of the next."""
        offset = len(self.lines) + self.blank_after
        blank = Line((), 0.0, 0.0)
        lines = self.lines + [(blank, 0.0)] * self.blank_after + other.lines
        outlines = {**self.outlines, **{i + offset: entry for i, entry in other.outlines.items()}}
        return GridLines(lines, self.fonts, blank_after=other.blank_after, splittable=other.splittable,
                         outlines=outlines, keep=offset + min(other.keep, len(other.lines)))

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.pitch * (len(self.lines) + self.blank_after)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if not self.splittable:
            return []
        n = len(self.lines)
        k = int((avail_height + 0.01) // self.pitch)
        if k >= n or k < 1:
            return []
        if n - k == 1:
            k -= 1  # widow: never leave a paragraph's last line alone at the top of a page
        if k < max(self.keep, 2):
            return []  # orphan: never leave its first line (or a heading) alone at the foot of a page
        head = GridLines(self.lines[:k], self.fonts, outlines={i: e for i, e in self.outlines.items() if i < k})
        tail = GridLines(self.lines[k:], self.fonts, blank_after=self.blank_after,
                         outlines={i - k: e for i, e in self.outlines.items() if i >= k})
        return [head, tail]

    def _runs(self, line: Line) -> list[_Run]:
        # One text operator per run instead of one per character: a tenth of the operators and a
        # third of the drawing time, and text extraction sees whole words.
        fonts = self.fonts
        runs: list[_Run] = []
        for placed in line.items:
            atom = placed.atom
            size = fonts.size(atom.role)
            base = fonts.name(atom.role, atom.latin)
            if atom.latin:
                x = placed.x
                for font, part in fonts.segments(base, atom.text):
                    runs.append(_Run(x, font, size, part, 0.0))
                    x += fonts.advance(font, part, size)
                continue
            cell = atom.width / len(atom.text)  # ——/……: two glyphs spread over their cells
            for k, ch in enumerate(atom.text):
                x = placed.x + k * cell
                font = fonts.font_for(base, ch) or base
                advance = fonts.advance(font, ch, size)
                if runs and runs[-1].takes(x, font, size, advance):
                    last = runs[-1]
                    last.pitch = x - last.x if last.pitch is None else last.pitch
                    last.text += ch
                else:
                    runs.append(_Run(x, font, size, ch, advance))
        return runs

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        for row, (line, dx) in enumerate(self.lines):
            if row in self.outlines:
                title, level = self.outlines[row]
                self.fonts.outline_count += 1  # keys from a counter, not id(): the same bytes every run
                key = f"h{self.fonts.outline_count}"
                canvas.bookmarkHorizontal(key, 0, top - row * self.pitch)
                canvas.addOutlineEntry(title, key, level=level, closed=False)
            text = canvas.beginText()
            state: tuple[str, float, float] | None = None  # font, size, char space in force
            for run in self._runs(line):
                baseline = top - row * self.pitch - (self.pitch - run.size) / 2 - 0.86 * run.size
                text.setTextOrigin(dx + run.x, baseline)
                wanted = (run.font, run.size, run.char_space)
                if state is None or state[:2] != wanted[:2]:
                    text.setFont(run.font, run.size)
                if state is None or state[2] != wanted[2]:
                    text.setCharSpace(run.char_space)
                state = wanted
                text.textOut(run.text)
            if state is not None and state[2]:
                text.setCharSpace(0)  # Tc outlives the text object: leave none for what is drawn next
            canvas.drawText(text)
