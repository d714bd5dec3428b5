"""Hostile data files (issue 13, classes 4, 5 and 8): refused in one line naming the file, nothing written."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any

import pytest

from conftest import BODY_EXAMPLE
from hostile import chinese_error, project, refused


def _example() -> dict[str, Any]:
    data: dict[str, Any] = tomllib.loads(BODY_EXAMPLE.read_text("utf-8"))
    return json.loads(json.dumps(data, default=str, ensure_ascii=False))  # dates as text, which JSON holds


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def _render(path: Path, tmp_path: Path) -> list[str]:
    return ["render", str(path), "-o", str(tmp_path / "out")]


@pytest.mark.parametrize(("name", "text"), [
    ("deep.json", '{"edition": "2018", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}"),
    ("deep.toml", 'edition = "2018"\nmeta = ' + "[" * 2000 + "]" * 2000 + "\n"),
    ("deep.yaml", "edition: '2018'\nmeta: " + "[" * 5000 + "]" * 5000 + "\n"),
    ("deep2.json", '{"edition": "2018", "meta": ' + "[" * 40 + "]" * 40 + "}"),
])
def test_data_nested_without_end_is_one_line(name: str, text: str, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, name, text)
    refused(_render(path, tmp_path), capsys, tmp_path, f"error: {path}: is nested deeper than a report is", chinese=True)


@pytest.mark.parametrize(("name", "text"), [
    ("big.json", '{"edition": "2018", "meta": ' + "9" * 5000 + "}"),
    ("big.toml", 'edition = "2018"\nmeta = ' + "9" * 5000 + "\n"),
    ("big.yaml", "edition: '2018'\nmeta: " + "9" * 5000 + "\n"),
])
def test_a_number_of_5000_digits_is_one_line(name: str, text: str, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, name, text)
    refused(_render(path, tmp_path), capsys, tmp_path, f"error: {path}: holds a number of more than 4300 digits", chinese=True)


def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = ['a0: &a0 ["甲甲甲甲甲甲甲甲甲甲"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    path = _write(tmp_path, "bomb.yaml", "\n".join(lines) + "\nedition: '2018'\n")
    assert path.stat().st_size < 8000  # stands for 10^8 strings
    refused(_render(path, tmp_path), capsys, tmp_path, f"error: {path}: holds more values than a report has",
            "YAML aliases", chinese=True)


@pytest.mark.parametrize(("name", "text", "needle"), [
    ("twice.json", '{"edition": "2018", "edition": "2021"}', ": edition: the key is given twice; keep one"),
    ("twice.yaml", "edition: '2018'\nmeta: {}\nedition: '2021'\n", ": edition: the key is given twice (line 3)"),
])
def test_a_key_given_twice_is_refused(name: str, text: str, needle: str, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, name, text)
    refused(_render(path, tmp_path), capsys, tmp_path, f"error: {path}{needle}", chinese=True)


def test_yaml_merge_keys_still_override(tmp_path: Path) -> None:
    from reportkit.report.reader import parse_file

    path = _write(tmp_path, "merge.yaml", "base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\n")
    assert parse_file(path, str(path)) == {"base": {"x": 1, "y": 2}, "use": {"x": 1, "y": 3}}


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_a_data_file_that_is_not_a_regular_file_is_not_read(kind: str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    if kind == "device":
        path = Path("/dev/zero")
    elif kind == "fifo":
        path = tmp_path / "figures.json"
        os.mkfifo(path)
    else:
        path = tmp_path / "figures.json"
        path.mkdir()
    data = _example()
    data["stats"] = str(path)
    report = _write(tmp_path, "report.json", json.dumps(data, ensure_ascii=False))
    # review #15: named by the report and its field, then the file
    refused(_render(report, tmp_path), capsys, tmp_path, f"error: {report}: stats: {path}: is ", "give a data file",
            chinese=True)
    refused(_render(path, tmp_path), capsys, tmp_path, f"error: {path}: is ", chinese=True)


def test_a_data_file_over_the_size_limit_is_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTKIT_LIMIT_DATA_FILE_BYTES", "1000")
    refused(_render(BODY_EXAMPLE, tmp_path), capsys, tmp_path, f"error: {BODY_EXAMPLE}: is ",
            "too large for a data file (the limit is 1000 bytes; raise it with REPORTKIT_LIMIT_DATA_FILE_BYTES)", chinese=True)


def test_a_key_given_twice_in_toml_is_named_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # review #14: docs/security.md promises "FILE: KEY: the key is given twice (line N); keep one", as JSON and YAML
    report = project(tmp_path, data={"received = ": "received = 3\nreceived = 4"})
    refused(_render(report, tmp_path), capsys, tmp_path,
            f"error: {report}: stats.applications.received: the key is given twice (line 72); keep one", chinese=True)
    assert chinese_error(report) == f"{report}：stats.applications.received：这个键写了两次（第 72 行）；请只留一个"


def test_a_table_given_twice_in_toml_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = project(tmp_path, data={"[stats.review]": "[stats.applications]"})
    refused(_render(report, tmp_path), capsys, tmp_path,
            f"error: {report}: stats.applications: the key is given twice (line 95); keep one", chinese=True)


def test_a_data_file_that_is_not_utf8_names_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # review #22: the line, not a byte offset no one can find
    report = project(tmp_path)
    lines = report.read_bytes().split(b"\n")
    lines[2] += "甲".encode("gb18030")
    report.write_bytes(b"\n".join(lines))
    refused(_render(report, tmp_path), capsys, tmp_path, f"error: {report}: line 3: is not UTF-8 text; save it as UTF-8",
            chinese=True)


def test_a_figures_reference_that_is_not_a_workbook_names_the_report_and_field(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # review #15: `stats = "s.xlsx"` (not a workbook) named neither the report nor the field
    (tmp_path / "s.xlsx").write_text("不是工作簿", "utf-8")
    data = _example()
    data["stats"] = "s.xlsx"
    report = _write(tmp_path, "report.json", json.dumps(data, ensure_ascii=False))
    refused(_render(report, tmp_path), capsys, tmp_path, f"error: {report}: stats: {tmp_path / 's.xlsx'}: ",
            chinese=True)
    missing = dict(data, stats="nosuch.toml")
    report.write_text(json.dumps(missing, ensure_ascii=False), "utf-8")
    refused(_render(report, tmp_path), capsys, tmp_path, f"error: {report}: stats: {tmp_path / 'nosuch.toml'}: ",
            chinese=True)
