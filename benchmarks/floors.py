"""The floors and peers reportkit is compared with, each given the same work: the flagship's text in the
fonts of its roles, its statistical table, page numbers and bookmarks."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportkit import load_report
from reportkit.document.flow import Kind, TableItem, TextItem, flatten
from reportkit.fonts import resolve_all
from reportkit.layout import Role

# A process that does what any reportlab program must before its first page: import reportlab's page
# layout (platypus) and register the fonts (reportlab reads each TrueType file whole).
FLOOR_PROCESS = (
    "import sys\n"
    "from reportlab.platypus import SimpleDocTemplate, Paragraph, Table\n"
    "from reportlab.pdfbase import pdfmetrics\n"
    "from reportlab.pdfbase.ttfonts import TTFont\n"
    "for k, spec in enumerate(sys.argv[1:]):\n"
    "    path, index = spec.rsplit('#', 1)\n"
    "    pdfmetrics.registerFont(TTFont(f'f{k}', path, subfontIndex=int(index)))\n"
)


def font_files() -> list[str]:
    """The font files the flagship uses, as ``path#index`` (each once)."""
    faces = {(str(f.face.path), f.face.index) for f in resolve_all(warn=False).values()}
    return [f"{path}#{index}" for path, index in sorted(faces)]


class Content:
    """The flagship's text as (role, kind, level, text) and its first table's rows."""

    def __init__(self, report: Path) -> None:
        items = flatten(load_report(report).to_document())
        self.texts = [(item.runs[0].role, item.kind, item.level, item.text) for item in items
                      if isinstance(item, TextItem)]
        table = next(item.table for item in items if isinstance(item, TableItem))
        self.rows = [[cell.text for cell in row.cells] for row in table.rows]
        self.columns = len(table.columns)


def plain_reportlab(content: Content) -> bytes:
    """The same text and table with plain platypus: the role's fonts, page numbers, a bookmark per heading."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    names: dict[Role, str] = {}
    for role, font in resolve_all(warn=False).items():
        name = f"floor-{font.face.path.stem}-{font.face.index}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(font.face.path), subfontIndex=font.face.index))
        names[role] = name

    class Heading(Paragraph):  # type: ignore[misc]
        def draw(self) -> None:
            super().draw()
            key = f"h{id(self)}"
            self.canv.bookmarkHorizontal(key, 0, self.height)
            self.canv.addOutlineEntry(self.text, key, level=0, closed=False)

    story: list[Any] = []
    for role, kind, _level, text in content.texts:
        style = ParagraphStyle(str(role), fontName=names[role], fontSize=16, leading=28.95, wordWrap="CJK",
                               firstLineIndent=32 if kind == Kind.BODY else 0)
        story.append((Heading if kind == Kind.HEADING else Paragraph)(text, style))
    cell = ParagraphStyle("cell", fontName=names[Role.TABLE], fontSize=10.5, leading=14, wordWrap="CJK")
    width = 442 / content.columns
    story.append(Table([[Paragraph(text, cell) for text in row] + [""] * (content.columns - len(row))
                        for row in content.rows], repeatRows=1, colWidths=[width] * content.columns,
                       style=[("GRID", (0, 0), (-1, -1), 0.75, "black")]))

    def page_number(canvas: Any, doc: Any) -> None:
        canvas.setFont(names[Role.PAGE_NUMBER], 14)
        canvas.drawRightString(500, 40, f"— {canvas.getPageNumber()} —")

    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story, onFirstPage=page_number, onLaterPages=page_number)
    return out.getvalue()


def plain_docx(content: Content) -> bytes:
    import docx

    document = docx.Document()
    for _role, kind, level, text in content.texts:
        if kind == Kind.HEADING:
            document.add_heading(text, level=min(level, 4))
        else:
            document.add_paragraph(text)
    table = document.add_table(rows=len(content.rows), cols=content.columns)
    for table_row, row in zip(table.rows, content.rows, strict=False):  # row by row: Table.cell() is quadratic
        for cell, text in zip(table_row.cells, row, strict=False):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def typst_source(content: Content) -> str:
    """A comparable Typst document: A4, the same margins and fonts, headings (bookmarked), page numbers."""
    fonts = resolve_all(warn=False)

    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [
        '#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm), '
        'numbering: "— 1 —", number-align: right)',
        f"#set text(font: {quoted(fonts[Role.BODY].face.family)}, size: 16pt, lang: \"zh\")",
        "#set par(leading: 1.2em, first-line-indent: 2em, justify: true)",
        f"#show heading: set text(font: {quoted(fonts[Role.HEADING1].face.family)}, size: 16pt)",
    ]
    for _role, kind, level, text in content.texts:
        body = f"#{quoted(text)}"
        lines.append(f"#heading(level: {max(1, min(level, 4))}, {quoted(text)})" if kind == Kind.HEADING
                     else body)
        lines.append("")
    cells = ", ".join(f"[#{quoted(text)}]" for row in content.rows
                      for text in row + [""] * (content.columns - len(row)))
    lines.append(f"#set text(size: 10.5pt)\n#table(columns: {content.columns}, {cells})")
    return "\n".join(lines)
