"""reportlab flowables that draw typeset lines on the 28 x 22 grid."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from attrs import define
from reportlab.lib.rl_accel import escapePDF, fp_str
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
        self._glyphs: dict[tuple[str, str, float], tuple[str, float]] = {}
        # What GridLines found for each one-character atom it drew (the atom kept, so that its id is its own):
        # the font, size and advance of its glyph.
        self.drawn: dict[int, tuple[object, tuple[str, float, float]]] = {}
        self._latin: dict[tuple[str, str, float], list[tuple[str, str, float]]] = {}

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

    def glyph(self, name: str, ch: str, size: float) -> tuple[str, float]:
        """The font that draws ``ch`` meant for font ``name`` (:meth:`font_for`), and its advance at ``size``."""
        key = (name, ch, size)
        found = self._glyphs.get(key)
        if found is None:
            font = self.font_for(name, ch) or name
            found = self._glyphs[key] = (font, self.advance(font, ch, size))
        return found

    def latin_parts(self, name: str, text: str, size: float) -> list[tuple[str, str, float]]:
        """Half-width ``text`` meant for font ``name`` cut into runs one font draws (:meth:`segments`), each with
        its advance at ``size``."""
        key = (name, text, size)
        found = self._latin.get(key)
        if found is None:
            found = [(font, part, self.advance(font, part, size)) for font, part in self.segments(name, text)]
            if len(self._latin) < 4096:  # words and numbers recur; odd input cannot grow this without end
                self._latin[key] = found
        return found

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
    count: int = 1  # glyphs in the run
    key: tuple[str, float, float] | None = None  # font, size and advance of a full-width run's glyphs

    @property
    def char_space(self) -> float:
        return 0.0 if self.pitch is None else self.pitch - self.advance


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
        blank = Line.blank()
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
        names, sizes, latin, drawn = fonts.names, fonts.layout.sizes, fonts.names[Role.LATIN], fonts.drawn
        runs: list[_Run] = []
        last: _Run | None = None  # the run a full-width glyph may join
        for atom, start in zip(line.atoms, line.xs, strict=True):
            known = drawn.get(id(atom))
            if known is not None and known[0] is atom:  # a character drawn before: its font, size, advance
                key = known[1]
                if last is not None and last.advance and (last.key is key or last.key == key):
                    pitch = start - last.x if last.pitch is None else last.pitch
                    if abs(last.x + last.count * pitch - start) < 1e-6:
                        last.pitch = pitch
                        last.text += atom.text
                        last.count += 1
                        continue
                last = _Run(start, key[0], key[1], atom.text, key[2], key=key)
                runs.append(last)
                continue
            size = sizes[atom.role]
            if atom.latin:
                x = start
                for font, part, advance in fonts.latin_parts(latin, atom.text, size):
                    runs.append(_Run(x, font, size, part, 0.0))
                    x += advance
                last = None
                continue
            base = names[atom.role]
            text = atom.text
            cell = atom.width / len(text)  # ——/……: two glyphs spread over their cells
            for k, ch in enumerate(text):
                x = start + k * cell
                font, advance = fonts.glyph(base, ch, size)
                key = (font, size, advance)
                if len(text) == 1 and len(drawn) < 8192:  # atoms of one character are shared: see it once
                    drawn[id(atom)] = (atom, key)
                if last is not None and last.advance and last.key == key:
                    pitch = x - last.x if last.pitch is None else last.pitch
                    if abs(last.x + last.count * pitch - x) < 1e-6:
                        last.pitch = pitch
                        last.text += ch
                        last.count += 1
                        continue
                last = _Run(x, font, size, ch, advance, key=key)
                runs.append(last)
        return runs

    def draw(self) -> None:
        canvas = self.canv
        top, pitch = self.height, self.pitch
        for row, (line, dx) in enumerate(self.lines):
            if row in self.outlines:
                title, level = self.outlines[row]
                self.fonts.outline_count += 1  # keys from a counter, not id(): the same bytes every run
                key = f"h{self.fonts.outline_count}"
                canvas.bookmarkHorizontal(key, 0, top - row * pitch)
                canvas.addOutlineEntry(title, key, level=level, closed=False)
            line_top = top - row * pitch
            text = TextOps(canvas)
            for run in self._runs(line):
                text.run(dx + run.x, line_top - (pitch - run.size) / 2 - 0.86 * run.size, run)
            canvas._code.append(text.end())


class TextOps:
    """One text object's operators, written as reportlab's PDFTextObject writes them for its TrueType fonts
    (``beginText``, ``setTextOrigin``, ``setFont``, ``setCharSpace``, ``textOut``, ``drawText``: the same
    bytes), without the bookkeeping of each call (a string width for a cursor never read, a font looked up by
    name for every run): a report draws some five thousand runs. tests/test_pdf_text_ops.py holds it to
    reportlab's own text object."""

    def __init__(self, canvas: Any) -> None:
        self.doc = canvas._doc
        self.code = ["BT", "1 0 0 1 0 0 Tm"]  # what beginText() writes: its origin at 0, 0
        self.font: tuple[str, float] | None = None
        self.face: Any = None  # the TTFont of ``font``
        self.select = ""  # the Tf and TL operands after a subset's name, for the font in force
        self.subset = -1  # of the font in force: -1 until a run selects one
        self.char_space = 0.0
        self.spaced = False  # whether a Tc is in force (0 or not)

    def run(self, x: float, y: float, run: _Run) -> None:
        code = self.code
        code.append(f"1 0 0 1 {fp_str(x, y)} Tm")
        if self.font != (run.font, run.size):
            self.font = (run.font, run.size)
            self.face = pdfmetrics.getFont(run.font)
            self.select = f"{fp_str(run.size)} Tf {fp_str(run.size * 1.2)} TL"  # setFont's leading: 1.2 x
            self.subset = -1
        space = run.char_space
        if not self.spaced or space != self.char_space:
            code.append(f"{fp_str(space)} Tc")
            self.char_space, self.spaced = space, True
        face, doc, out = self.face, self.doc, []
        for subset, chunk in face.splitString(run.text, doc):  # reportlab's way for a dynamic font
            if subset != self.subset:
                out.append(f"{face.getSubsetInternalName(subset, doc)} {self.select}")
                self.subset = subset
            out.append(f"({escapePDF(chunk)}) Tj")
        code.append(" ".join(out))

    def end(self) -> str:
        if self.spaced and self.char_space:
            self.code.append("0 Tc")  # Tc outlives the text object: leave none for what is drawn next
        self.code.append("ET")
        return " ".join(self.code)
