"""A table as HTML that a screen reader can walk: every figure tied to the headings it sits under.

The header rows become ``<thead>`` (``<th scope="col">``, repeated on each printed page). In the body a cell of
text is a row heading (``<th scope="row">``), a figure or a blank is data (``<td>``); a row that names the columns
below it (``Row.labels``) is headings too, and a row of one cell across the whole table heads the rows under it
(``<th scope="rowgroup">`` in a ``<tbody>`` of its own). Merged cells keep their ``rowspan``/``colspan``; since
headings over merged cells are beyond what ``scope`` says, each data cell also lists its headings in
``headers``. A blank cell is empty to the eye and reads 空白 to a screen reader: it is not 0.
"""

from __future__ import annotations

from html import escape

from reportkit.document.table import Align, Cell, Table
from reportkit.layout import Role
from reportkit.render.html.styles import Styles

BLANK = "空白"
_ALIGN = {Align.LEFT: "rk-left", Align.CENTER: "rk-center", Align.RIGHT: "rk-right"}


def text_html(text: str) -> str:
    """Escaped text, its line breaks kept: nothing in the data becomes markup."""
    return "<br>".join(escape(line) for line in text.split("\n"))


def _is_number(cell: Cell) -> bool:
    return cell.value is not None and not isinstance(cell.value, str)


class _Grid:
    """Which header cell covers which grid square, as the rows are written."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.column_heads: dict[int, list[str]] = {}  # column -> ids of thead cells over it, top first
        self.labels: dict[int, list[str]] = {}  # column -> ids of the latest labels row over it
        self.row_heads: dict[int, list[tuple[int, str]]] = {}  # row -> (column, id) of row headings covering it
        self.group: str | None = None

    def cell_id(self, r: int, c: int) -> str:
        return f"{self.prefix}-{r}-{c}"

    def headers(self, r: int, c: int, colspan: int) -> list[str]:
        columns = range(c, c + colspan)
        ids = [self.group] if self.group else []
        for heads in ([self.column_heads.get(k, []) for k in columns] + [self.labels.get(k, []) for k in columns]):
            ids += heads
        ids += [head for column, head in sorted(self.row_heads.get(r, [])) if column < c]
        return list(dict.fromkeys(ids))


def table_html(table: Table, styles: Styles, prefix: str, caption: str, caption_shown: bool) -> str:
    """The table (in a scrolling region for narrow screens) with ``caption``; ``prefix`` makes its ids unique."""
    layout = styles.layout
    size = table.font_size or layout.size(Role.TABLE)
    # Every column keeps room for about three characters: on a narrow screen a wide table scrolls in its
    # region instead of breaking its headings into single characters.
    font = f"font-size:{size / layout.body_size:.4f}em;min-width:{3 * len(table.columns):g}em"
    weights = sum(col.width for col in table.columns)
    cols = "".join(f'<col style="width:{100 * col.width / weights:.2f}%">' for col in table.columns)
    shown = text_html(caption) if caption_shown else f"<span{styles.attr('rk-sr')}>{text_html(caption)}</span>"
    caption_id = f"{prefix}-caption"
    parts = [
        # A region of its own that scrolls sideways on a narrow screen, reachable from the keyboard.
        f'<section{styles.attr("rk-scroll")} aria-labelledby="{caption_id}" tabindex="0">',
        f"<table{styles.attr('rk-table', extra=font)}>",
        f'<caption id="{caption_id}"{styles.attr("rk-caption")}>{shown}</caption>',
        f"<colgroup>{cols}</colgroup>",
    ]
    grid = _Grid(prefix)
    pad = styles.padding_class(table.font_size)
    width = len(table.columns)
    header_count = table.header_count
    body_open = False
    for r, (row, placed) in enumerate(zip(table.rows, table.positioned(), strict=True)):
        if r == 0 and header_count:
            parts.append("<thead>")
        if r == header_count and header_count:
            parts.append("</thead>")
        group = len(placed) == 1 and placed[0][1].colspan == width and not row.is_header
        if r >= header_count and (group or not body_open):
            parts.append("</tbody><tbody>" if body_open else "<tbody>")
            body_open = True
            if group:
                grid.labels = {}
        if row.labels:
            grid.labels = {}
        cells = []
        for c, cell in placed:
            cells.append(_cell(cell, r, c, row.is_header, row.labels, group, grid, styles, pad, table))
        parts.append("<tr>" + "".join(cells) + "</tr>")
    if header_count == len(table.rows) and header_count:
        parts.append("</thead>")
    if body_open:
        parts.append("</tbody>")
    parts.append("</table></section>")
    return "\n".join(parts)


def _cell(cell: Cell, r: int, c: int, header: bool, labels: bool, group: bool, grid: _Grid, styles: Styles,
          pad: str, table: Table) -> str:
    spans = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + (
        f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "")
    extra = f"padding-left:{cell.indent + 0.4:g}em" if cell.indent else ""
    align = _ALIGN[cell.align or table.columns[c].align]
    cell_id = grid.cell_id(r, c)
    content = text_html(cell.text)
    if header or labels or group:
        scope = "rowgroup" if group else "col"
        names = ["rk-cell", pad, "rk-head"] if not group else ["rk-cell", pad, "rk-emphasis", "rk-left"]
        columns = range(c, c + cell.colspan)
        if group:
            grid.group = cell_id
        else:
            target = grid.column_heads if header else grid.labels
            for k in columns:
                target.setdefault(k, []).append(cell_id)
        return f'<th id="{cell_id}" scope="{scope}"{spans}{styles.attr(*names, extra=extra)}>{content}</th>'
    if isinstance(cell.value, str) and cell.text:
        for dr in range(cell.rowspan):
            grid.row_heads.setdefault(r + dr, []).append((c, cell_id))
        names = ["rk-cell", pad, align] + (["rk-emphasis"] if cell.emphasis else [])
        return f'<th id="{cell_id}" scope="row"{spans}{styles.attr(*names, extra=extra)}>{content}</th>'
    headers = " ".join(grid.headers(r, c, cell.colspan))
    tied = f' headers="{headers}"' if headers else ""
    if cell.value is None:
        blank = f"<span{styles.attr('rk-sr')}>{BLANK}</span>"
        return f"<td{tied}{spans}{styles.attr('rk-cell', pad, align, extra=extra)}>{blank}</td>"
    # A figure alone in its column is set right, its digits under those of the figures above and below; one
    # spread over several columns keeps the table's alignment.
    number = _is_number(cell) and cell.colspan == 1
    names = ["rk-cell", pad, "rk-num" if number else align]
    return f"<td{tied}{spans}{styles.attr(*names, extra=extra)}>{content}</td>"
