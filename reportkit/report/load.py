"""Loading a report from TOML, YAML or JSON, with one clear message per mistake.

Every error names the file and the field path, as in
``report.toml: stats.applications.received: expected a whole number >= 0, got "三"``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from reportkit.document.model import Attachment, Block, Paragraph, Section, Signature, TableRef
from reportkit.document.numbering import MAX_LEVEL, starts_with_number
from reportkit.document.tree import LevelJump, nest
from reportkit.editions import REGISTRY, Edition
from reportkit.editions.base import PENDING
from reportkit.i18n import _
from reportkit.layout import DEFAULT_LAYOUT
from reportkit.narrative import Span, TemplateFailure
from reportkit.report.figures import read_figures
from reportkit.report.layout_table import read_layout
from reportkit.report.model import ISSUER_KINDS, AnnualReport, Contact, ReportMeta
from reportkit.report.reader import DataError, Reader, listing, parse_file, show
from reportkit.validate.findings import Acceptance

_BLOCK_KEYS = ("heading", "level", "text", "paragraph", "indent", "table")


def _block_entry(r: Reader, value: object, path: str) -> tuple[int, Block]:
    """One entry of a flat block list as (heading level, block); level 0 for anything but a heading."""
    data = r.table(value, path, _BLOCK_KEYS)
    kinds = [key for key in ("heading", "paragraph", "table") if key in data]
    if len(kinds) != 1:
        raise r.fail(path, _("expected exactly one of the keys heading, paragraph or table"))
    kind = kinds[0]
    if kind == "heading":
        title = r.text(data["heading"], f"{path}.heading")
        number = starts_with_number(title)
        if number:
            raise r.fail(f"{path}.heading", _("starts with the number {number}; numbers are generated, leave it out",
                                              number=show(number)))
        level = r.integer(data.get("level", 1), f"{path}.level", minimum=1)
        if level > MAX_LEVEL:
            raise r.fail(f"{path}.level", _("expected a heading level from 1 to {most}, got {level}", most=MAX_LEVEL,
                                            level=level))
        r.only(data, path, ("heading", "level", "text"))
        run_in = r.text(data["text"], f"{path}.text", paragraph=True) if "text" in data else None
        return level, Section(title, (Paragraph(run_in),) if run_in is not None else (), run_in=run_in is not None)
    if kind == "paragraph":
        r.only(data, path, ("paragraph", "indent"))
        indent = r.boolean(data.get("indent", True), f"{path}.indent")
        return 0, Paragraph(r.text(data["paragraph"], f"{path}.paragraph", paragraph=True), indent=indent)
    r.only(data, path, ("table",))
    return 0, TableRef(r.text(data["table"], f"{path}.table"))


def _blocks(r: Reader, value: object, path: str) -> tuple[Block, ...]:
    """Build the section tree from a flat list where headings carry their level."""
    entries = r.items(value, path, lambda v, p: (p, _block_entry(r, v, p)))
    try:
        return nest([entry for _where, entry in entries])
    except LevelJump as jump:
        raise r.fail(f"{entries[jump.index][0]}.level", str(jump)) from None


def _meta(r: Reader, value: object) -> ReportMeta:
    fields = ("issuer", "county", "year", "period_start", "period_end", "title", "issued", "contact", "kind")
    data = r.table(value, "meta", fields, required=("issuer", "year", "period_start", "period_end"))
    kind = r.text(data.get("kind", "government"), "meta.kind")
    if kind not in ISSUER_KINDS:
        raise r.fail("meta.kind", _("expected one of {kinds}, got {value}", kinds=listing(ISSUER_KINDS),
                                    value=show(kind)))
    if kind == "government" and "county" not in data:
        raise r.fail("meta.county", _("missing required field (only a department's report, kind = \"department\", "
                                      "may leave it out)"))
    contact_fields = ("address", "postcode", "phone", "fax", "email", "website")
    contact_data = r.table(data.get("contact", {}), "meta.contact", contact_fields)
    contact = Contact(**{key: r.opt_text(contact_data, key, "meta.contact") for key in contact_fields})
    year = r.integer(data["year"], "meta.year", minimum=1900)
    start = r.date(data["period_start"], "meta.period_start")
    end = r.date(data["period_end"], "meta.period_end")
    if end < start:
        raise r.fail("meta.period_end", _("ends ({end}) before the period starts ({start})", end=end, start=start))
    return ReportMeta(
        issuer=r.text(data["issuer"], "meta.issuer"),
        county=r.text(data["county"], "meta.county") if "county" in data else r.text(data["issuer"], "meta.issuer"),
        year=year,
        period_start=start,
        period_end=end,
        title=r.opt_text(data, "title", "meta"),
        issued=r.date(data["issued"], "meta.issued") if "issued" in data else None,
        contact=contact,
        kind=kind,
    )


def _attachment(r: Reader, value: object, path: str) -> Attachment:
    data = r.table(value, path, ("title", "blocks"), required=("title",))
    blocks = _blocks(r, data["blocks"], f"{path}.blocks") if "blocks" in data else ()
    return Attachment(r.text(data["title"], f"{path}.title"), blocks)


def _signature(r: Reader, value: object) -> Signature:
    data = r.table(value, "signature", ("issuer", "date", "sealed"), required=("issuer", "date"))
    return Signature(
        issuer=r.text(data["issuer"], "signature.issuer"),
        date=r.date(data["date"], "signature.date"),
        sealed=r.boolean(data.get("sealed", False), "signature.sealed"),
    )


def project_editions(r: Reader, top: Mapping[str, Any], base: Path) -> None:
    """Register the editions of a report's or a return's project: ``editions/`` beside it, and ``editions = [...]``."""
    listed = r.items(top.get("editions", []), "editions", lambda v, p: Path(os.path.normpath(base / r.text(v, p))))
    REGISTRY.use_project(base, listed)


def _stats(r: Reader, value: object, edition: str, base: Path) -> object:
    """``[stats]``, or ``stats = "FILE"``: the figures from a file of their own (as ``reportkit collect`` writes).

    The file is TOML, YAML or JSON, or a workbook (.xlsx) of ``reportkit export`` or ``collect``.
    """
    figures_class = REGISTRY.lookup(edition, r.source).figures_class
    if not isinstance(value, str):
        return read_figures(r, figures_class, value, "stats")
    path = base / r.text(value, "stats", longest=4096)
    try:
        return _stats_file(path, figures_class, edition)
    except DataError as exc:
        if exc.source != str(path) or exc.path:  # a mistake inside the figures' file: named by that file
            raise
        # The file itself cannot be used (a folder, missing, not a workbook): named by the report and its field.
        raise r.fail("stats", _("{file}: {message}", file=path, message=exc.message)) from None


def _stats_file(path: Path, figures_class: type, edition: str) -> object:
    if path.suffix.lower() == ".xlsx":
        from reportkit.workbook.layout import EDITION_NAME, named_cell
        from reportkit.workbook.read import read_workbook  # openpyxl only when the figures are a workbook

        read = read_workbook(path)
        if read.edition != edition:
            raise DataError(str(path), named_cell(EDITION_NAME),
                            _("the figures are for edition {figures}, the report is in {edition}",
                              figures=show(read.edition), edition=edition))
        return read.figures
    f = Reader(str(path))
    data = f.table(parse_file(path, str(path)), "", ("edition", "units", "stats"), required=("edition", "stats"))
    if str(data["edition"]) != edition:
        raise f.fail("edition", _("the figures are for edition {figures}, the report is in {edition}",
                                   figures=show(data["edition"]), edition=edition))
    if "units" in data:
        f.items(data["units"], "units", f.text)
    return read_figures(f, figures_class, data["stats"], "stats")


def parse_report(data: object, source: str = "<data>", *, base: Path | None = None,
                 templates: Path | None = None) -> AnnualReport[Any]:
    """Turn parsed data (dicts and lists, as from a TOML, YAML or JSON file) into a report.

    The narrative is either written as ``body`` or rendered from templates: the key ``templates`` names the
    county's template folder (relative to ``base``, the data file's folder; "" for the defaults only), and
    ``templates`` here (the CLI's --templates) chooses one instead.
    """
    r = Reader(source)
    top = r.table(data, "", ("edition", "editions", "meta", "stats", "body", "templates", "attachments", "signature",
                             "layout", "accept"), required=("edition", "meta", "stats"))
    project_editions(r, top, base or Path.cwd())
    edition: Edition = REGISTRY.lookup(top["edition"], source)
    edition_name = edition.name
    meta = _meta(r, top["meta"])
    stats = _stats(r, top["stats"], edition_name, base or Path.cwd())
    folder = _template_folder(r, top, base or Path.cwd(), templates)
    tables = edition.tables(stats)
    body, bound = ((_blocks(r, top.get("body", []), "body"), None) if folder is None
                   else _narrative(edition, meta, stats, folder, tables))
    attachments = tuple(r.items(top.get("attachments", []), "attachments", lambda v, p: _attachment(r, v, p)))
    signature = _signature(r, top["signature"]) if "signature" in top else None
    _check_table_refs(r, top, tables)
    layout = read_layout(r, top["layout"], base or Path.cwd()) if "layout" in top else DEFAULT_LAYOUT
    accepted = tuple(r.items(top.get("accept", []), "accept", lambda v, p: _acceptance(r, v, p)))
    return AnnualReport(meta=meta, edition=edition_name, stats=stats, body=body,
                        attachments=attachments, signature=signature, layout=layout, accepted=accepted, bound=bound)


def _acceptance(r: Reader, value: object, path: str) -> Acceptance:
    """``[[accept]]``: rule (or id), the finding's cells, and the reason the report keeps it."""
    data = r.table(value, path, ("rule", "cells", "reason", "id"), required=("reason",))
    if "rule" not in data and "id" not in data:
        raise r.fail(path, _("expected rule (with cells) or id: which finding the report keeps"))
    cells = tuple(r.items(data.get("cells", []), f"{path}.cells", r.text))
    rule = r.text(data["rule"], f"{path}.rule") if "rule" in data else ""
    found = r.text(data["id"], f"{path}.id") if "id" in data else None
    return Acceptance(rule=rule, reason=r.text(data["reason"], f"{path}.reason"), cells=cells, id=found)


def _template_folder(r: Reader, top: dict[str, Any], base: Path, chosen: Path | None) -> list[Path] | None:
    """The county folders to render the narrative with ([] for the defaults only), or None for ``body``."""
    if chosen is None and "templates" not in top:
        return None
    if "body" in top:
        raise r.fail("body", _("give the narrative either as body or from templates, not both"))
    if chosen is not None:
        folder = chosen
    else:
        name = r.text(top["templates"], "templates", longest=4096) if top["templates"] != "" else ""
        if not name:
            return []
        folder = base / name
    if not folder.is_dir():
        raise r.fail("templates", _("template folder {folder} does not exist", folder=folder))
    return [folder]


def _narrative(edition: Edition, meta: ReportMeta, stats: object, folders: list[Path],
               tables: Mapping[str, object]) -> tuple[tuple[Block, ...], frozenset[Span]]:
    contact = {name: getattr(meta.contact, name) or PENDING for name in attrs.fields_dict(Contact)}
    context = {
        "meta": meta, "county": meta.county, "year": meta.year, "issuer": meta.issuer, "contact": contact,
        "period_start": meta.period_start, "period_end": meta.period_end, "stats": stats,
        "headings": edition.headings,  # the edition's official 一、… headings, written once in its edition.toml
    }
    from reportkit.narrative.bounded import render_bound  # only for a narrative from templates

    try:
        return render_bound(edition.name, context, folders, tables)
    except TemplateFailure as exc:
        raise DataError(exc.file, _("line {line}", line=exc.line) if exc.line else "", exc.message) from None


def _check_table_refs(r: Reader, top: dict[str, Any], tables: Mapping[str, object]) -> None:
    # On the raw entries, already known to be well formed, so that the message names the entry.
    known = listing(f'"{name}"' for name in sorted(tables))

    def walk(entries: list[dict[str, Any]], path: str) -> None:
        for i, entry in enumerate(entries):
            name = entry.get("table")
            if name is not None and name not in tables:
                raise r.fail(f"{path}[{i}].table", _("unknown table {name}; edition {edition} has: {known}",
                                                     name=show(name), edition=top["edition"], known=known))

    walk(top.get("body", []), "body")
    for i, attachment in enumerate(top.get("attachments", [])):
        walk(attachment.get("blocks", []), f"attachments[{i}].blocks")


def load_report(path: str | Path, templates: str | Path | None = None) -> AnnualReport[Any]:
    """Load a report data file (.toml, .yaml/.yml or .json); ``templates``: a county template folder."""
    path = Path(path)
    source = str(path)
    folder = Path(templates) if templates is not None else None
    return parse_report(parse_file(path, source), source, base=path.parent, templates=folder)


def load_previous(path: str | Path) -> AnnualReport[Any]:
    """Last year's report for the checks across years: its data file is enough.

    Its narrative is rendered when its template folder is there (for the similarity with this year's);
    without it the report has its figures only.
    """
    path = Path(path)
    data = parse_file(path, str(path))
    named = data.get("templates") if isinstance(data, dict) else None
    if isinstance(data, dict) and isinstance(named, str) and named and not (path.parent / named).is_dir():
        data = {key: value for key, value in data.items() if key != "templates"}
    return parse_report(data, str(path), base=path.parent)
