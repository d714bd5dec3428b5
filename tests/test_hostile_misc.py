"""Hostile values (issue 13, classes 4, 7, 8, 9): layout, fonts, figures, collect, `new`, file dates."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reportkit import DataError, cli, load_report
from reportkit.render.output import file_date

from conftest import BODY_EXAMPLE
from hostile import project, refused


def _render(data: Path, tmp_path: Path) -> list[str]:
    return ["render", str(data), "-o", str(tmp_path / "out")]


LAYOUT = "keep_headings_with_next = false"


@pytest.mark.parametrize(("setting", "value"), [
    ("page_number_gap_mm", "nan"), ("margin_top_mm", "inf"), ("margin_left_mm", "1e300"),
])
def test_a_layout_measure_that_is_not_a_number_is_refused(setting: str, value: str, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    data = project(tmp_path, data={LAYOUT: f"{LAYOUT}\n{setting} = {value}"})
    refused(_render(data, tmp_path), capsys, tmp_path, f"error: {data}: layout.{setting}: expected a number from 0", chinese=True)


@pytest.mark.parametrize("content", [b"not a font at all", b"\x00\x01\x00\x00\x00\x01" + b"\x00" * 6,
                                     b"\x00\x01\x00\x00\x00\x01" + b"\x00" * 6 + b"head" + b"\x00" * 12])
def test_a_file_that_only_looks_like_a_font_is_refused_at_load(content: bytes, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    data = project(tmp_path, data={LAYOUT: f'{LAYOUT}\n[layout.fonts]\nbody = "fake.ttf"'})
    (data.parent / "fake.ttf").write_bytes(content)
    for command in (["validate", str(data)], _render(data, tmp_path)):
        refused(command, capsys, tmp_path, f"error: {data}: layout.fonts.body: ", "is not a TrueType font", chinese=True)


@pytest.mark.parametrize(("start", "line", "field", "needle"), [
    ("[stats.fees]\ntotal = 0", '[stats.fees]\ntotal = "1E+99999999"', "stats.fees.total", "is not an amount"),
    ("[stats.fees]\ntotal = 0", '[stats.fees]\ntotal = "0.0000001"', "stats.fees.total", "at most 6 decimal places"),
    ("received = 3", "received = 100000000000000000000", "stats.applications.received", "larger than any figure"),
    ('issuer = "同心县人民政府"', f'issuer = "{"某" * 300}"', "meta.issuer", "300 characters long"),
])
def test_a_value_no_report_holds_is_refused(start: str, line: str, field: str, needle: str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    text = BODY_EXAMPLE.read_text("utf-8")
    assert start in text
    data = tmp_path / "report.toml"
    data.write_text(text.replace(start, line, 1), "utf-8")
    refused(_render(data, tmp_path), capsys, tmp_path, f"error: {data}: {field}: ", needle, chinese=True)


@pytest.mark.parametrize(("figure", "loads"), [(10**14, True), (10**15 - 1, True), (10**15, False)])
def test_a_figure_is_bounded_only_by_the_hard_limit(figure: int, loads: bool, tmp_path: Path) -> None:
    # 10^14 applications is absurd, but not reportkit's to refuse (a plausibility bound below 10^15 is no error;
    # the checks of the figures say what does not add up); 10^15 is more than a table cell prints.
    text = BODY_EXAMPLE.read_text("utf-8")
    assert "received = 3\n" in text
    data = tmp_path / "report.toml"
    data.write_text(text.replace("received = 3\n", f"received = {figure}\n", 1), "utf-8")
    if loads:
        assert load_report(data).stats.applications.received == figure  # type: ignore[attr-defined]
    else:
        with pytest.raises(DataError, match=r"stats\.applications\.received: 1000000000000000… is larger than any "
                                            r"figure \(the limit is 1000000000000000"):
            load_report(data)


def test_a_fee_of_minus_zero_is_zero(tmp_path: Path) -> None:
    text = BODY_EXAMPLE.read_text("utf-8").replace("[stats.fees]\ntotal = 0", '[stats.fees]\ntotal = "-0"')
    assert '"-0"' in text
    data = tmp_path / "report.toml"
    data.write_text(text, "utf-8")
    assert str(load_report(data).stats.fees.total) == "0"  # type: ignore[attr-defined]


def _return(path: Path, unit: str) -> Path:
    assert cli.main(["new-return", str(path), "--unit", "临时", "--edition", "2018"]) == 0
    text = path.read_text("utf-8").replace('unit = "临时"', f"unit = {unit}").replace('"待填写"', "1")
    path.write_text(text, "utf-8")
    return path


def test_collect_counts_a_unit_once_whatever_its_spaces(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = _return(tmp_path / "a.toml", '"丁塘镇"'), _return(tmp_path / "b.toml", '"丁塘镇 "')
    refused(["collect", str(first), str(second), "-o", str(tmp_path / "sum.toml")], capsys, tmp_path,
            f"error: {second}: unit: 丁塘镇 is also the unit of {first}", chinese=True)


def test_collect_refuses_a_unit_name_of_two_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _return(tmp_path / "a.toml", '"丁塘镇\\n# 标题"')
    refused(["collect", str(bad), "-o", str(tmp_path / "sum.toml")], capsys, tmp_path,
            f"error: {bad}: unit: contains a line break U+000A", chinese=True)


def test_collect_never_replaces_a_file_it_did_not_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unit = _return(tmp_path / "a.toml", '"丁塘镇"')
    report = tmp_path / "report.toml"
    report.write_bytes(BODY_EXAMPLE.read_bytes())
    refused(["collect", str(unit), "-o", str(report)], capsys, tmp_path,
            f"error: {report}: exists and is not a figures file collect wrote", "--force", chinese=True)
    assert report.read_bytes() == BODY_EXAMPLE.read_bytes()
    figures = tmp_path / "figures.toml"
    # (every figure 1: the sums do not hold, an error since issue 15, hence --force)
    assert cli.main(["collect", str(unit), "-o", str(figures), "--force"]) == 0
    assert cli.main(["collect", str(unit), "-o", str(figures), "--force"]) == 0  # its own file: collected again
    assert cli.main(["collect", str(unit), "-o", str(report), "--force"]) == 0
    assert report.read_bytes() == figures.read_bytes()


def test_new_refuses_a_year_it_could_not_read_and_a_file_for_a_folder(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    refused(["new", str(tmp_path / "n"), "--county", "某县", "--year", "99999"], capsys, tmp_path,
            "error: --year: 99999 is not a reporting year", chinese=True)
    (tmp_path / "f.toml").write_text("x", "utf-8")
    refused(["new", str(tmp_path / "f.toml"), "--county", "某县", "--year", "2025"], capsys, tmp_path,
            f"error: {tmp_path / 'f.toml'}: is a file; give the folder", chinese=True)


def test_source_date_epoch_changes_neither_format(tmp_path: Path) -> None:
    """One rule for both: a DOCX and a PDF are dated by the report (成文日期, else the period's end)."""
    outputs = {}
    for epoch in ("", "1700000000"):
        out = tmp_path / (epoch or "none")
        env = {"SOURCE_DATE_EPOCH": epoch} if epoch else {}
        code = ("import os, sys; from reportkit import cli; os.environ.update(" + repr(env) + "); "
                f"sys.exit(cli.main(['render', {str(BODY_EXAMPLE)!r}, '-o', {str(out)!r}]))")
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        outputs[epoch] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    assert outputs[""] == outputs["1700000000"]
    pdf = outputs[""][f"{BODY_EXAMPLE.stem}.pdf"]
    assert b"/CreationDate (D:20181231000000+00'00')" in pdf
    assert file_date(load_report(BODY_EXAMPLE).to_document().info.created).date().isoformat() == "2018-12-31"
