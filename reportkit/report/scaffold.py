"""`reportkit new`: a county's project that renders at once, every value to fill marked 待填写."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import jinja2
from jinja2 import nodes

from reportkit.document.text import name_problem
from reportkit.editions import REGISTRY, Edition
from reportkit.editions.base import PENDING, value_fields
from reportkit.render.output import write_atomic
from reportkit.report.figures import stats_toml, toml_string

# The files `reportkit new` writes beside the data file, shipped in the package.
SCAFFOLD = Path(str(resources.files("reportkit").joinpath("scaffold")))


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
        return 'templates = "templates"  # this county\'s templates, in front of reportkit\'s defaults\n'
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
    return f'''# {county}{year}年政府信息公开工作年度报告 (made by `reportkit new`; see README.md).
# Replace every "{PENDING}"; a 统计数 is a whole number, or "" for a cell left blank on purpose.

edition = "{edition.name}"
{listed}{_narrative(edition)}
# The page is GB/T 9704's (28 characters x 22 lines, A4). To change it, uncomment what you need:
# [layout]
# keep_headings_with_next = true   # false lets a heading end a page
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
# The figures of the tables: one value per cell.
{stats_toml(edition.name)}'''


def new_project(folder: Path, county: str, year: int, edition: str | None = None,
                editions: tuple[str, ...] = ()) -> list[Path]:
    """Write the project into ``folder`` (made if needed); refuses to overwrite an existing report.

    ``edition``: the report format; by default the one in force for ``year``. ``editions``: the folders of a
    province's edition as the report file names them (``editions = [...]``).
    """
    problem = name_problem(county)
    if problem:
        raise ValueError(f"the county {county!r} {problem}")
    chosen = REGISTRY.choose(edition, year)
    data = folder / "report.toml"
    if data.exists():
        raise FileExistsError(f"{data} exists already; choose another folder")
    readme = (SCAFFOLD / "README.md").read_text("utf-8")
    section, block = _example_block(chosen) or ("report.j2", "text")
    figure = next(value_fields(chosen.figures_class))[0]  # a figure the edition has
    note = (SCAFFOLD / "templates-README.md").read_text("utf-8")
    name = chosen.name
    files = {
        data: report_toml(county, year, chosen.name, editions),
        folder / "README.md": readme.format(county=county, year=year, edition=name, section=section, block=block,
                                             figure=figure),
        folder / "templates" / name / "README.md": note.format(edition=name, section=section, block=block),
    }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"))
    return list(files)
