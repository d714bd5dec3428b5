"""Templates compiled once a process (issue 18): the bounded child compiles them, the parent keeps the code by
file and text hash, and later children start with it; a changed text is compiled anew."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest

from reportkit import load_report
from reportkit.narrative import compiled
from reportkit.report import DataError

from conftest import EXAMPLE

OVERVIEW = '{% extends "default/2018/overview.j2" %}{% block text %}{{ county }}的概述。{% endblock %}'


@pytest.fixture
def compiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A file with a line for each template compiled, by any process (the children are forks of this one):
    the template's file, with its folder and the one above ("county/2018/overview.j2")."""
    log = tmp_path / "compiled.log"
    log.touch()
    original = jinja2.Environment.compile

    def compile_logged(self: jinja2.Environment, source: Any, name: str | None = None,
                       filename: str | None = None, *args: Any, **kwargs: Any) -> Any:
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"{Path(filename or '').relative_to(Path(filename or '').parents[2])}\n")
        return original(self, source, name, filename, *args, **kwargs)

    compiled.forget()
    monkeypatch.setattr(jinja2.Environment, "compile", compile_logged)
    yield log
    compiled.forget()


def _county(tmp_path: Path, overview: str) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    data = tmp_path / "report.toml"
    data.write_text(EXAMPLE.read_text("utf-8").replace('templates = "templates"', 'templates = "county"'), "utf-8")
    path = tmp_path / "county" / "2018" / "overview.j2"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(overview, "utf-8")
    return data


def _names(log: Path) -> list[str]:
    return log.read_text("utf-8").splitlines()


def test_templates_are_compiled_once_a_process(tmp_path: Path, compiles: Path) -> None:
    data = _county(tmp_path, OVERVIEW)
    first = load_report(data).body
    once = _names(compiles)
    assert "county/2018/overview.j2" in once and "e2018/templates/overview.j2" in once  # the county's, the default
    assert load_report(data).body == first
    assert load_report(EXAMPLE).body != first  # the example's own folder: its templates, compiled now
    after = _names(compiles)
    assert after[: len(once)] == once
    assert "county/2018/overview.j2" not in after[len(once):]  # neither the county's nor the defaults again
    assert "e2018/templates/overview.j2" not in after[len(once):]
    assert "templates/2018/report.j2" in after[len(once):]  # the example's own


def test_a_changed_template_is_compiled_again(tmp_path: Path, compiles: Path) -> None:
    data = _county(tmp_path, OVERVIEW)
    load_report(data)
    (tmp_path / "county" / "2018" / "overview.j2").write_text(OVERVIEW.replace("的概述", "的新概述"), "utf-8")
    assert "同心县的新概述。" in str(load_report(data).body)
    assert _names(compiles).count("county/2018/overview.j2") == 2
    assert _names(compiles).count("e2018/templates/overview.j2") == 1


def test_a_misspelt_block_is_refused_every_time(tmp_path: Path, compiles: Path) -> None:
    data = _county(tmp_path, '{% extends "default/2018/overview.j2" %}\n{% block txet %}新的概述。{% endblock %}\n')
    load_report(_county(tmp_path / "warm", OVERVIEW))  # the default parsed and kept
    for _ in range(2):
        with pytest.raises(DataError, match=r"overview\.j2: line 2: block 'txet' is not a block of default/2018"):
            load_report(data)


@pytest.mark.parametrize(("block", "name", "value"), [
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "template_seconds", "1"),
    ('{{ "x"|center(10**9) }}', "template_megabytes", "64"),
])
def test_a_template_is_still_bounded_with_the_defaults_compiled(block: str, name: str, value: str, tmp_path: Path,
                                                                compiles: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    load_report(_county(tmp_path / "warm", OVERVIEW))  # the defaults compiled and kept in this process
    assert compiled._code
    monkeypatch.setenv(f"REPORTKIT_LIMIT_{name.upper()}", value)
    hostile = '{% extends "default/2018/overview.j2" %}{% block text %}' + block + "{% endblock %}"
    unit = {"template_seconds": "seconds", "template_megabytes": "MB"}[name]  # review #21: with its unit
    with pytest.raises(DataError, match=rf"\(the limit is {value} {unit}; raise it with REPORTKIT_LIMIT_{name.upper()}\)"):
        load_report(_county(tmp_path / "hostile", hostile))
