"""Fuzzing: mutated data files and templates go through load -> validate -> render in process, and end in a
report or a refusal (DataError, FontError, RenderError: the CLI's one line), never another exception, a hang
past the limits, or output on a refusal.

Small in the suite; ``REPORTKIT_FUZZ=large`` runs 5,000 data and 1,000 template mutations, ``REPORTKIT_FUZZ=N``
runs N and N/5; ``REPORTKIT_FUZZ_SEED`` changes the seed.
"""

from __future__ import annotations

import collections
import json
import os
import random
import shutil
import time
import tomllib
import warnings
from pathlib import Path
from typing import Any

import pytest

from reportkit import cli, load_report
from reportkit.fonts import FontError
from reportkit.render import RenderError, render_docx, render_pdf
from reportkit.report import DataError
from reportkit.validate import validate

from conftest import BODY_EXAMPLE, EXAMPLE
from fuzz import mutate_data, mutate_template, mutate_toml


def _counts() -> tuple[int, int]:
    asked = os.environ.get("REPORTKIT_FUZZ", "")
    if asked == "large":
        return 5000, 1000
    if asked.isdigit():
        return int(asked), max(1, int(asked) // 5)
    return 60, 20


SEED = int(os.environ.get("REPORTKIT_FUZZ_SEED", "13"))


@pytest.fixture
def bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # The limits lowered, so that a hostile template costs a second, not the default 20.
    monkeypatch.setenv("REPORTKIT_LIMIT_TEMPLATE_SECONDS", "2")
    monkeypatch.setenv("REPORTKIT_LIMIT_TEMPLATE_MEGABYTES", "128")
    monkeypatch.setenv("REPORTKIT_LIMIT_NARRATIVE_CHARS", "200000")


def _through(path: Path, render: bool) -> str:
    """What became of a file: "refused", "render refused", "rendered" or "loaded"; any other exception fails."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            report = load_report(path)
        except (DataError, FontError):
            return "refused"
        validate(report)
        document = report.to_document()
        if not render:
            return "loaded"
        try:
            render_docx(document)
            render_pdf(document)
        except RenderError:
            return "render refused"
        return "rendered"


def _cli_writes_nothing_on_refusal(path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = cli.main(["render", str(path), "-o", str(out)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert status in (0, 2), err
    if status == 2:
        assert len([line for line in err.splitlines() if line.startswith("error:")]) == 1, err
        assert not out.exists() or not any(out.iterdir()), err
    shutil.rmtree(out, ignore_errors=True)


def _report(kind: str, seen: collections.Counter[str], count: int, started: float) -> None:
    print(f"\nfuzz {kind}: {count} mutations in {time.monotonic() - started:.0f} s: {dict(seen)}")


def _failing(path: Path, text: str, seed: int) -> str:
    return f"seed {seed}: {path.name}:\n{text[:3000]}"


def test_mutated_data_files_end_in_a_report_or_one_refusal(tmp_path: Path, bounded: None,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    count = _counts()[0]
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE.parent, project)
    (project / "body.toml").write_bytes(BODY_EXAMPLE.read_bytes())
    originals: list[dict[str, Any]] = [
        json.loads(json.dumps(tomllib.loads(path.read_text("utf-8")), default=str))
        for path in (EXAMPLE, BODY_EXAMPLE)
    ]
    texts = [EXAMPLE.read_text("utf-8"), BODY_EXAMPLE.read_text("utf-8")]
    seen: collections.Counter[str] = collections.Counter()
    started = time.monotonic()
    for i in range(count):
        rng = random.Random(SEED * 1_000_003 + i)
        which = rng.randrange(2)
        if rng.random() < 0.25:
            suffix, text = ".toml", mutate_toml(texts[which], rng)
        else:
            suffix, text = mutate_data(originals[which], rng)
        path = project / f"mutated{suffix}"
        path.write_text(text, "utf-8", errors="surrogatepass")
        try:
            seen[_through(path, render=i % 200 == 7)] += 1
            if i % 50 == 3:
                _cli_writes_nothing_on_refusal(path, tmp_path / "out", capsys)
        except Exception as exc:
            raise AssertionError(_failing(path, text, i)) from exc
    _report("data", seen, count, started)
    assert seen["refused"] and (seen["loaded"] or seen["rendered"])  # the mutations both break and keep files


def test_mutated_templates_end_in_a_report_or_one_refusal(tmp_path: Path, bounded: None,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    count = _counts()[1]
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE.parent, project)
    template = project / "templates" / "2018" / "report.j2"
    original = template.read_text("utf-8")
    seen: collections.Counter[str] = collections.Counter()
    started = time.monotonic()
    for i in range(count):
        rng = random.Random(SEED * 7_000_003 + i)
        text = mutate_template(original, rng)
        template.write_text(text, "utf-8", errors="surrogatepass")
        try:
            seen[_through(project / "report.toml", render=i % 100 == 5)] += 1
            if i % 25 == 3:
                _cli_writes_nothing_on_refusal(project / "report.toml", tmp_path / "out", capsys)
        except Exception as exc:
            raise AssertionError(_failing(template, text, i)) from exc
    _report("templates", seen, count, started)
    assert seen["refused"] and (seen["loaded"] or seen["rendered"])
