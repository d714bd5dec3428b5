"""A command imports what it needs and no more (issue 18, start-up): each test runs a fresh process and looks at
its ``sys.modules``, so that a module-level import anywhere on the way shows up here."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

import reportkit
from reportkit.editions import NATIONAL_EDITIONS, REGISTRY
from reportkit.editions.base import value_fields
from reportkit.editions.figures import leaves_of

from conftest import BODY_EXAMPLE, EXAMPLE, ROOT

PINGTAN = ROOT / "examples" / "pingtan-2022" / "report.toml"
# Never needed to render a PDF of a report whose narrative comes from templates and whose figures are its own.
NOT_FOR_A_PDF = {
    "docx", "lxml", "yaml", "openpyxl", "rich", "argcomplete", "zipfile", "importlib.resources",
    "reportkit.render.docx", "reportkit.render.html", "reportkit.report.collect", "reportkit.report.scaffold",
    "reportkit.workbook.read", "reportkit.workbook.write", "reportkit.watch",
}
EDITION_MODULES = {f"reportkit.editions.{folder}" for folder, _figures in NATIONAL_EDITIONS.values()}


def _modules(code: str) -> set[str]:
    """The modules a fresh Python process has imported after ``code``."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.splitlines()[-1]))


def _after(*argv: str) -> set[str]:
    return _modules(f"from reportkit.cli import main\nstatus = main({list(argv)!r})\nassert status in (0, 1), status")


# Pingtan's title is too long for one line: where it may break comes from jieba's dictionary (an index of it in
# the user cache, made with jieba the first time), and jieba imports pkg_resources, which imports zipfile.
JIEBA = {"jieba", "zipfile", "importlib.resources"}


@pytest.mark.parametrize(("report", "edition", "title_breaks"), [(EXAMPLE, "e2018", False), (PINGTAN, "e2021", True)])
def test_a_pdf_imports_only_its_edition_and_the_pdf_renderer(tmp_path: Path, report: Path, edition: str,
                                                             title_breaks: bool) -> None:
    modules = _after("render", str(report), "--format", "pdf", "-o", str(tmp_path))
    assert (tmp_path / "report.pdf").is_file()
    # Jinja2 is the narrative child's (this process imports it only meanwhile, if the child is still at work)
    assert {"reportlab", "reportkit.render.pdf", "reportkit.narrative.bounded", f"reportkit.editions.{edition}"} <= modules
    assert not (NOT_FOR_A_PDF - (JIEBA if title_breaks else set())) & modules
    assert EDITION_MODULES & modules == {f"reportkit.editions.{edition}"}  # the other editions' figures: never


def test_importing_reportkit_imports_none_of_its_parts() -> None:
    assert {m for m in _modules("import reportkit") if m.startswith("reportkit.")} == set()
    cli = _modules("import reportkit.cli")
    assert not {"jinja2", "reportlab", "docx", "zipfile", "importlib.resources"} & cli
    assert not EDITION_MODULES & cli


def test_a_report_written_as_body_is_checked_without_jinja2() -> None:
    modules = _after("validate", str(BODY_EXAMPLE))
    assert "reportkit.editions.e2018" in modules
    assert not {"jinja2", "reportkit.narrative.engine", "reportlab"} & modules


def test_a_national_edition_is_read_alone_and_all_of_them_when_listed() -> None:
    one = _modules("from reportkit import REGISTRY\nassert REGISTRY.lookup('2018', 't').name == '2018'")
    assert EDITION_MODULES & one == {"reportkit.editions.e2018"}
    every = _modules("from reportkit import REGISTRY\nassert {'2018', '2019', '2021'} <= set(REGISTRY.names())")
    assert every >= EDITION_MODULES


def test_each_national_edition_is_the_folder_its_name_says() -> None:
    folders = {path.parent.name for path in (ROOT / "reportkit" / "editions").glob("*/edition.toml")}
    assert folders == {folder for folder, _figures in NATIONAL_EDITIONS.values()}
    for name, (folder, figures) in NATIONAL_EDITIONS.items():
        edition = REGISTRY.lookup(name, "t")
        assert edition.name == name and edition.folder is not None and edition.folder.name == folder
        assert edition.figures_class.__name__ == figures


def test_the_public_names_are_there_when_first_used() -> None:
    code = ("import reportkit\n"
            "names = [n for n in reportkit.__all__ if n != '__version__']\n"
            "assert all(getattr(reportkit, n) is not None for n in names)\n"
            "from reportkit import *\n"
            "import reportkit.validate.engine\n"
            "assert reportkit.validate is sys.modules['reportkit.validate.engine'].validate\n"
            "assert validate is reportkit.validate\n")
    _modules(f"import sys\n{code}")
    for name in reportkit.__all__:
        assert getattr(reportkit, name) is not None
    assert sorted(reportkit.__all__) == sorted(set(reportkit.__all__) & set(dir(reportkit)))
    with pytest.raises(AttributeError):
        reportkit.no_such_name  # noqa: B018


@pytest.mark.parametrize("name", sorted(NATIONAL_EDITIONS))
def test_the_figures_under_a_prefix_are_those_a_search_finds(name: str) -> None:
    cls = REGISTRY.lookup(name, "t").figures_class
    paths = [path for path, _attribute in value_fields(cls)]
    leaves = leaves_of(cls)
    prefixes = {path.rsplit(".", k)[0] for path in paths for k in range(len(path.split(".")))}
    for prefix in sorted(prefixes | {"", "nothing", f"{paths[0]}.", paths[0][:3]}):
        searched = [p for p in paths if p.startswith(f"{prefix}.")] or ([prefix] if prefix in paths else [])
        assert leaves(prefix) == searched, prefix


def test_the_program_exits_with_mains_status_and_leaves_the_collector_nothing_to_walk(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from reportkit import cli

    calls: list[str] = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(cli, "main", lambda: calls.append("main") or 2)
    with pytest.raises(SystemExit) as exited:
        cli.program()
    assert exited.value.code == 2
    assert calls == ["freeze", "main", "freeze"]


def test_python_m_reportkit_is_the_program() -> None:
    script = ("import gc, runpy, sys\nsys.argv = ['reportkit', '--version']\n"
              "try:\n    runpy.run_module('reportkit', run_name='__main__')\n"
              "except SystemExit as exc:\n    print(exc.code, gc.get_freeze_count() > 0)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.splitlines()[-1] == "0 True", result.stderr


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_a_run_builds_the_options_of_its_own_command_only() -> None:
    from reportkit import cli

    full = _subcommands(cli._parser())
    assert tuple(full) == cli._COMMAND_NAMES
    for name in cli._COMMAND_NAMES:
        alone = _subcommands(cli._parser(name))
        assert alone[name].format_help() == full[name].format_help()
        others = [other for other in cli._COMMAND_NAMES if other not in (name, "render" if name == "watch" else name)]
        assert all(len(alone[other]._actions) < len(full[other]._actions) for other in others), name
    assert cli._command_named(["render", "a.toml"]) == "render"
    assert cli._command_named(["--version"]) is None and cli._command_named([]) is None
    assert cli._command_named(["a.toml", "render"]) is None
