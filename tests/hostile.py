"""Helpers for the tests of hostile input: a copy of the example to break, and what a refusal must look like."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from reportkit import DataError, cli, load_report
from reportkit.i18n import set_language

from conftest import EXAMPLE

# The county's 2018 template overrides this block; tests put their lines right under its heading.
OVERVIEW = "{% block overview %}# 概述\n"


def project(tmp_path: Path, template_lines: str = "", data: dict[str, str] | None = None) -> Path:
    """A copy of the example in ``tmp_path/p`` with ``template_lines`` in a block of its template and
    ``data`` replacing lines of its data file (the old line's start -> the new line); its data file."""
    folder = tmp_path / "p"
    shutil.copytree(EXAMPLE.parent, folder)
    template = folder / "templates" / "2018" / "report.j2"
    text = template.read_text("utf-8")
    assert OVERVIEW in text
    template.write_text(text.replace(OVERVIEW, OVERVIEW + template_lines + "\n", 1), "utf-8")
    report = folder / "report.toml"
    if data:
        lines = report.read_text("utf-8").splitlines()
        for start, line in data.items():
            found = [i for i, old in enumerate(lines) if old.startswith(start)]
            assert len(found) == 1, start
            lines[found[0]] = line
        report.write_text("\n".join(lines) + "\n", "utf-8")
    return report


def refused(args: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path, *needles: str,
            status: int = 2, chinese: bool = True) -> str:
    """Run the CLI: the exit status, exactly one line starting ``error:`` holding every needle, no traceback,
    and no new file anywhere under ``tmp_path`` but the inputs (no output, no temporary file). The line.

    Then (unless ``chinese=False``) the same again in Chinese (REPORTKIT_LANG=zh): one line starting ``错误：``,
    in Chinese (see :func:`english_words`), the same status, nothing written: every refusal the tests make is
    checked in both languages."""
    before = {p for p in tmp_path.rglob("*")}
    assert cli.main(args) == status
    err = capsys.readouterr().err
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, err
    for needle in needles:
        assert needle in errors[0], errors[0]
    assert {p for p in tmp_path.rglob("*")} - before == set()
    if chinese:
        set_language("zh")
        try:
            assert cli.main(args) == status
        finally:
            set_language(None)
        err = capsys.readouterr().err
        assert "Traceback" not in err
        lines = [line for line in err.splitlines() if line.startswith("错误：")]
        assert len(lines) == 1, err
        assert english_words(lines[0]) == [], lines[0]
        assert {p for p in tmp_path.rglob("*")} - before == set()
    return errors[0]


def english_words(line: str) -> list[str]:
    """Runs of English words left in a Chinese message: two or more words of letters in a row, outside what
    the message quotes from the input (paths, file names, "values", 'values', `names`, field paths)."""
    text = re.sub(r"\"[^\"]*\"|'[^']*'|`[^`]*`|“[^”]*”|「[^」]*」|\S*[/\\.=_]\S*", " ", line)
    return re.findall(r"[A-Za-z]{2,}(?:[ -][A-Za-z]{2,})+", text)


def chinese_error(data: Path) -> str:
    """The one-line DataError that loading ``data`` gives in Chinese."""
    set_language("zh")
    with pytest.raises(DataError) as caught:
        load_report(data)
    return str(caught.value)
