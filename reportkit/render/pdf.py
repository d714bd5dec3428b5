"""The document to PDF with reportlab: grid typesetting for the text, platypus tables for tables."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, TableStyle
from reportlab.platypus import Table as RLTable
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.tables import _calc_pc

from reportkit.collector import fewer_collections
from reportkit.document.flow import Kind, Run, SignatureItem, TableItem, TextItem, flatten, split_at
from reportkit.document.model import Document
from reportkit.document.table import Align, Table
from reportkit.fonts import resolve_all
from reportkit.i18n import _
from reportkit.layout import DEFAULT_LAYOUT, TABLE_BREAKS, PageLayout, Role, signature_place
from reportkit.render.errors import RenderError
from reportkit.render.glyphs import check_glyphs
from reportkit.render.output import file_date
from reportkit.render.pdf_cells import CellFragments, CellParagraph, cell_markup
from reportkit.render.pdf_grid import GridLines, GridSnap, PdfFonts
from reportkit.typeset import Line, atoms, balance, break_lines

_ALIGN = {Align.LEFT: TA_LEFT, Align.CENTER: TA_CENTER, Align.RIGHT: TA_RIGHT}


class _Builder:
    def __init__(self, fonts: PdfFonts, layout: PageLayout) -> None:
        self.fonts = fonts
        self.layout = layout
        self.measure = layout.text_width
        self.cell = layout.cell_pitch
        self._cell_fragments: dict[tuple[str, float], CellFragments] = {}

    def _fragments(self, style: ParagraphStyle) -> CellFragments:
        """The cell fragments of a style's font and size (every cell's colour is the default)."""
        key = (style.fontName, style.fontSize)
        if key not in self._cell_fragments:
            self._cell_fragments[key] = CellFragments(style)
        return self._cell_fragments[key]

    def _atoms(self, item: TextItem, cell: float) -> list[Any]:
        role = item.runs[0].role
        runs = [(run.role, run.text) for run in item.runs]
        return atoms(runs, cell, lambda s: self.fonts.width(s, role))

    def text(self, item: TextItem) -> Flowable:
        layout, fonts = self.layout, self.fonts
        if item.kind in (Kind.TITLE, Kind.ATTACHMENT_TITLE):
            size = fonts.size(Role.TITLE)
            if item.breaks:  # broken between words where the flow says (reportkit.titles), as in the DOCX
                text = "\n".join(split_at(item.text, item.breaks))
                items = self._atoms(TextItem(item.kind, (Run(Role.TITLE, text),)), size)
                lines = break_lines(items, self.measure, 0.0, size, lambda s: fonts.width(s, Role.TITLE),
                                    justify=False)
            else:
                items = self._atoms(item, size)
                lines = balance(items, self.measure, size, lambda s: fonts.width(s, Role.TITLE))
            centred = [(line, (self.measure - line.natural) / 2) for line in lines]
            return GridLines(centred, fonts, blank_after=1, splittable=False)
        em = fonts.size(item.runs[0].role)
        indent = layout.first_line_indent_chars * self.cell
        if item.kind in (Kind.PLAIN, Kind.ATTACHMENT_LABEL):
            indent = 0.0
        items = self._atoms(item, self.cell)
        lines = break_lines(items, self.measure, indent, em, lambda s: fonts.width(s, item.runs[0].role))
        outlines = {}
        if item.kind == Kind.HEADING or (item.kind == Kind.BODY and item.level):
            outlines[0] = (item.runs[0].text, item.level - 1)
        return GridLines(
            [(line, 0.0) for line in lines],
            fonts,
            outlines=outlines,
            keep=len(lines) if item.kind == Kind.HEADING else 2,
            blank_after=1 if item.kind == Kind.ATTACHMENT_LABEL else 0,
        )

    def _single_line(self, text: str) -> Line:
        em = self.fonts.size(Role.BODY)
        items = self._atoms(TextItem(Kind.PLAIN, (Run(Role.BODY, text),)), self.cell)
        return break_lines(items, self.measure, 0.0, em, lambda s: self.fonts.width(s, Role.BODY), justify=False)[0]

    def signature(self, item: SignatureItem) -> Flowable:
        issuer, date = self._single_line(item.issuer), self._single_line(item.date_text)
        wi, wd = issuer.natural, date.natural
        place = signature_place(wi, wd, item.sealed, char=self.cell)
        rows = [(issuer, self.measure - place.issuer_right - wi), (date, self.measure - place.date_right - wd)]
        blank = Line.blank(self.measure)
        return GridLines([(blank, 0.0), *rows], self.fonts, splittable=False)

    def table(self, table: Table) -> _SpanBreakingTable:
        fonts = self.fonts
        size = table.font_size or fonts.size(Role.TABLE)
        spacing = self.layout.cell_spacing(table.font_size)
        leading = size * spacing.leading
        weights = sum(col.width for col in table.columns)
        widths = [self.measure * col.width / weights for col in table.columns]
        data: list[list[Any]] = []
        commands: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.75, colors.black),
            ("FONTNAME", (0, 0), (-1, -1), fonts.name(Role.TABLE)),  # else empty cells set Helvetica
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), spacing.top),
            ("BOTTOMPADDING", (0, 0), (-1, -1), spacing.bottom),
            ("LEFTPADDING", (0, 0), (-1, -1), spacing.side),
            ("RIGHTPADDING", (0, 0), (-1, -1), spacing.side),
        ]
        for r, (row, placed) in enumerate(zip(table.rows, table.positioned(), strict=True)):
            cells: list[Any] = [""] * len(table.columns)
            for c, cell in placed:
                role = Role.TABLE_HEADER if row.is_header else Role.TABLE
                align = cell.align or table.columns[c].align
                style = ParagraphStyle(
                    f"rk-cell-{r}-{c}", fontName=fonts.name(role), fontSize=size, leading=leading,
                    alignment=_ALIGN[align], wordWrap="CJK", leftIndent=cell.indent * size,
                )
                cells[c] = CellParagraph.of(cell_markup(cell.text, fonts, role), style, self._fragments(style))
                if cell.colspan > 1 or cell.rowspan > 1:
                    commands.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
            data.append(cells)
        return _SpanBreakingTable(data, colWidths=widths, repeatRows=table.header_count, style=TableStyle(commands),
                                  hAlign="CENTER")


def _split_position(heights: Iterable[float], rows: int, header_rows: int, avail_height: float) -> int:
    """The row a page ends before: as many rows as fit (a page may end inside a row span, never inside a row),
    but never the header, or the header and one row, alone at a page foot (the layout's TABLE_BREAKS)."""
    used, n = 0.0, 0
    for height in heights:  # as Table._getFirstPossibleSplitRowPosition adds them
        if used + height > avail_height:
            break
        used = used + height
        n += 1
    if n < rows and n < TABLE_BREAKS.kept_rows(header_rows, rows):
        return 0
    return n


class _SpanBreakingTable(RLTable):  # type: ignore[misc]
    """A table that breaks between rows inside a merged cell when it must, as Word does.

    reportlab never splits inside a row span, so 表三 (三、本年度办理结果 spans 22 rows, taller than a page)
    could not be set at all. Here a page may end between any two rows, inside a span or not (the span's
    text stays on its first page, as in Word), but never inside a row.

    What remains after a page is a :class:`_RestOfTable` once every row's height is known: reportlab would
    build a whole new table of the remaining rows at every page (and place them all again), time in the
    square of the rows.
    """

    lazy_rest = True  # False: reportlab's own remainders (the tests compare the two, byte for byte)

    def _getFirstPossibleSplitRowPosition(self, availHeight: float, ignoreSpans: int = 0) -> int:
        if self._nosplitCmds:  # never made here, but reportlab's rule for them stands
            n = int(super()._getFirstPossibleSplitRowPosition(availHeight, 1))
            rows = len(self._rowHeights)
            return 0 if n < rows and n < TABLE_BREAKS.kept_rows(self.repeatRows, rows) else n
        return _split_position(self._rowHeights, len(self._rowHeights), self.repeatRows, availHeight)

    _argH: list[float | None]

    def _calc_height(self, availHeight: float, availWidth: float, H: Any = None, W: Any = None) -> None:
        if self.lazy_rest and None in self._argH and not self._spanCmds and not self._minRowHeights:
            self._measure_rows(W or _calc_pc(self._argW, availWidth))
        super()._calc_height(availHeight, availWidth, H, W)

    def _measure_rows(self, widths: list[Any]) -> None:
        """Every row's height, as Table._calc_height measures a table without spans, once and in linear time.

        reportlab measures the rows again at every call (a split calls it again), and looks for the next
        row to measure, and sums the heights so far, from the table's first row at each row: time in the
        square of the rows. Anything out of the ordinary (a cell too wide, a width to find) is left to it.
        """
        if None in widths:
            return
        canv = getattr(self, "canv", None)
        saved: Any = (canv._fontname, canv._fontsize, canv._leading) if canv else None
        heights: list[Any] = list(self._argH)
        for i, known in enumerate(heights):
            if known is not None:
                continue
            values, styles, tallest = self._cellvalues[i], self._cellStyles[i], 0  # 0 as reportlab's
            for j, (value, style, width) in enumerate(zip(values, styles, widths, strict=True)):
                if isinstance(value, (tuple, list, Flowable)):
                    value = values[j] = self._cellListProcess(value, width, None)
                    if canv:
                        canv._fontname, canv._fontsize = style.fontname, style.fontsize
                        canv._leading = style.leading or 1.2 * style.fontsize
                    wide, height = self._listCellGeom(value, width, style)
                    if canv:
                        canv._fontname, canv._fontsize, canv._leading = saved
                    if wide + style.leftPadding + style.rightPadding > width:
                        return  # reportlab says what is wrong
                else:
                    lines = ((value is not None and str(value)) or "").split("\n")
                    height = (style.leading or 1.2 * style.fontsize) * len(lines)
                height += style.bottomPadding + style.topPadding
                if height > tallest:
                    tallest = height
            heights[i] = tallest
        self._argH = self._rowHeights = heights

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(avail_width, avail_height)
        if len(parts) == 2 and self.lazy_rest and _RestOfTable.can_follow(parts[1]):
            parts[1] = _RestOfTable.of(parts[1])
        return parts


class _Rows:
    """The rows of a table's remainder, shared by all its later remainders: the header rows first, then the
    body; their heights, each measured once, and what reportlab's height sum gives for every tail of them."""

    def __init__(self, table: _SpanBreakingTable) -> None:
        self.cells: list[list[Any]] = table._cellvalues
        self.styles: list[list[Any]] = table._cellStyles
        self.heights: list[float] = list(table._rowHeights)
        self.header = int(table.repeatRows)
        self.widths: list[float] = list(table._colWidths)
        width = 0.0
        for w in self.widths:  # as Table._calc_width adds them
            width = width + w
        self.width = width
        # Table._calc_height sums the heights from the last row up, with a compensation term: the state of
        # that sum for the rows from k on (k >= header), then the header's rows, gives the very same total.
        tails: list[tuple[float, float]] = [(0.0, 0.0)] * (len(self.heights) + 1)
        height = c = 0.0
        for k in range(len(self.heights) - 1, self.header - 1, -1):
            y = self.heights[k] - c
            t = height + y
            c = (t - height) - y
            height = t
            tails[k] = (height, c)
        self.tails = tails

    def total(self, start: int) -> float:
        height, c = self.tails[start]
        for k in range(self.header - 1, -1, -1):
            y = self.heights[k] - c
            t = height + y
            c = (t - height) - y
            height = t
        return height


class _RestOfTable(Flowable):  # type: ignore[misc]
    """The rows of a split table still to be set: the header rows and the body from row ``start`` of ``rows``,
    with reportlab's style commands for them (in this remainder's row numbers), and no table built.

    It splits as reportlab's remainder table would, with the same commands, the same heights and the same
    page table; only the remainder is not built anew (and measured, and placed) at every page. When it fits,
    it becomes that table and draws it.
    """

    def __init__(self, rows: _Rows, start: int, like: Any) -> None:
        super().__init__()
        self.rows = rows
        self.start = start
        self._like = like  # the table this remainder continues: its settings (alignment, spacing, …)
        self._ncols = len(rows.widths)
        self._nrows = rows.header + len(rows.heights) - start
        self._linecmds: list[Any] = []
        self._bkgrndcmds: list[Any] = []
        self._spanCmds: list[Any] = []
        self._nosplitCmds: list[Any] = []
        self._srflcmds: list[Any] = []
        self._sircmds: list[Any] = []
        self._rowSplitRange = None
        self._cellStyles = None  # the commands given here never set a cell's style
        self.hAlign, self.vAlign = like.hAlign, like.vAlign
        if hasattr(like, "spaceAfter"):
            self.spaceAfter = like.spaceAfter
        self._table: _SpanBreakingTable | None = None
        self._wrapped = (0.0, 0.0)

    @staticmethod
    def can_follow(table: Any) -> bool:
        """A remainder table that this can stand for: every height measured, split only between rows, no
        commands of the kinds it does not carry over."""
        return (isinstance(table, _SpanBreakingTable) and isinstance(table.repeatRows, int)
                and None not in table._rowHeights and table.splitByRow and not table.splitInRow
                and not table.repeatCols and not table._nosplitCmds and not table._srflcmds
                and not table._sircmds and not table._rowSplitRange and not getattr(table, "_cornerRadii", None)
                and not getattr(table, "_shadow", None) and not getattr(table, "_renderCB", None)
                and not table.ident and getattr(table, "spaceBefore", None) is None)

    @classmethod
    def of(cls, table: _SpanBreakingTable) -> _RestOfTable:
        rest = cls(_Rows(table), table.repeatRows, table)
        rest._linecmds = list(table._linecmds)
        rest._bkgrndcmds = list(table._bkgrndcmds)
        rest._spanCmds = list(table._spanCmds)
        return rest

    def _row_range(self, stop: int) -> tuple[list[Any], list[Any], list[float]]:
        """The cells, styles and heights of this remainder's rows up to ``stop`` (its own numbering)."""
        rows, header = self.rows, self.rows.header
        body = slice(self.start, self.start + stop - header)
        return (rows.cells[:header] + rows.cells[body], rows.styles[:header] + rows.styles[body],
                rows.heights[:header] + rows.heights[body])

    def _build(self, stop: int, **settings: Any) -> _SpanBreakingTable:
        cells, styles, heights = self._row_range(stop)
        like = self._like
        table = _SpanBreakingTable(cells, colWidths=self.rows.widths, rowHeights=heights,
                                   repeatRows=self.rows.header, repeatCols=0, splitByRow=like.splitByRow,
                                   splitInRow=like.splitInRow, normalizedData=1, cellStyles=styles, ident=None,
                                   longTableOptimize=like._longTableOptimize, cornerRadii=None, renderCB=None,
                                   shadow=None, **settings)
        table.lazy_rest = like.lazy_rest
        return table

    def table(self) -> _SpanBreakingTable:
        """This remainder as the table reportlab would have made of it."""
        if self._table is None:
            table = self._build(self._nrows, spaceAfter=getattr(self, "spaceAfter", None))
            table._linecmds = list(self._linecmds)
            table._bkgrndcmds = list(self._bkgrndcmds)
            table._spanCmds = list(self._spanCmds)
            table.hAlign, table.vAlign = self.hAlign, self.vAlign
            self._table = table
        return self._table

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._wrapped = (avail_width, avail_height)
        self.width, self.height = self.rows.width, self.rows.total(self.start)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        # Table._splitRows, between rows, for a remainder: its first page as a table, the rest as a remainder.
        rows = self.rows
        header, heights, nrows = rows.header, rows.heights, self._nrows
        ordered = (heights[k] if k < header else heights[self.start + k - header] for k in range(nrows))
        n = _split_position(ordered, nrows, header, avail_height)
        if n <= header:
            return []
        if n == nrows:
            return [self]
        page = self._build(n, spaceBefore=None)
        lines = RLTable._splitLineCmds(self, n, doInRowSplit=0)
        page._cr_0(n, lines, nrows, 0)
        page._cr_0(n, self._bkgrndcmds, nrows, 0, _srflMode=True)
        page._cr_0(n, self._spanCmds, nrows, 0)
        rest = _RestOfTable(self.rows, self.start + n - header, self._like)
        repeated = list(range(header))
        RLTable._cr_1_1(rest, n, nrows, repeated, lines, 0)
        RLTable._cr_1_1(rest, n, nrows, repeated, self._bkgrndcmds, 0, _srflMode=True)
        RLTable._cr_1_1(rest, n, nrows, repeated, self._spanCmds, 0)
        page.hAlign = rest.hAlign = self.hAlign
        page.vAlign = rest.vAlign = self.vAlign
        return [page, rest]

    def _addCommand(self, cmd: tuple[Any, ...]) -> None:  # what _cr_1_1 gives: line, background, span
        RLTable._addCommand(self, cmd)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        table = self.table()
        table.wrap(*self._wrapped)
        table.drawOn(canvas, x, y, _sW=_sW)

    def draw(self) -> None:  # drawOn draws the table
        raise NotImplementedError

    def identity(self, maxLen: int | None = 30) -> str:
        return str(self.table().identity(maxLen))

    def _culprit(self) -> str:
        return str(self.table()._culprit())


class _HeadedTable(Flowable):  # type: ignore[misc]
    """A heading and the table under it: the heading goes to the next page only when the rows the layout keeps
    with the table's header (TABLE_BREAKS) do not fit under it, and the table breaks as it may.

    reportlab's keepWithNext would keep the heading with the whole table: a table shorter than a page then
    moved to the next page whole, leaving half a page blank where Word and LibreOffice break it.
    """

    def __init__(self, heading: GridLines, table: _SpanBreakingTable) -> None:
        super().__init__()
        self.heading = heading
        self.table = table
        self._heights = (0.0, 0.0, 0.0)  # heading, table width, table height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, head = self.heading.wrap(avail_width, avail_height)
        width, height = self.table.wrap(avail_width, avail_height - head)
        self._heights = (head, width, height)
        self.width, self.height = avail_width, head + height
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        _, head = self.heading.wrap(avail_width, avail_height)
        parts: list[Flowable] = self.table.split(avail_width, avail_height - head)
        return [self.heading, *parts] if parts else []

    def draw(self) -> None:
        _, width, height = self._heights
        self.heading.drawOn(self.canv, 0, height)
        self.table.drawOn(self.canv, 0, 0, _sW=self.width - width)  # centred, as the frame would place it




def warm_up() -> None:
    """The fonts of the default layout, registered (parsed or read from the cache) ahead of a document."""
    PdfFonts(resolve_all(warn=False, configured=DEFAULT_LAYOUT.fonts), DEFAULT_LAYOUT)


def render_pdf(document: Document, layout: PageLayout | None = None,
               font_overrides: Mapping[Role, str] | None = None) -> bytes:
    """Render the whole document to PDF bytes; the same input gives the same bytes.

    ``layout`` replaces the document's own (``document.layout``, GB/T 9704 unless the report file says).
    """
    return render_pdf_counted(document, layout, font_overrides)[0]


def render_pdf_counted(document: Document, layout: PageLayout | None = None,
                       font_overrides: Mapping[Role, str] | None = None) -> tuple[bytes, int]:
    """:func:`render_pdf`, and the number of pages it set."""
    layout = layout or document.layout
    fonts = PdfFonts(resolve_all(font_overrides, configured=layout.fonts), layout)
    builder = _Builder(fonts, layout)
    items = flatten(document)
    check_glyphs(items, fonts)
    story: list[Flowable] = []
    pending: GridLines | None = None  # a heading waiting to be kept with what follows
    for item in items:
        if isinstance(item, TextItem):
            if item.page_break_before:
                story.append(PageBreak())
            flowable = builder.text(item)
            if pending is not None and isinstance(flowable, GridLines):
                flowable = pending.joined(flowable)
                pending = None
            if item.kind == Kind.HEADING and layout.keep_headings_with_next:
                pending = flowable if isinstance(flowable, GridLines) else None
                continue
            story.append(flowable)
        else:
            if isinstance(item, TableItem):
                table = builder.table(item.table)
                story += [table if pending is None else _HeadedTable(pending, table), GridSnap(layout.line_pitch)]
            else:
                if pending is not None:
                    pending.keepWithNext = True  # a heading stays with the signature under it
                    story.append(pending)
                story.append(builder.signature(item))
            pending = None
    if pending is not None:
        story.append(pending)

    top, bottom, left, right = layout.margins
    grid_height = layout.line_pitch * layout.lines_per_page
    frame = Frame(left, layout.page_height - top - grid_height, layout.text_width, grid_height + 0.5,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")

    def page_number(canvas: Any, doc: Any) -> None:
        n = canvas.getPageNumber()
        text = layout.page_number_text(n)
        size = fonts.size(Role.PAGE_NUMBER)
        canvas.saveState()
        canvas.setFont(fonts.name(Role.PAGE_NUMBER), size)
        y, inset = layout.page_number_baseline, layout.page_number_inset
        if layout.page_number_side(n) == "right":
            canvas.drawRightString(left + layout.text_width - inset, y, text)
        else:
            canvas.drawString(left + inset, y, text)
        canvas.restoreState()

    buffer = io.BytesIO()
    info = document.info
    doc = BaseDocTemplate(
        buffer, pagesize=(layout.page_width, layout.page_height),
        leftMargin=left, rightMargin=right, topMargin=top, bottomMargin=bottom,
        title=info.title, author=info.author, subject=info.subject, creator="reportkit",
        keywords=list(info.keywords), invariant=1, pageCompression=1, lang="zh-CN",
        initialFontName=fonts.name(Role.BODY), initialFontSize=layout.body_size,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=page_number)])
    try:
        # Full collections deferred: each walks every object the build holds, and a long table holds many (a
        # fifth of the time of 10,000 rows, growing with them).
        with _dated(file_date(info.created)), fewer_collections(full=1000):
            doc.build(story)
    except LayoutError as exc:
        raise RenderError(_overflow(str(exc), layout)) from None
    return buffer.getvalue(), int(doc.page)


@contextlib.contextmanager
def _dated(stamp: dt.datetime) -> Iterator[None]:
    """reportlab dates a PDF by SOURCE_DATE_EPOCH (else 2000-01-01 in invariant mode): for the build it is the
    date the DOCX carries too (output.file_date), whatever the caller's environment holds."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp.timestamp()))
    try:
        yield
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def _overflow(message: str, layout: PageLayout) -> str:
    """reportlab's LayoutError, said in the document's terms: what is too tall, on which page."""
    page = re.search(r"on page (\d+)", message)
    tallest = re.search(r"tallest row ([0-9.]+)", message)
    if tallest:
        lines = f"{float(tallest.group(1)) / layout.line_pitch:.0f}"
        if page:
            return _("a table row is taller than a page (page {page}): about {lines} lines against the {per_page} "
                     "of a page; a row never breaks across pages, so split its text", page=page.group(1),
                     lines=lines, per_page=layout.lines_per_page)
        return _("a table row is taller than a page: about {lines} lines against the {per_page} of a page; a row "
                 "never breaks across pages, so split its text", lines=lines, per_page=layout.lines_per_page)
    if page:
        return _("a block taller than a page cannot be set (page {page})", page=page.group(1))
    return _("a block taller than a page cannot be set")
