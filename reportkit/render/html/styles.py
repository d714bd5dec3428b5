"""The look of the HTML, written once from the layout: as a style sheet (the page) or inline (the fragment).

Every class is a list of CSS declarations taken from the same layout the PDF and DOCX read (sizes, line
pitch, indents, cell spacing, margins, page numbers). The page carries them as ``<style>`` and ``class``;
the fragment for a site's editor, where style sheets are stripped, writes them into ``style`` attributes.
Lengths are in em and unitless multiples, so the text resizes with the reader's settings.
"""

from __future__ import annotations

from html import escape

from reportkit.fonts import FALLBACK, OFFICIAL, docx_family
from reportkit.layout import HEADING_ROLES, MM, PageLayout, Role

# Text kept for screen readers but not drawn (a blank cell's 空白, a caption the heading above already shows).
_VISUALLY_HIDDEN = ("position:absolute", "width:1px", "height:1px", "margin:-1px", "padding:0", "overflow:hidden",
                    "clip:rect(0,0,0,0)", "white-space:nowrap", "border:0")
_GENERIC = {Role.HEADING1: "sans-serif", Role.ATTACHMENT_LABEL: "sans-serif", Role.TABLE_HEADER: "sans-serif"}


def css_string(text: str) -> str:
    """``text`` as a CSS string: quotes, backslashes, angle brackets and controls escaped as \\HEX, so a
    county's font name can neither end the string nor the style sheet."""
    out = []
    for ch in text:
        if ch.isalnum() or ch in " _-.":
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):x} ")
    return '"' + "".join(out) + '"'


def font_stack(role: Role, layout: PageLayout) -> str:
    """The county's font (if a family), the official fonts, the free ones reportkit uses, a generic family."""
    families = [docx_family(role, layout.fonts.get(role)), *OFFICIAL[role], *FALLBACK[role]]
    latin = [docx_family(Role.LATIN, layout.fonts.get(Role.LATIN)), *OFFICIAL[Role.LATIN]]
    unique = list(dict.fromkeys(latin + families))  # Latin first: digits and letters in Times New Roman
    return ",".join(css_string(f) for f in unique) + "," + _GENERIC.get(role, "serif")


def _em(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".") + "em"


class Styles:
    """The classes of the document, and how an element refers to them."""

    def __init__(self, layout: PageLayout, inline: bool) -> None:
        self.layout = layout
        self.inline = inline
        body = layout.body_size
        pitch = layout.line_pitch / body  # the 28.95 pt line of the grid, as a multiple of the text size
        indent = _em(layout.first_line_indent_chars * layout.cell_pitch / body)
        line = _em(pitch)

        def font(role: Role) -> list[str]:
            return [f"font-family:{font_stack(role, layout)}", f"font-size:{_em(layout.size(role) / body)}"]

        self.classes: dict[str, list[str]] = {
            # 12 pt is the browsers' default 1rem (16 px): the layout's points become rem, and print matches.
            "rk-article": [f"font-family:{font_stack(Role.BODY, layout)}", f"font-size:{body / 12:.4f}rem",
                           f"line-height:{pitch:.4f}", f"max-width:{_em(layout.text_width / body)}",
                           "margin:0 auto", "padding:1em", "color:#000", "background:#fff", "text-align:justify"],
            "rk-title": [*font(Role.TITLE), "font-weight:normal", "text-align:center", "line-height:1.4",
                         f"margin:0 0 {line}"],
            "rk-title-part": ["display:inline-block"],
            "rk-p": ["margin:0", f"text-indent:{indent}"],
            "rk-plain": ["margin:0", "text-indent:0"],
            "rk-run-in": ["margin:0", f"text-indent:{indent}"],
            "rk-inline": ["display:inline", "margin:0", "font-weight:normal"],
            "rk-attachment": ["break-before:page", f"margin-top:{_em(3 * pitch)}"],
            "rk-attachment-label": [*font(Role.ATTACHMENT_LABEL), "margin:0", f"margin-bottom:{line}",
                                    "text-indent:0", "font-weight:normal"],
            "rk-list": ["list-style:none", "margin:0", "padding:0", "display:inline-block", "vertical-align:top",
                        "text-indent:0"],
            "rk-signature": [f"margin:{line} 0 0", "text-align:right", "text-indent:0"],
            # The padding holds the outer half of the collapsed borders, which the region would clip; relative, so
            # that text hidden for screen readers (absolutely placed) stays inside the region too.
            "rk-scroll": ["overflow-x:auto", f"margin:0 0 {line}", "padding:0.5pt", "position:relative"],
            "rk-table": ["border-collapse:collapse", "width:100%", "table-layout:fixed",
                         f"line-height:{layout.cell_spacing(None).leading:g}", "font-variant-numeric:tabular-nums",
                         f"font-family:{font_stack(Role.TABLE, layout)}", "text-align:left"],
            "rk-caption": [f"font-family:{font_stack(Role.TABLE_HEADER, layout)}", "text-align:center",
                           "padding:0.3em 0"],
            "rk-cell": ["border:0.75pt solid #000", "vertical-align:middle", "font-weight:normal",
                        "overflow-wrap:break-word"],
            "rk-head": [f"font-family:{font_stack(Role.TABLE_HEADER, layout)}", "text-align:center"],
            "rk-emphasis": [f"font-family:{font_stack(Role.TABLE_HEADER, layout)}"],
            "rk-left": ["text-align:left"],
            "rk-center": ["text-align:center"],
            "rk-right": ["text-align:right"],
            # A number keeps its digits in columns: figures of one width, set to the right of the cell.
            "rk-num": ["text-align:right", "white-space:nowrap"],
            "rk-sr": list(_VISUALLY_HIDDEN),
            # The room in the cells, in points as the PDF's (a wide table set small keeps narrow cells).
            "rk-pad": self._padding(None),
            "rk-pad-narrow": self._padding(0.0),
        }
        for level, role in enumerate(HEADING_ROLES, 1):
            self.classes[f"rk-h{level}"] = [*font(role), "font-weight:normal", "margin:0", f"text-indent:{indent}",
                                            f"line-height:{pitch:.4f}"]
        self.classes["rk-attachment-title"] = self.classes["rk-title"]

    def attr(self, *names: str, extra: str = "") -> str:
        """The attributes that give an element these classes (and ``extra`` declarations of its own)."""
        for name in names:
            if name not in self.classes:
                raise KeyError(name)
        if self.inline:
            declarations = [d for name in names for d in self.classes[name]]
            if extra:
                declarations.append(extra)
            return f' style="{escape(";".join(declarations))}"' if declarations else ""
        out = f' class="{" ".join(names)}"' if names else ""
        return out + (f' style="{escape(extra)}"' if extra else "")

    def _padding(self, font_size: float | None) -> list[str]:
        spacing = self.layout.cell_spacing(font_size)
        return [f"padding:{spacing.top:g}pt {spacing.side:g}pt {spacing.bottom:g}pt"]

    @staticmethod
    def padding_class(font_size: float | None) -> str:
        return "rk-pad" if font_size is None else "rk-pad-narrow"

    def sheet(self) -> str:
        """The style sheet of the page: the classes, then the printed page (A4, margins, page numbers)."""
        rules = ["body{margin:0;background:#fff}"]
        rules += [f".{name}{{{';'.join(decls)}}}" for name, decls in self.classes.items()]
        rules.append(self._print())
        return "\n".join(rules)

    def _page_number(self, pages: str, side: str, box: str) -> str:
        """The page number of ``pages`` on ``side``, one character (its own size) in from the type area."""
        inset = self.layout.page_number_inset
        return f"@page {pages}{{@bottom-{side}{{{box};text-align:{side};padding-{side}:{inset:g}pt}}}}"

    def _print(self) -> str:
        layout = self.layout
        size = layout.size(Role.PAGE_NUMBER)
        before, after = layout.page_number_parts
        number = f"{css_string(before)} counter(page) {css_string(after)}"
        # The number's dash sits about 0.55 em below the top of a line of its own size with line-height 1.
        top = layout.page_number_gap_mm - 0.55 * size / MM
        box = (f"content:{number};font-family:{font_stack(Role.PAGE_NUMBER, layout)};font-size:{size:g}pt;"
               f"line-height:1;vertical-align:top;padding-top:{top:.2f}mm")
        return (
            f"@page{{size:{layout.paper_width_mm:g}mm {layout.paper_height_mm:g}mm;margin:{layout.margin_top_mm:g}mm "
            f"{layout.margin_right_mm:g}mm {layout.margin_bottom_mm:g}mm {layout.margin_left_mm:g}mm}}\n"
            # CSS calls odd pages :right (the first page of a left-to-right book is a right-hand page).
            f"{self._page_number(':right', layout.page_number_side(1), box)}\n"
            f"{self._page_number(':left', layout.page_number_side(2), box)}\n"
            "@media print{.rk-article{max-width:none;padding:0}.rk-scroll{overflow:visible}.rk-attachment{margin-top:0}"
            ".rk-table{min-width:0!important}"
            "thead{display:table-header-group}tr{break-inside:avoid}"
            ".rk-h1,.rk-h2,.rk-h3,.rk-h4{break-after:avoid}}"
        )
