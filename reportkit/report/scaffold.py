"""`reportkit new`: a county's project that renders at once, every value to fill marked 待填写."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import jinja2
from jinja2 import nodes

from reportkit.document.text import name_problem
from reportkit.editions import REGISTRY, Edition
from reportkit.editions.base import PENDING, value_fields
from reportkit.i18n import _, language
from reportkit.render.output import write_atomic
from reportkit.report.figures import stats_toml, toml_string


def _example_block(edition: Edition) -> tuple[str, str] | None:
    """A section template of the edition's defaults and one of its blocks, for the README's example."""
    env = jinja2.Environment()
    found: list[tuple[str, str]] = []
    # a section's file if the edition has them (2018: overview.j2 …), else its report.j2 (a province's edition)
    for path in sorted((p for folder in edition.templates for p in folder.glob("*.j2")), key=lambda p: (
            p.name == "report.j2", p.name)):
        blocks = [block.name for block in env.parse(path.read_text("utf-8")).find_all(nodes.Block)]
        found += [(path.name, name) for name in blocks]
    return next((item for item in found if item[1] == "text"), found[0] if found else None)


def _appendix(county: str, year: int, issuer: str, edition: Edition) -> str:
    """The tables an edition attaches (the 2018 统计表, ``attachments = ["stats"]``); the others are in the body."""
    attached = edition.data.get("attachments", [])
    if not attached:
        return ""
    tables = "".join(f'\n[[attachments.blocks]]\ntable = {toml_string(name)}\n' for name in attached)
    return f'''
[[attachments]]
title = {toml_string(f"{county}{year}年度{edition.title}")}

[[attachments.blocks]]
paragraph = {toml_string(f"填报单位（盖章）：{issuer}")}
indent = false
{tables}'''


def _narrative(edition: Edition) -> str:
    """The templates that write the narrative; an edition without a report.j2 gets a body to fill in."""
    if any((folder / "report.j2").is_file() for folder in edition.templates):
        return 'templates = "templates"  # ' + _("this county's templates, in front of reportkit's defaults") + "\n"
    attached = edition.data.get("attachments", [])
    blocks = [f"  {{ heading = {toml_string(heading)} }},\n  {{ paragraph = \"{PENDING}\" }},\n"
              for heading in edition.headings or ("总体情况",)]
    tables = [f"  {{ table = {toml_string(name)} }},\n" for name in edition.table_specs() if name not in attached]
    return "body = [\n" + "".join(blocks) + "".join(tables) + "]\n"


def report_toml(county: str, year: int, name: str, editions: tuple[str, ...] = ()) -> str:
    """The data file of a new report; ``editions``: folders of a province's edition, from the report's folder."""
    edition = REGISTRY.lookup(name, "--edition", "")
    issuer = f"{county}人民政府"
    listed = f"editions = [{', '.join(toml_string(e) for e in editions)}]\n" if editions else ""
    title = f"{county}{year}年政府信息公开工作年度报告"
    header = comment(_("{title} (made by `reportkit new`; see README.md).\nReplace every \"{pending}\"; a 统计数 "
                       "is a whole number, or \"\" for a cell left blank on purpose.",
                       title=title, pending=PENDING))
    page = comment(_("The page is GB/T 9704's (28 characters x 22 lines, A4). To change it, uncomment what you "
                     "need:"))
    keep = _("false lets a heading end a page")
    figures = comment(_("The figures of the tables: one value per cell."))
    return f'''{header}

edition = "{edition.name}"
{listed}{_narrative(edition)}
{page}
# [layout]
# keep_headings_with_next = true   # {keep}
# lines_per_page = 22
# chars_per_line = 28
# page_number_format = "— {{n}} —"

[meta]
issuer = {toml_string(issuer)}
county = {toml_string(county)}
year = {year}
period_start = {year}-01-01
period_end = {year}-12-31

[meta.contact]
address = "{PENDING}"
postcode = "{PENDING}"
phone = "{PENDING}"
email = "{PENDING}"
website = "{PENDING}"
{_appendix(county, year, issuer, edition)}
{figures}
{stats_toml(edition.name)}'''


def new_project(folder: Path, county: str, year: int, edition: str | None = None,
                editions: tuple[str, ...] = ()) -> list[Path]:
    """Write the project into ``folder`` (made if needed); refuses to overwrite an existing report.

    ``edition``: the report format; by default the one in force for ``year``. ``editions``: the folders of a
    province's edition as the report file names them (``editions = [...]``).
    """
    problem = name_problem(county)
    if problem:
        raise ValueError(_("the county {county} {problem}", county=repr(county), problem=problem))
    chosen = REGISTRY.choose(edition, year)
    data = folder / "report.toml"
    section, block = _example_block(chosen) or ("report.j2", "text")
    figure = next(value_fields(chosen.figures_class))[0]  # a figure the edition has
    name = chosen.name
    files = {
        data: report_toml(county, year, chosen.name, editions),
        folder / "README.md": project_readme(county, year, name, section, block, figure),
        folder / "templates" / name / "README.md": templates_readme(name, section, block),
    }
    existing = next((path for path in files if path.exists() or path.is_symlink()), None)
    if existing is not None:  # the user's own README.md: never replaced, and nothing written beside it
        raise FileExistsError(_("{file} exists already; choose another folder", file=existing))
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"))
    return list(files)


def comment(text: str) -> str:
    """``text`` as TOML comment lines."""
    return "\n".join(f"# {line}" if line else "#" for line in text.splitlines())


def _paragraph(text: str, indent: str = "") -> str:
    """A paragraph of the README: English wrapped for a plain editor, Chinese on one line (Markdown would put
    a space where a Chinese line breaks); ``indent`` for the lines after the first (a list item's)."""
    if language() == "en":
        # a `code span` is never broken: its spaces are held while the words are wrapped
        held = re.sub(r"`[^`]*`", lambda code: code[0].replace(" ", "\0"), text)
        text = textwrap.fill(held, width=110, subsequent_indent=indent, break_long_words=False,
                             break_on_hyphens=False).replace("\0", " ")
    return text


def _code(text: str, indent: str = "    ") -> str:
    return textwrap.indent(text, indent)


def project_readme(county: str, year: int, edition: str, section: str, block: str, figure: str) -> str:
    """The README.md of a new project: what to fill in, how to change the text, how to render; in the user's
    language (one catalog message a paragraph; the commands and template lines are not translated)."""
    example = (f'{{% extends "default/{edition}/{section}" %}}\n'
               f"{{% block {block} %}}{year}年，{county}……{{% endblock %}}")
    item = "   "
    plain, rounded = f"{{{{ stats.{figure} }}}}", f"{{{{ stats.{figure} | approx }}}}"
    parts = [
        f"# {county}{year}年政府信息公开工作年度报告",
        _paragraph(_("Made by `reportkit new`. Two files to fill in, one command to render.")),
        "1. " + _paragraph(_(
            "`report.toml`: every value marked \"{pending}\" (to be filled in). The 统计数 under `[stats]` are the "
            "rows of the 统计表, each with its 统计指标 in a comment: write a whole number, or \"\" for a cell left "
            "blank on purpose (blank is not 0). Fill in the contact details under `[meta.contact]` too.",
            pending=PENDING), item),
        "2. " + _paragraph(_(
            "The narrative: the default templates write a sentence for each figure already. Replace the "
            "paragraphs marked \"（{pending}：…）\" with your own text by overriding their blocks: copy the block "
            "you want to change into `templates/{edition}/<section>.j2`, for example "
            "`templates/{edition}/{section}`:", pending=PENDING, edition=edition, section=section), item),
        _code(example, item + "    "),
        item + _paragraph(_(
            "The file must have the name of a default template and the block the name of one of its blocks: a "
            "block the default lacks is refused, and a file no template uses gets a warning."), item),
        item + _paragraph(_(
            "Figures come from the data: `{plain}`, or rounded in words: `{rounded}` (9084 gives 9000余). See "
            "docs/templates.md of reportkit for every variable and filter.",
            plain=plain, rounded=rounded), item),
        _paragraph(_("If the figures come from townships and departments, send each a return to fill in and add "
                     "them up:")),
        _code(f"reportkit new-return returns/某镇.toml --unit 某镇 --edition {edition}\n"
              "reportkit collect returns/*.toml -o stats.toml"),
        _paragraph(_("then replace the `[stats…]` tables of `report.toml` by one line under `edition`: "
                     "`stats = \"stats.toml\"`.")),
        _paragraph(_("Render (DOCX, PDF and HTML — `.docx`, `.pdf`, `.html` and `.fragment.html` — into `out/`), and "
                     "see what is still to fill in:")),
        _code("reportkit render report.toml -o out\nreportkit validate report.toml"),
        _paragraph(_("It renders from the start; each value still marked {pending} shows in the output and is "
                     "listed as a warning.", pending=PENDING)),
    ]
    return "\n\n".join(parts) + "\n"


def templates_readme(edition: str, section: str, block: str) -> str:
    """The README.md of the county's template folder, in the user's language."""
    example = f'{{% extends "default/{edition}/{section}" %}}\n{{% block {block} %}}……{{% endblock %}}'
    parts = [
        "# " + _("This county's templates"),
        _paragraph(_("Templates here are used before reportkit's defaults with the same name (`{edition}/report.j2`, "
                     "`{edition}/{section}`, …). Extend a default and override only the blocks you change:",
                     edition=edition, section=section)),
        _code(example),
    ]
    return "\n\n".join(parts) + "\n"
