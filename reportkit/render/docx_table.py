"""A table as WordprocessingML, written in one piece.

python-docx's cell API walks the whole grid on every ``Table.cell()`` and ``merge()`` and inserts each
property by scanning the schema's successor lists: a 66-row table cost several times the rest of the
document. The grid here is known in advance (``Table.positioned``), so the XML is written directly, the
way python-docx's own ``oxml`` layer builds elements: merged cells as ``gridSpan`` and ``vMerge``, every
property in schema order, the width of each cell the sum of the columns it spans.
"""

from __future__ import annotations

from collections.abc import Callable

from reportkit.document.table import Align, Table
from reportkit.layout import DEFAULT_LAYOUT, TABLE_BREAKS, CellSpacing
from reportkit.render.docx_oxml import W_NS, run_xml
from reportkit.render.markup import quoteattr

_JC = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right"}


def table_xml(
    table: Table,
    widths: list[int],
    paragraph_style: Callable[[bool], str],
    fonts: Callable[[bool], str],
    indent_twips: int,
    spacing: CellSpacing,
) -> str:
    """The ``w:tbl`` element of ``table``.

    ``widths``: twips of each column; ``paragraph_style(header)``: the id of the cell paragraphs' style;
    ``fonts(header)``: their w:rFonts element; ``indent_twips``: one character of indent; ``spacing``: the
    layout's room in the cells (margins other than the template's default are written on the table).
    """
    side = spacing.word_side_twips
    margins = (f'<w:tblCellMar><w:left w:w="{side}" w:type="dxa"/><w:right w:w="{side}" w:type="dxa"/>'
               "</w:tblCellMar>" if side != DEFAULT_LAYOUT.cell_spacing(None).word_side_twips else "")
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    parts = [
        f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/>'
        f'<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>{margins}<w:tblLook w:firstColumn="1" w:firstRow="1" '
        'w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
    ]
    below: dict[tuple[int, int], int] = {}  # (row, column) a span from above covers -> its colspan
    # The layout's rule (TABLE_BREAKS): the header and the first body rows keep with the next row, so a page
    # never ends with the header, or the header and one row, alone.
    kept = TABLE_BREAKS.kept_rows(table.header_count, len(table.rows)) - 1
    for r, (row, placed) in enumerate(zip(table.rows, table.positioned(), strict=True)):
        keep = "<w:keepNext/>" if r < kept else ""
        header = "<w:tblHeader/>" if row.is_header else ""
        parts.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")  # a row never breaks across pages
        starts = dict(placed)
        c = 0
        while c < len(widths):
            cell = starts.get(c)
            span = cell.colspan if cell is not None else below[(r, c)]
            width = sum(widths[c : c + span])
            grid_span = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
            if cell is None:  # the lower part of a vertical merge
                empty = f"<w:p><w:pPr>{keep}</w:pPr></w:p>" if keep else "<w:p/>"
                parts.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{grid_span}<w:vMerge/>'
                             f'<w:vAlign w:val="center"/></w:tcPr>{empty}</w:tc>')
                c += span
                continue
            for dr in range(1, cell.rowspan):
                below[(r + dr, c)] = span
            merge = '<w:vMerge w:val="restart"/>' if cell.rowspan > 1 else ""
            indent = f'<w:ind w:left="{cell.indent * indent_twips}"/>' if cell.indent else ""
            jc = _JC[cell.align or table.columns[c].align]
            style = quoteattr(paragraph_style(row.is_header))
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{grid_span}{merge}<w:vAlign w:val="center"/>'
                f'</w:tcPr><w:p><w:pPr><w:pStyle w:val={style}/>{keep}{indent}<w:jc w:val="{jc}"/></w:pPr>'
                f"{run_xml(cell.text, fonts(row.is_header))}</w:p></w:tc>"
            )
            c += span
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)
