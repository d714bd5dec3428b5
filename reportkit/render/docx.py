"""The document to DOCX with python-docx: named styles that carry the fonts, PAGE fields.

The file follows the conventions of the 公文 templates Word and WPS users already edit (docs/docx-grid.md): the
fonts live in the styles and a run carries only ``w:hint="eastAsia"``, so changing a style's font in Word moves
every paragraph of it; indents are in characters (``w:firstLineChars``); the style names are not Word built-ins
with another meaning.
"""

from __future__ import annotations

import copy
import io
import math
import re
from typing import Any

from attrs import frozen
from docx import Document as new_docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from docx.styles.style import StyleFactory
from docx.text.paragraph import Paragraph
from lxml import etree

from reportkit.document.flow import Kind, SignatureItem, TableItem, TextItem, flatten, split_at
from reportkit.document.model import Document
from reportkit.document.table import Table
from reportkit.fonts import docx_family
from reportkit.layout import HEADING_ROLES, PageLayout, Role, char_cells, signature_place
from reportkit.render.docx_oxml import HINT_XML, W_NS, fonts_xml, off_grid, set_fonts, set_hint, set_spacing
from reportkit.render.docx_table import table_xml
from reportkit.render.docx_template import minimal_template
from reportkit.render.markup import quoteattr
from reportkit.render.output import file_date, zip_parts


def _condense_twips(layout: PageLayout) -> int:
    """Character spacing (twips) that fits ``chars_per_line`` full-width characters: 15.75 pt each.

    Not the 15.80 pt an ideograph takes in Word's published lines (28 of those never share a line, 27 and a
    mark do): that needs marks narrower than ideographs, a run and a style on every mark, which text typed
    after a mark inherits in Word, and which LibreOffice 7.4 and 25.2 read differently (docs/docx-grid.md).
    """
    delta = layout.cell_pitch - layout.body_size  # -0.2054 pt
    return math.floor(delta * 20) if delta < 0 else 0


def _set_fonts(rpr_owner: Any, east_asian: str, latin: str) -> None:
    """Write all four rFonts slots so Chinese text never falls back to a theme (Japanese) font."""
    set_fonts(rpr_owner.get_or_add_rPr(), east_asian, latin)


def families(layout: PageLayout) -> dict[Role, str]:
    """The family the DOCX names for each role: the official fonts, or the county's choice ([layout.fonts])."""
    return {role: docx_family(role, layout.fonts.get(role)) for role in Role}


def _indent_chars(style: Any, chars: int) -> None:
    """The first-line indent in characters as well (``w:firstLineChars``, hundredths): Word and WPS show and keep
    "首行缩进 2 字符" when the font size changes; ``w:firstLine`` stays for the readers that know only twips."""
    ind = style.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(100 * chars))


@frozen
class _StyleIds:
    """What a document's :class:`_Styles` made, by style id: to find them again in a copy of the document."""

    named: dict[str, str]  # _Styles attribute -> style id
    headings: tuple[str, ...]
    run_in: tuple[str, ...]
    roles: dict[str, Role]


class _Styles:
    """Named styles, so that a change to a style in Word carries through the whole document."""

    _NAMED = ("normal", "title", "plain", "note", "label", "att_title", "signature", "table", "table_header",
              "page_number")

    def __init__(self, doc: Any, layout: PageLayout, named: dict[Role, str], made: _StyleIds | None = None) \
            -> None:
        """The styles made in ``doc``, or, given ``made``, those a copy of a document holds already."""
        self.doc = doc
        self.layout = layout
        # The official fonts, or the county's choice ([layout.fonts]): colleagues open the file in Word or WPS.
        self.families = named
        self.roles: dict[str, Role] = {}  # style id -> the role whose fonts it carries
        self._sized: dict[tuple[bool, float], Any] = {}  # table_style's styles of a given size
        self.latin = self.families[Role.LATIN]
        self.pitch = Twips(layout.line_pitch_twips)
        if made is None:
            self._make()
        else:
            self._find(made)

    def ids(self) -> _StyleIds:
        return _StyleIds({name: getattr(self, name).style_id for name in self._NAMED},
                         tuple(s.style_id for s in self.headings), tuple(s.style_id for s in self.run_in),
                         dict(self.roles))

    def _find(self, made: _StyleIds) -> None:
        by_id = {element.styleId: element for element in self.doc.styles.element.style_lst}
        for name, style_id in made.named.items():
            setattr(self, name, StyleFactory(by_id[style_id]))
        self.headings = [StyleFactory(by_id[style_id]) for style_id in made.headings]
        self.run_in = [StyleFactory(by_id[style_id]) for style_id in made.run_in]
        self.roles = dict(made.roles)

    def _make(self) -> None:
        doc, layout = self.doc, self.layout
        styles = doc.styles
        body = layout.body_size

        normal = self.normal = styles["Normal"]
        self._font(normal, Role.BODY)
        # 28 characters a line without relying on the character grid, which LibreOffice misreads
        # (docs/docx-grid.md): condense each character to just under the cell pitch, in whole twips.
        set_spacing(normal.element.get_or_add_rPr(), _condense_twips(layout))
        pf = normal.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = self.pitch
        pf.space_before = pf.space_after = Pt(0)
        pf.first_line_indent = Pt(body * layout.first_line_indent_chars)
        _indent_chars(normal, layout.first_line_indent_chars)
        pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        pf.widow_control = True

        self.title = self._para("Title", Role.TITLE, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        self.title.paragraph_format.space_after = self.pitch  # the title takes the room of two grid lines
        off_grid(self.title.element.get_or_add_pPr())  # a 2号 line would take two cells of the line grid
        self.headings = []
        for level, role in enumerate(HEADING_ROLES, 1):
            style = self._para(f"Heading {level}", role)
            style.paragraph_format.keep_with_next = layout.keep_headings_with_next
            self.headings.append(style)
        self.run_in = [self._char(f"Heading {level} Run-in", role) for level, role in enumerate(HEADING_ROLES, 1)]
        self.plain = self._para("Body Text No Indent", Role.BODY, indent=False)
        self.note = self._para("Attachment Note", Role.BODY)
        self.label = self._para("Attachment Label", Role.ATTACHMENT_LABEL, indent=False)
        self.label.paragraph_format.space_after = self.pitch  # the title goes on the third line
        self.att_title = self._para("Attachment Title", Role.TITLE, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        self.att_title.paragraph_format.space_after = self.pitch
        off_grid(self.att_title.element.get_or_add_pPr())
        # Not "Signature" nor "Page Number": Word has built-in styles of those names (an e-mail signature, a
        # character style), and a file's style of a built-in's name takes the built-in's place in Word's lists.
        self.signature = self._para("Report Signature", Role.BODY, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        self.table = self._para("Table Text", Role.TABLE, indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
        self.table_header = self._para("Table Header", Role.TABLE_HEADER, indent=False,
                                       align=WD_ALIGN_PARAGRAPH.CENTER)
        for style, role in ((self.table, Role.TABLE), (self.table_header, Role.TABLE_HEADER)):
            off_grid(style.element.get_or_add_pPr())  # on the grid each line of a cell would take 28.95 pt
            self._cell_lines(style, layout.size(role), None)
        self.page_number = self._para("Report Page Number", Role.PAGE_NUMBER, indent=False,
                                      latin=Role.PAGE_NUMBER)
        self.page_number.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE

    def _font(self, style: Any, role: Role, latin: Role = Role.LATIN) -> None:
        style.font.size = Pt(self.layout.size(role))
        style.font.bold = False
        style.font.italic = False
        style.font.color.rgb = None
        style.font.name = self.families[latin]
        self.fonts(style.element, role, latin)
        self.roles[style.style_id] = role

    def family(self, role: Role) -> str:
        return self.families[role]

    def fonts(self, rpr_owner: Any, role: Role, latin: Role = Role.LATIN) -> None:
        """The East Asian font of ``role`` and the Latin font on a run or a style."""
        _set_fonts(rpr_owner, self.families[role], self.families[latin])

    def text_style(self, item: TextItem) -> Any:
        """The paragraph style of a piece of text."""
        if item.kind == Kind.HEADING:
            return self.headings[item.level - 1]
        return {Kind.TITLE: self.title, Kind.BODY: self.normal, Kind.PLAIN: self.plain,
                Kind.ATTACHMENT_NOTE: self.note, Kind.ATTACHMENT_LABEL: self.label,
                Kind.ATTACHMENT_TITLE: self.att_title}[item.kind]

    def run_fonts_xml(self, role: Role, style_id: str) -> str:
        """The w:rFonts :meth:`run_fonts` gives a run."""
        if self.roles.get(style_id) == role:
            return HINT_XML
        return fonts_xml(self.families[role], self.families[Role.LATIN])

    def run_fonts(self, run: Any, role: Role, style_id: str) -> None:
        """A run in a style that carries ``role``'s fonts gets the eastAsia hint alone; any other run (one that
        needs another font than its style) all four slots."""
        if self.roles.get(style_id) == role:
            set_hint(run.get_or_add_rPr())
        else:
            self.fonts(run, role)

    def _para(self, name: str, role: Role, *, indent: bool = True, align: Any = None, latin: Role = Role.LATIN) -> Any:
        styles = self.doc.styles
        # Title and the headings come from the template (Word knows them by name); the rest are added.
        names = {s.name for s in styles}
        style = styles[name] if name in names else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        self._font(style, role, latin)
        pf = style.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = self.pitch
        if not indent:
            pf.first_line_indent = Pt(0)
            _indent_chars(style, 0)  # else Normal's 200 hundredths, which win over firstLine, come through
        if align is not None:
            pf.alignment = align
        return style

    def table_style(self, header: bool, size: float | None) -> Any:
        """Table Text / Table Header, or a style of a given size based on it (a wide table set small)."""
        base = self.table_header if header else self.table
        if size is None:
            return base
        # Asked for at every cell: the style made once (python-docx finds a style by name among them all).
        made = self._sized.get((header, size))
        if made is not None:
            return made
        name = f"{base.name} {size:g} pt"
        if name not in {s.name for s in self.doc.styles}:
            style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = base
            style.font.size = Pt(size)
            self._cell_lines(style, size, size)
            self.roles[style.style_id] = self.roles[base.style_id]
        made = self._sized[(header, size)] = self.doc.styles[name]
        return made

    def _cell_lines(self, style: Any, size: float, table_size: float | None) -> None:
        """The lines of a cell as tall as the PDF's (CellSpacing): exact line spacing, the padding around it."""
        spacing = self.layout.cell_spacing(table_size)
        pf = style.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(round(size * spacing.leading, 2))
        pf.space_before = Pt(spacing.top)
        pf.space_after = Pt(spacing.bottom)

    def _char(self, name: str, role: Role) -> Any:
        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        self._font(style, role)
        return style


# A hyphen between digits (0953-80223328) is a non-breaking hyphen: a phone number never breaks.
_NUMBER_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")
# Text as lxml writes it: a carriage return kept as a reference (a parser reads a bare one as a newline)
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_W_T = qn("w:t")
_XML_SPACE = qn("xml:space")


def _t(text: str) -> str:
    """The w:t python-docx's ``add_t`` writes: space kept only where the text starts or ends with it."""
    space = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
    return f"<w:t{space}>{text.translate(_TEXT)}</w:t>"


class _Parts:
    """Where python-docx's package writer puts each part: kept by name, for one zip written once."""

    def __init__(self) -> None:
        self.blobs: dict[str, bytes] = {}

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.blobs[pack_uri.membername] = blob


def _saved(doc: Any) -> bytes:
    """``doc.save`` and :func:`normalise_zip` of that, without zipping the parts twice and reading them back."""
    package = doc.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    out = _Parts()
    writer: Any = PackageWriter  # its steps, given where to put each part (untyped, and typed for a zip)
    writer._write_content_types_stream(out, parts)
    writer._write_pkg_rels(out, package.rels)
    writer._write_parts(out, parts)
    return zip_parts(out.blobs)


def _text_xml(item: TextItem, styles: _Styles) -> str:
    """The w:p of a piece of text, as python-docx's add_paragraph and add_run write it (tests/test_docx_body.py
    compares the two), written as XML: python-docx looks up and inserts every property one by one."""
    style = styles.text_style(item)
    ppr = "" if style is styles.normal else f"<w:pStyle w:val={quoteattr(style.style_id)}/>"
    if item.page_break_before:
        ppr += "<w:pageBreakBefore/>"
    parts = [f"<w:p><w:pPr>{ppr}</w:pPr>" if ppr else "<w:p><w:pPr/>"]
    if item.kind == Kind.TITLE or item.kind == Kind.ATTACHMENT_TITLE:
        # Broken between words where the flow says (reportkit.titles), with an explicit line break, as in the PDF;
        # the break inside the run: a w:br directly in a paragraph is not valid WordprocessingML.
        lines = split_at(item.text, item.breaks) if item.breaks else item.text.split("\n")
        fonts = styles.run_fonts_xml(Role.TITLE, style.style_id)
        parts += (f"<w:r><w:rPr>{fonts}</w:rPr>{'<w:br/>' if k else ''}{_t(line)}</w:r>"
                  for k, line in enumerate(lines))
    else:
        for i, run in enumerate(item.runs):
            run_style, rstyle = style.style_id, ""
            if i == 0 and len(item.runs) > 1 and item.level:
                run_style = styles.run_in[item.level - 1].style_id
                rstyle = f"<w:rStyle w:val={quoteattr(run_style)}/>"
            text = "<w:noBreakHyphen/>".join(_t(part) if part else "" for part in _NUMBER_HYPHEN.split(run.text))
            parts.append(f"<w:r><w:rPr>{rstyle}{styles.run_fonts_xml(run.role, run_style)}</w:rPr>{text}</w:r>")
    parts.append("</w:p>")
    return "".join(parts)


class _Body:
    """The paragraphs and tables of the body as XML, parsed once with the rest of the document, which takes the
    place of the blank's: parsed pieces moved into a document cost three times their parsing."""

    def __init__(self, doc: Any) -> None:
        self.part = doc.part
        self.pieces: list[str] = []

    def add(self, xml: str) -> None:
        self.pieces.append(xml)

    def finish(self) -> None:
        blank = etree.tostring(self.part._element, encoding="unicode")
        end = blank.index("<w:sectPr")  # the body's last element: the text goes before it
        element = parse_xml(blank[:end] + "".join(self.pieces) + blank[end:])
        for t in element.iter(_W_T):  # a title's empty line: python-docx's w:t holds "", a parser's None
            if t.text is None and t.get(_XML_SPACE) is None:
                t.text = ""
        self.part._element = element


def _add_field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """A complex field (begin / instruction / separate / result / end) that Word and LibreOffice update."""
    def char(kind: str) -> Any:
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
        return run

    char("begin")
    instr_run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    instr_run._r.append(instr)
    char("separate")
    paragraph.add_run(placeholder)
    char("end")


def _footer(footer: Any, styles: _Styles, layout: PageLayout, odd: bool) -> None:
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = styles.page_number
    inset = Pt(layout.page_number_inset)
    if layout.page_number_side(1 if odd else 2) == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = inset
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        paragraph.paragraph_format.left_indent = inset
    before, after = layout.page_number_parts
    paragraph.add_run(before)
    _add_field(paragraph, "PAGE", "1")
    paragraph.add_run(after)
    for run in paragraph.runs:
        styles.run_fonts(run._r, Role.PAGE_NUMBER, styles.page_number.style_id)


def _signature_xml(doc: Any, item: SignatureItem, styles: _Styles, layout: PageLayout) -> str:
    """The signature's paragraphs (a blank line, the issuer, the date), made with python-docx apart from the
    document and written out."""
    place = signature_place(char_cells(item.issuer), char_cells(item.date_text), item.sealed)
    out = []
    for text, right in (("", 0.0), (item.issuer, place.issuer_right), (item.date_text, place.date_right)):
        p = Paragraph(OxmlElement("w:p"), doc)
        p._p.style = styles.signature.style_id
        if text:  # the first: 空一行
            p.paragraph_format.right_indent = Pt(max(right, 0) * layout.cell_pitch)
            styles.run_fonts(p.add_run(text)._r, Role.BODY, styles.signature.style_id)
        out.append(etree.tostring(p._p, encoding="unicode").replace(f' xmlns:w="{W_NS}"', "", 1))
    return "".join(out)


def _table_xml(table: Table, styles: _Styles, layout: PageLayout) -> str:
    weights = sum(col.width for col in table.columns)
    widths = [int(layout.text_width_twips * col.width / weights) for col in table.columns]
    size = table.font_size or layout.size(Role.TABLE)
    ids: dict[bool, str] = {}

    def style_id(header: bool) -> str:  # asked at every cell; a sized style made when a cell first needs it
        if header not in ids:
            ids[header] = styles.table_style(header, table.font_size).style_id
        return ids[header]

    xml = table_xml(
        table, widths,
        paragraph_style=style_id,
        fonts=lambda header: HINT_XML,  # Table Text / Table Header carry the fonts
        indent_twips=round(size * 20),  # one character of the table's own size
        spacing=layout.cell_spacing(table.font_size),
    )
    return xml.replace(f' xmlns:w="{W_NS}"', "", 1)  # declared on the body it goes in with


def render_docx(document: Document, layout: PageLayout | None = None) -> bytes:
    """Render the whole document to DOCX bytes; the same input gives the same bytes.

    ``layout`` replaces the document's own (``document.layout``, GB/T 9704 unless the report file says).
    """
    layout = layout or document.layout
    named = families(layout)
    doc, styles = _prepared(layout, named)
    body = _Body(doc)
    for item in flatten(document):
        if isinstance(item, TableItem):
            body.add(_table_xml(item.table, styles, layout))
        elif isinstance(item, SignatureItem):
            body.add(_signature_xml(doc, item, styles, layout))
        else:
            body.add(_text_xml(item, styles))
    body.finish()
    _properties(doc, document)
    return _saved(doc)


# Documents with all but their text, by layout and fonts: the few a batch uses (most reports share one layout)
_BLANKS: list[tuple[PageLayout, dict[Role, str], bytes, _StyleIds]] = []
_KEPT_BLANKS = 4


def _prepared(layout: PageLayout, named: dict[Role, str]) -> tuple[Any, _Styles]:
    """A new document of ``layout`` and fonts ``named``, its styles, settings and footers made, and its styles.

    They are the same for every report of a layout: made once a process (a third of a report's time) and
    saved, each report's document is opened from that file. A file saved and opened again is the same XML.
    """
    known = next((k for k in _BLANKS if k[1] == named and k[0] == layout), None)
    if known is None:
        known = (copy.deepcopy(layout), dict(named), *_blank(layout, named))
        _BLANKS.insert(0, known)
        del _BLANKS[_KEPT_BLANKS:]
    _, _, blank, made = known
    doc = new_docx(io.BytesIO(blank))
    return doc, _Styles(doc, layout, named, made)


def _blank(layout: PageLayout, named: dict[Role, str]) -> tuple[bytes, _StyleIds]:
    """The document of ``layout`` before any text, as a file, and the ids of its styles."""
    # The template carries the page (size, margins, footer distance, line grid) from the layout.
    doc = new_docx(io.BytesIO(minimal_template(layout, named.values())))
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    styles = _Styles(doc, layout, named)
    _language(doc, styles)
    doc.settings.odd_and_even_pages_header_footer = True
    _footer(section.footer, styles, layout, odd=True)
    _footer(section.even_page_footer, styles, layout, odd=False)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue(), styles.ids()


def _language(doc: Any, styles: _Styles) -> None:
    """zh-CN everywhere, so Word applies the Simplified Chinese line-breaking rules."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, styles.family(Role.BODY), styles.latin)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


def _properties(doc: Any, document: Document) -> None:
    info = document.info
    props = doc.core_properties
    props.title = info.title
    props.author = info.author
    props.subject = info.subject
    props.keywords = ", ".join(info.keywords)
    props.last_modified_by = info.author
    props.revision = 1
    props.language = "zh-CN"
    props.comments = ""
    stamp = file_date(info.created)
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
