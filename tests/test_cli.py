from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

import reportkit
from reportkit import cli

from conftest import BODY_EXAMPLE, EXAMPLE
from hostile import english_words


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportkit", *args], capture_output=True, text=True, cwd=cwd)


def _run_chinese(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI for a user whose locale is Chinese: LANG alone chooses (REPORTKIT_LANG unset)."""
    env = {k: v for k, v in os.environ.items() if k not in ("REPORTKIT_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    return subprocess.run([sys.executable, "-m", "reportkit", *args], capture_output=True, text=True,
                          env={**env, "LANG": "zh_CN.UTF-8"}, encoding="utf-8")


def test_version_and_help() -> None:
    assert _run("--version").stdout.strip() == f"reportkit {reportkit.__version__}"
    help_text = _run("render", "--help").stdout
    assert "--format {docx,pdf,html,all}" in help_text and "-o PATH" in help_text


def test_render_writes_every_format_named_after_the_data_file(tmp_path: Path) -> None:
    result = _run("render", str(EXAMPLE), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx", "report.fragment.html", "report.html",
                                                          "report.pdf"]
    assert (tmp_path / "report.html").read_bytes().startswith(b"<!DOCTYPE html>")
    assert (tmp_path / "report.fragment.html").read_bytes().startswith(b'<article lang="zh-CN"')
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF-")
    assert "fonts substituted; see reportkit fonts" in result.stderr  # never silent


def test_render_html_writes_the_page_and_the_fragment(tmp_path: Path) -> None:
    result = _run("render", str(EXAMPLE), "--format", "html", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.fragment.html", "report.html"]


def test_render_defaults_to_the_current_folder(tmp_path: Path) -> None:
    result = _run("render", str(EXAMPLE), "--format", "pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def _bad_copy(tmp_path: Path) -> Path:
    text = EXAMPLE.read_text("utf-8").replace("received = 3\n", 'received = "三"\n', 1)
    assert '"三"' in text
    path = tmp_path / "report.toml"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize(("run", "expected"), [
    (_run, 'error: {bad}: stats.applications.received: expected a whole number >= 0 (or "" for a blank), got "三"'),
    (_run_chinese, '错误：{bad}：stats.applications.received：应为不小于 0 的整数（空白写 ""），实为 "三"'),
], ids=["en", "zh"])
def test_bad_count_exits_2_with_one_line_and_no_output(
        run: Callable[..., subprocess.CompletedProcess[str]], expected: str, tmp_path: Path) -> None:
    bad = _bad_copy(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    result = run("render", str(bad), "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [expected.format(bad=bad)]
    assert "Traceback" not in result.stderr
    assert list(out.iterdir()) == []


def test_output_folder_is_made_but_not_for_bad_input(tmp_path: Path) -> None:
    result = _run("render", str(_bad_copy(tmp_path)), "-o", str(tmp_path / "bad"), "--format", "pdf")
    assert result.returncode == 2 and not (tmp_path / "bad").exists()
    result = _run("render", str(EXAMPLE), "-o", str(tmp_path / "new" / "out"), "--format", "pdf")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "new" / "out" / "report.pdf").exists()


def test_output_path_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    result = _run("render", str(EXAMPLE), "-o", str(tmp_path / "f"))
    assert result.returncode == 2
    assert "is not a folder" in result.stderr
    chinese = _run_chinese("render", str(EXAMPLE), "-o", str(tmp_path / "f"))
    assert chinese.returncode == 2
    assert chinese.stderr.startswith(f"错误：{tmp_path / 'f'}：不是文件夹；-o 应为输出文件夹，或名为 *.docx")
    assert english_words(chinese.stderr) == [], chinese.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["f"]


def test_a_failing_renderer_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object, **__: object) -> bytes:
        raise RuntimeError("renderer failed")

    import reportkit.render.pdf

    monkeypatch.setattr(reportkit.render.pdf, "render_pdf_counted", broken)
    with pytest.raises(RuntimeError):
        cli.main(["render", str(EXAMPLE), "-o", str(tmp_path)])
    assert list(tmp_path.iterdir()) == []  # the DOCX, rendered first, was not written either


def test_yaml_data_file_renders(tmp_path: Path) -> None:
    import yaml

    data = tomllib.loads(BODY_EXAMPLE.read_text("utf-8"))
    (tmp_path / "r.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    result = _run("render", str(tmp_path / "r.yaml"), "-o", str(tmp_path), "--format", "docx")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx", "r.yaml"]


def test_bare_reportkit_prints_help_and_exits_2() -> None:
    result = _run()
    assert result.returncode == 2
    assert result.stdout == ""
    assert "usage: reportkit" in result.stderr and "render" in result.stderr


def test_fonts_fontconfig_prints_the_packaged_file() -> None:
    result = _run("fonts", "--fontconfig")
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path.is_file() and "<fontconfig>" in path.read_text("utf-8")


def test_a_new_report_renders_in_a_few_lines_before_the_files_written(tmp_path: Path) -> None:
    assert _run("new", str(tmp_path / "r"), "--county", "青山县", "--year", "2025").returncode == 0
    data = tmp_path / "r" / "report.toml"
    result = _run("render", str(data), "-o", str(tmp_path / "out"))
    lines = result.stderr.splitlines()
    assert result.returncode == 0 and len(lines) <= 10, result.stderr  # was 221 lines
    assert "places still 待填写" in lines[0] and f"reportkit validate {data}" in lines[0]
    assert lines[-1].startswith("wrote ") and not any(line.startswith("warning: font ") for line in lines)
    verbose = _run("render", str(data), "-o", str(tmp_path / "out"), "--verbose").stderr.splitlines()
    assert len(verbose) > 200 and any(line.startswith("warning: font ") for line in verbose)
    quiet = _run("render", str(data), "-o", str(tmp_path / "out"), "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == ""
