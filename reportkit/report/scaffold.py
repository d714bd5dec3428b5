"""`reportkit new`: a county's project that renders at once, every value to fill marked 待填写."""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2 import nodes

from reportkit.document.text import name_problem
from reportkit.editions import EDITIONS, edition_for_year, editions_text
from reportkit.editions.base import PENDING, value_fields
from reportkit.narrative import DEFAULT_TEMPLATES
from reportkit.render.output import write_atomic
from reportkit.report.figures import stats_toml, toml_string


def _example_block(edition: str) -> tuple[str, str]:
    """A section template of the edition's defaults and one of its blocks, for the README's example."""
    env = jinja2.Environment()
    found: list[tuple[str, str]] = []
    for path in sorted((DEFAULT_TEMPLATES / edition).glob("*.j2")):
        if path.name != "report.j2":
            blocks = [block.name for block in env.parse(path.read_text("utf-8")).find_all(nodes.Block)]
            found += [(path.name, name) for name in blocks]
    return next((item for item in found if item[1] == "text"), found[0])


def _appendix(county: str, year: int, issuer: str, edition: str) -> str:
    """The 2018 format puts its 统计表 in an attachment; later formats draw their tables in the body."""
    if "stats" not in EDITIONS[edition].tables(EDITIONS[edition].figures_class()):
        return ""
    return f'''
[[attachments]]
title = {toml_string(f"{county}{year}年度政府信息公开情况统计表")}

[[attachments.blocks]]
paragraph = {toml_string(f"填报单位（盖章）：{issuer}")}
indent = false

[[attachments.blocks]]
table = "stats"
'''


def report_toml(county: str, year: int, edition: str) -> str:
    issuer = f"{county}人民政府"
    return f'''# {county}{year}年政府信息公开工作年度报告 (made by `reportkit new`; see README.md).
# Replace every "{PENDING}"; a 统计数 is a whole number, or "" for a cell left blank on purpose.

edition = "{edition}"
templates = "templates"  # this county's templates, in front of reportkit's defaults

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
{stats_toml(edition)}'''


def new_project(folder: Path, county: str, year: int, edition: str | None = None) -> list[Path]:
    """Write the project into ``folder`` (made if needed); refuses to overwrite an existing report.

    ``edition``: the report format; by default the one in force for ``year`` (``edition_for_year``).
    """
    problem = name_problem(county)
    if problem:
        raise ValueError(f"the county {county!r} {problem}")
    if edition is None:
        edition = edition_for_year(year)
        if edition is None:
            raise ValueError(f"no report format is known for {year} ({editions_text()}); name one with an edition")
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}; known: {', '.join(sorted(EDITIONS))}")
    data = folder / "report.toml"
    if data.exists():
        raise FileExistsError(f"{data} exists already; choose another folder")
    readme = (DEFAULT_TEMPLATES / "scaffold" / "README.md").read_text("utf-8")
    section, block = _example_block(edition)
    figure = next(value_fields(EDITIONS[edition].figures_class))[0]  # a figure the edition has
    note = (DEFAULT_TEMPLATES / "scaffold" / "templates-README.md").read_text("utf-8")
    files = {
        data: report_toml(county, year, edition),
        folder / "README.md": readme.format(county=county, year=year, edition=edition, section=section, block=block,
                                             figure=figure),
        folder / "templates" / edition / "README.md": note.format(edition=edition, section=section, block=block),
    }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"))
    return list(files)
