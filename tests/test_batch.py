"""Many reports in one run: folders and patterns, names that do not collide, one error among many, the
-o FILE convention, and the imports a command leaves out."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BODY_EXAMPLE, EXAMPLE

PINGTAN = EXAMPLE.parent.parent / "pingtan-2022" / "report.toml"


def _run(*args: str, cwd: Path | None = None, chinese: bool = False) -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess; ``chinese``: for a user whose locale is Chinese (LANG, REPORTKIT_LANG unset)."""
    env = None
    if chinese:
        env = {k: v for k, v in os.environ.items() if k not in ("REPORTKIT_LANG", "LANGUAGE", "LC_ALL",
                                                                 "LC_MESSAGES")}
        env["LANG"] = "zh_CN.UTF-8"
    return subprocess.run([sys.executable, "-m", "reportkit", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, encoding="utf-8")


def _project(source: Path, folder: Path, county: str) -> Path:
    """A copy of an example's project folder, the county renamed in its data file and templates."""
    old = source.read_text("utf-8").split('county = "', 1)[1].split('"', 1)[0]
    shutil.copytree(source.parent, folder)
    for path in folder.rglob("*"):
        if path.suffix in (".toml", ".j2"):
            path.write_text(path.read_text("utf-8").replace(old, county), "utf-8")
    return folder / "report.toml"


def test_a_folder_of_projects_renders_each_into_its_own_subfolder(tmp_path: Path) -> None:
    _project(EXAMPLE, tmp_path / "in" / "青山县", "青山县")
    _project(EXAMPLE, tmp_path / "in" / "绿水县", "绿水县")
    result = _run("render", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--format", "pdf", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    written = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*.pdf"))
    assert written == ["绿水县/report.pdf", "青山县/report.pdf"]
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["report", "pages", "findings", "time", "result"]
    rows = [line.split() for line in lines[1:3]]
    assert [row[0] for row in rows] == [str(tmp_path / "in" / "绿水县" / "report.toml"),
                                        str(tmp_path / "in" / "青山县" / "report.toml")]
    assert all(row[1] == "17" and row[-1] == "ok" for row in rows)  # the example's 17 pages
    assert result.stderr.count("6 fonts substituted; see reportkit fonts") == 1  # each worker's, printed once


def test_one_bad_report_does_not_stop_the_others_and_sets_the_exit_status(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    shutil.copy(BODY_EXAMPLE, good)
    bad = tmp_path / "bad.toml"
    bad.write_text(BODY_EXAMPLE.read_text("utf-8").replace("received = 3\n", 'received = "三"\n', 1), "utf-8")
    result = _run("render", str(tmp_path / "*.toml"), "-o", str(tmp_path / "out"), "--format", "docx")
    assert result.returncode == 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.docx"]  # named by stem: no clash
    assert f"error: {bad}: stats.applications.received" in result.stderr
    assert "Traceback" not in result.stderr
    outcome = {line.split()[0]: line.split()[-1] for line in result.stdout.splitlines()[1:3]}
    assert outcome == {str(bad): "error", str(good): "ok"}
    shutil.rmtree(tmp_path / "out")
    chinese = _run("render", str(tmp_path / "*.toml"), "-o", str(tmp_path / "out"), "--format", "docx", chinese=True)
    assert chinese.returncode == 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.docx"]
    assert chinese.stderr.splitlines() == [
        f'错误：{bad}：stats.applications.received：应为不小于 0 的整数（空白写 ""），实为 "三"',
        f"已写出 1 份报告的 1 个文件，位于 {tmp_path / 'out'}"]
    outcome = {line.split()[0]: line.split()[-1] for line in chinese.stdout.splitlines()[1:3]}
    assert outcome == {str(bad): "出错", str(good): "完成"}
    assert chinese.stdout.splitlines()[0].split() == ["报告", "问题", "用时", "结果"]


def test_output_to_a_named_file_takes_the_format_from_the_suffix(tmp_path: Path) -> None:
    target = tmp_path / "青山县2025年报告.pdf"
    result = _run("render", str(BODY_EXAMPLE), "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    assert target.read_bytes().startswith(b"%PDF-")
    assert f"wrote {target}" in result.stderr


@pytest.mark.parametrize(("extra", "message", "chinese"), [
    (["--format", "docx"], "is a PDF file name, but --format is docx", "：是 PDF 文件名，但 --format 为 docx"),
    ([str(PINGTAN)], "is one file, but 2 reports are to be written", "：是一个文件，但要生成 2 份报告"),
])
def test_a_named_output_file_refuses_what_it_cannot_hold(tmp_path: Path, extra: list[str], message: str,
                                                         chinese: str) -> None:
    result = _run("render", str(BODY_EXAMPLE), *extra, "-o", str(tmp_path / "x.pdf"))
    assert result.returncode == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []
    result = _run("render", str(BODY_EXAMPLE), *extra, "-o", str(tmp_path / "x.pdf"), chinese=True)
    assert result.returncode == 2
    assert result.stderr.startswith(f"错误：{tmp_path / 'x.pdf'}{chinese}") and result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_render_without_a_file_takes_report_toml_of_the_current_folder(tmp_path: Path) -> None:
    result = _run("render", "--format", "docx", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error: report.toml: no report.toml in the current folder")
    chinese = _run("render", "--format", "docx", cwd=tmp_path, chinese=True)
    assert chinese.returncode == 2
    assert chinese.stderr == ("错误：report.toml：当前文件夹中没有 report.toml；请给出数据文件，例如 "
                              "`reportkit render 青山县/report.toml`\n")
    shutil.copy(BODY_EXAMPLE, tmp_path / "report.toml")
    result = _run("render", "--format", "docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "report.docx").is_file()


def test_validate_takes_many_files_and_exits_with_the_worst(tmp_path: Path) -> None:
    slipped = tmp_path / "slipped.toml"  # the example without the [[accept]] of its text slip: a warning
    text = BODY_EXAMPLE.read_text("utf-8")
    slipped.write_text(text[:text.rindex("[[accept]]")], "utf-8")
    result = _run("validate", str(PINGTAN), str(slipped), str(slipped), "--format", "json", "--strict")
    assert result.returncode == 1  # warnings under --strict; the file given twice is checked once
    reports = json.loads(result.stdout)
    assert [r["file"] for r in reports] == [str(PINGTAN), str(slipped)]
    assert all(r["findings"] for r in reports)
    result = _run("validate", str(EXAMPLE), str(tmp_path / "missing.toml"))
    assert result.returncode == 2
    assert f"error: {tmp_path / 'missing.toml'}: cannot read the file" in result.stderr
    assert f"{EXAMPLE}:" in result.stdout  # the other file's findings all the same


def _modules_after(*args: str) -> set[str]:
    code = ("import sys; from reportkit.cli import main; main(sys.argv[1:]); "
            "print(' '.join(sorted(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr
    return set(result.stdout.split())


def test_each_command_imports_only_what_it_needs(tmp_path: Path) -> None:
    pdf = _modules_after("render", str(EXAMPLE), "-o", str(tmp_path), "--format", "pdf")
    assert "reportlab" in pdf
    assert not {"docx", "lxml", "yaml", "xml.sax.saxutils", "rich", "jieba"} & pdf
    # One file is rendered in this process: no worker pool (multiprocessing), no entry points read.
    assert not {"multiprocessing", "concurrent.futures.process", "importlib.metadata"} & pdf
    docx = _modules_after("render", str(EXAMPLE), "-o", str(tmp_path), "--format", "docx")
    assert "docx" in docx and "reportlab" not in docx
    checked = _modules_after("validate", str(EXAMPLE))
    assert not {"docx", "reportlab", "yaml", "rich"} & checked


def test_a_job_collects_young_objects_less_often_and_puts_the_thresholds_back(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from reportkit.batch import jobs

    seen: list[tuple[int, int, int]] = []
    monkeypatch.setattr(jobs, "_render", lambda task, run: seen.append(gc.get_threshold()) or 0)
    before = gc.get_threshold()
    outcome = jobs.render(jobs.Task(file=tmp_path / "r.toml"))
    assert outcome.status == 0 and seen[0][0] >= 10_000 and seen[0][1:] == before[1:]
    assert gc.get_threshold() == before
