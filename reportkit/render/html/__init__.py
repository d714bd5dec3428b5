"""The document to HTML for a government website: a self-contained page, or the article alone for a site's editor.

The page (:func:`render_html`) holds everything in one file: inline CSS, no script, no external file, the same
bytes for the same input. The fragment (:func:`render_html_fragment`) is the ``<article>`` with its styles
written into ``style`` attributes, since a site's editor (CMS) drops style sheets and keeps inline styles.
Both read the generic document and its layout, as the PDF and DOCX renderers do; all text is escaped.
"""

from __future__ import annotations

from html import escape

from reportkit.document.flow import FlowItem, Kind, SignatureItem, TableItem, TextItem, flatten, split_at
from reportkit.document.model import Document
from reportkit.layout import PageLayout, char_cells, signature_place
from reportkit.render.html.styles import Styles
from reportkit.render.html.table import table_html, text_html
from reportkit.titles import occurrences

__all__ = ["render_html", "render_html_fragment"]


def render_html(document: Document, layout: PageLayout | None = None) -> bytes:
    """The whole page, UTF-8: ``lang="zh-CN"``, the document's metadata, the style sheet and the article."""
    layout = layout or document.layout
    styles = Styles(layout, inline=False)
    info = document.info
    meta = [f'<meta name="author" content="{escape(info.author)}">']
    if info.subject:
        meta.append(f'<meta name="description" content="{escape(info.subject)}">')
    if info.keywords:
        meta.append(f'<meta name="keywords" content="{escape(",".join(info.keywords))}">')
    if info.created:
        meta.append(f'<meta name="dcterms.created" content="{info.created.isoformat()}">')
    page = "\n".join([
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(info.title)}</title>",
        *meta,
        '<meta name="generator" content="reportkit">',
        f"<style>\n{styles.sheet()}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        _article(document, styles),
        "</main>",
        "</body>",
        "</html>",
        "",
    ])
    return page.encode("utf-8")


def render_html_fragment(document: Document, layout: PageLayout | None = None) -> bytes:
    """The ``<article>`` alone, styled inline, to paste into a site's editor (UTF-8)."""
    styles = Styles(layout or document.layout, inline=True)
    return (_article(document, styles) + "\n").encode("utf-8")


class _Writer:
    def __init__(self, styles: Styles, prefer_before: tuple[str, ...] = ()) -> None:
        self.styles = styles
        self.prefer_before = prefer_before  # phrases a title's line had best start with (Document's)
        self.out: list[str] = []
        self.shift = 1  # heading level 1 is <h2> under the title <h1>; one more inside an attachment
        self.caption = ""  # the latest heading: the caption of a table that has none of its own
        self.tables = 0
        self.attachments = 0

    def heading(self, level: int, text: str, *, inline: bool = False) -> str:
        tag = f"h{min(level + self.shift, 6)}"
        self.caption = text
        names = (f"rk-h{level}", "rk-inline") if inline else (f"rk-h{level}",)
        return f"<{tag}{self.styles.attr(*names)}>{text_html(text)}</{tag}>"

    def text(self, item: TextItem) -> None:
        attr, out = self.styles.attr, self.out
        if item.kind == Kind.TITLE:
            self.caption = item.text
            out.append(f"<h1{attr('rk-title')}>{self._title(item)}</h1>")
        elif item.kind == Kind.HEADING:
            out.append(self.heading(item.level, item.text))
        elif item.kind == Kind.BODY and item.level:
            # A run-in heading: a real heading for the outline, set on the first line of its paragraph.
            head, body = item.runs[0].text, "".join(run.text for run in item.runs[1:])
            out.append(f"<div{attr('rk-run-in')}>{self.heading(item.level, head, inline=True)}"
                       f"<p{attr('rk-inline')}>{text_html(body)}</p></div>")
        elif item.kind == Kind.ATTACHMENT_LABEL:
            if self.attachments:
                out.append("</section>")
            self.attachments += 1
            self.shift = 2
            label_id = f"rk-attachment-{self.attachments}"
            out.append(f'<section{attr("rk-attachment")} aria-labelledby="{label_id}">')
            out.append(f'<p id="{label_id}"{attr("rk-attachment-label")}>{text_html(item.text)}</p>')
        elif item.kind == Kind.ATTACHMENT_TITLE:
            self.caption = item.text
            out.append(f"<h2{attr('rk-attachment-title')}>{self._title(item)}</h2>")
        elif item.kind == Kind.ATTACHMENT_NOTE and "\n" in item.text:
            out.append(self._enumeration(item.text))
        else:
            names = "rk-plain" if item.kind == Kind.PLAIN else "rk-p"
            out.append(f"<p{attr(names)}>{text_html(item.text)}</p>")

    def _title(self, item: TextItem) -> str:
        """A title whose lines a browser breaks only where the PDF and the DOCX may (GB/T 9704 §7.3.1: 回行时要
        做到词意完整): each part between those places is an inline block, kept on one line while it fits the
        width (a part wider than a phone's screen still wraps inside itself)."""
        text = item.text
        if "\n" in text:
            return text_html(text)
        cuts = set(item.breaks) | {i for phrase in self.prefer_before for i in occurrences(text, phrase) if i > 0}
        parts = split_at(text, tuple(sorted(cuts)))
        if len(parts) < 2:
            return text_html(text)
        return "".join(f"<span{self.styles.attr('rk-title-part')}>{text_html(part)}</span>" for part in parts)

    def _enumeration(self, text: str) -> str:
        """附件：1.… 2.…: the label, then the numbered lines as a list under one another."""
        first, *rest = text.split("\n")
        label, sep, entry = first.partition("：")
        if not sep:
            label, entry = "", first
        attr = self.styles.attr
        items = "".join(f"<li>{text_html(line)}</li>" for line in (entry, *rest))
        return f"<div{attr('rk-p')}>{escape(label + sep)}<ol{attr('rk-list')}>{items}</ol></div>"

    def signature(self, item: SignatureItem) -> None:
        place = signature_place(char_cells(item.issuer), char_cells(item.date_text), item.sealed)
        lines = [(item.issuer, place.issuer_right), (item.date_text, place.date_right)]
        attr = self.styles.attr
        rows = "".join(f"<p{attr('rk-plain', extra=f'padding-right:{max(right, 0):.2f}em')}>{text_html(text)}</p>"
                       for text, right in lines)
        self.out.append(f"<div{attr('rk-signature')}>{rows}</div>")

    def item(self, item: FlowItem) -> None:
        if isinstance(item, TextItem):
            self.text(item)
        elif isinstance(item, TableItem):
            self.tables += 1
            table = item.table
            caption = table.caption or self.caption
            self.out.append(table_html(table, self.styles, f"rk-t{self.tables}", caption, table.caption is not None))
        else:
            self.signature(item)


def _article(document: Document, styles: Styles) -> str:
    writer = _Writer(styles, document.title_breaks_before)
    for item in flatten(document):
        writer.item(item)
    if writer.attachments:
        writer.out.append("</section>")
    return "\n".join([f'<article lang="zh-CN"{styles.attr("rk-article")}>', *writer.out, "</article>"])
