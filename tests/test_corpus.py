"""The corpus of slips real reports publish (classes a–l of issue 15), one constructed case each.

Each ``corpus/<class>-*.toml`` changes the consistent base report (``corpus/base-2021.toml``) twice: ``slipped``
with the slip, ``corrected`` without it. The slipped version must give exactly the ``[[expect]]`` findings
(rule, cells, place and message); the corrected one none. A change is ``text`` (pairs of old and new text of a
paragraph; the old text must occur once) and ``data`` (a dotted path into the data file and its new value).
``previous`` (optional) is last year's report, made the same way from ``previous_base``.
"""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest

from reportkit.report.load import parse_report
from reportkit.validate import validate
from reportkit.validate.findings import open_findings

pytestmark = pytest.mark.language("zh")  # the corpus names each slip's finding in Chinese, as the checks write it

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p for p in CORPUS.glob("[a-l]-*.toml"))


def _patched(base: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(base)
    for old, new in change.get("text", []):
        places = [entry for entry in data.get("body", []) if old in entry.get("paragraph", "")]
        assert len(places) == 1 and places[0]["paragraph"].count(old) == 1, f"{old!r} is not once in the base"
        places[0]["paragraph"] = places[0]["paragraph"].replace(old, new)
    for path, value in change.get("data", {}).items():
        *parents, last = path.split(".")
        target = data
        for name in parents:
            target = target.setdefault(name, {})
        if value == "(remove)":
            del target[last]
        else:
            target[last] = value
    return data


def _findings(case: dict[str, Any], version: str) -> list[tuple[str, list[str], str, str]]:
    base = tomllib.loads((CORPUS / case.get("base", "base-2021.toml")).read_text("utf-8"))
    report = parse_report(_patched(base, case[version]), f"{version}.toml", base=CORPUS)
    previous = None
    if f"previous_{version}" in case:
        last = tomllib.loads((CORPUS / case["previous_base"]).read_text("utf-8"))
        previous = parse_report(_patched(last, case[f"previous_{version}"]), "previous.toml", base=CORPUS)
    return [(f.rule, list(f.cells), f.where, f.message) for f in open_findings(validate(report, previous))]


def test_the_corpus_has_a_case_for_every_class() -> None:
    assert [p.name[0] for p in CASES] == list("abcdefghijkl")


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_slip_is_found_with_its_cells_and_place(path: Path) -> None:
    case = tomllib.loads(path.read_text("utf-8"))
    expected = [(e["rule"], e.get("cells", []), e["where"], e["message"]) for e in case["expect"]]
    assert expected, "a case states the findings of its slips"
    assert _findings(case, "slipped") == expected


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_corrected_version_is_clean(path: Path) -> None:
    assert _findings(tomllib.loads(path.read_text("utf-8")), "corrected") == []


def test_the_base_is_clean() -> None:
    assert _findings({"base": "base-2021.toml", "v": {}}, "v") == []
