"""The reviewer's findings on the command line (/work/review/findings.md): each fixed, in both languages."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from test_cli_language import CHINESE, ENGLISH, LOCALE_VARIABLES, _cli

from reportkit import cli
from reportkit.fonts import FontSubstitutionWarning
from reportkit.i18n import set_language

from conftest import BODY_EXAMPLE
from hostile import refused


# 1. `reportkit new` wrote over an existing README.md without a word; `new ''` wrote into the current folder.
@pytest.mark.parametrize("existing", ["README.md", "templates/2021/README.md", "report.toml"])
def test_new_never_writes_over_a_file(existing: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "ne2"
    mine = folder / existing
    mine.parent.mkdir(parents=True)
    mine.write_text("我的说明\n", "utf-8")
    args = ["new", str(folder), "--county", "某县", "--year", "2025"]
    refused(args, capsys, tmp_path, f"{mine} exists already; choose another folder", chinese=True)
    assert mine.read_text("utf-8") == "我的说明\n"
    set_language("zh")
    try:
        assert cli.main(args) == 2
    finally:
        set_language(None)
    assert capsys.readouterr().err == f"错误：{mine} 已存在；请换一个文件夹\n"


@pytest.mark.parametrize("name", ["", " "])
def test_new_refuses_an_empty_folder_name(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    refused(["new", name, "--county", "某县", "--year", "2025"], capsys, tmp_path, "FOLDER: must not be empty",
            chinese=True)
    assert list(tmp_path.iterdir()) == []
    result = _cli("new", name, "--county", "某县", "--year", "2025", cwd=tmp_path, **CHINESE)
    assert (result.returncode, result.stderr) == (2, "错误：FOLDER：不能为空\n")


# 27. `watch nosuch.toml` watched the current folder forever; `watch FILE --bogus` showed reportkit's usage.
@pytest.mark.parametrize(("env", "line"), [(CHINESE, "错误：nosuch.toml：无法读取文件："),
                                           (ENGLISH, "error: nosuch.toml: cannot read the file: ")])
def test_watch_stops_when_its_file_does_not_exist(env: dict[str, str], line: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES} | env
    # before, it watched until killed
    result = subprocess.run([sys.executable, "-m", "reportkit", "watch", "nosuch.toml", "-o", "out"], cwd=tmp_path,
                            env=env, capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(line), result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("env", "usage", "line"), [
    (CHINESE, "用法：reportkit render ", "reportkit render：错误：无法识别的参数：--bogus"),
    (ENGLISH, "usage: reportkit render ", "reportkit render: error: unrecognized arguments: --bogus")])
def test_an_unknown_option_shows_the_usage_of_its_command(env: dict[str, str], usage: str, line: str,
                                                          tmp_path: Path) -> None:
    shutil.copy(BODY_EXAMPLE, tmp_path / "report.toml")
    for args in (["watch", "report.toml", "--bogus"], ["render", "report.toml", "--bogus"]):
        result = _cli(*args, cwd=tmp_path, **env)
        assert result.returncode == 2
        assert result.stderr.startswith(usage) and result.stderr.splitlines()[-1] == line, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.toml"]


# 13. `-o out/x.txt` made a folder named x.txt.
@pytest.mark.parametrize("target", ["out/x.txt", "report.docx.bak", "报告.doc"])
def test_an_output_with_an_unknown_suffix_is_refused(target: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / target
    refused(["render", str(BODY_EXAMPLE), "-o", str(output)], capsys, tmp_path,
            f"{output}: is not a file type reportkit writes (.docx, .pdf, .html), nor a folder", chinese=True)
    result = _cli("render", str(BODY_EXAMPLE), "-o", str(output), **CHINESE)
    assert (result.returncode, result.stderr) == (
        2, f"错误：{output}：不是 reportkit 可生成的文件类型（.docx、.pdf、.html），也不是文件夹\n")


def test_a_folder_stays_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "out.2025").mkdir()  # an existing folder, whatever its name
    for target in ("out", "out.2025"):
        assert cli.main(["render", str(BODY_EXAMPLE), "-o", str(tmp_path / target), "--format", "html"]) == 0
        assert (tmp_path / target / f"{BODY_EXAMPLE.stem}.html").is_file()
    capsys.readouterr()


# 20. On an output error the font warning came after the error line; in batch after the "wrote" line.
def _substituting(write: object) -> object:
    def written(files: list[tuple[Path, bytes]]) -> None:
        warnings.warn(FontSubstitutionWarning("方正小标宋简体", "Noto Serif CJK SC", "/f.otf", ("title",)),
                      stacklevel=1)
        write(files)  # type: ignore[operator]
    return written


@pytest.mark.parametrize("language", ["en", "zh"])
def test_no_warning_after_an_output_error(language: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import reportkit.batch.jobs

    def denied(files: list[tuple[Path, bytes]]) -> None:
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM), str(files[0][0]))

    monkeypatch.setattr(reportkit.batch.jobs, "write_outputs", _substituting(denied))
    set_language(language)  # type: ignore[arg-type]
    assert cli.main(["render", str(BODY_EXAMPLE), "-o", str(tmp_path / "out"), "--format", "html"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：无法写入" if language == "zh" else "error: cannot write"), lines


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_wrote_line_is_the_last_of_a_batch(language: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import reportkit.batch.jobs

    monkeypatch.setattr(reportkit.batch.jobs, "write_outputs", _substituting(reportkit.batch.jobs.write_outputs))
    shutil.copy(BODY_EXAMPLE, tmp_path / "a.toml")
    shutil.copy(BODY_EXAMPLE, tmp_path / "b.toml")
    set_language(language)  # type: ignore[arg-type]
    args = ["render", str(tmp_path / "a.toml"), str(tmp_path / "b.toml"), "-o", str(tmp_path / "out"), "--format",
            "html", "--jobs", "1"]
    assert cli.main(args) == 0
    lines = capsys.readouterr().err.splitlines()
    font = "警告：有 1 种字体未安装，已用替代字体，详见 reportkit fonts" if language == "zh" else \
        "warning: 1 font substituted; see reportkit fonts"
    wrote = f"已写出 2 份报告的 4 个文件，位于 {tmp_path / 'out'}" if language == "zh" else \
        f"wrote 4 files of 2 reports to {tmp_path / 'out'}"
    assert lines[-2:] == [font, wrote], lines


# 18. argparse's "invalid int value: 'abc'" (and its usage block) for a number; 24. --strict --force accepted.
@pytest.mark.parametrize(("args", "needle", "chinese"), [
    (["render", "{example}", "--jobs", "abc"], '--jobs: expected a whole number, got "abc"',
     '错误：--jobs：应为整数，实为 "abc"'),
    (["validate", "{example}", "-j", "2x"], '--jobs: expected a whole number, got "2x"',
     '错误：--jobs：应为整数，实为 "2x"'),
    (["new", "{tmp}/n", "--county", "某县", "--year", "二〇二五年"], '--year: expected a whole number, got "二〇二五年"',
     '错误：--year：应为整数，实为 "二〇二五年"'),
    (["new-return", "{tmp}/r.toml", "--unit", "甲镇", "--year", "abc"], '--year: expected a whole number, got "abc"',
     '错误：--year：应为整数，实为 "abc"'),
])
def test_a_number_that_is_not_one(args: list[str], needle: str, chinese: str, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    filled = [a.format(tmp=tmp_path, example=BODY_EXAMPLE) for a in args]
    refused(filled, capsys, tmp_path, needle, chinese=True)
    result = _cli(*filled, **CHINESE)
    assert (result.returncode, result.stderr) == (2, chinese + "\n")


def test_strict_and_force_exclude_each_other(tmp_path: Path) -> None:
    for env, needle in ((CHINESE, "参数 --force：不能与参数 --strict 同时使用"),
                        (ENGLISH, "argument --force: not allowed with argument --strict")):
        result = _cli("render", str(BODY_EXAMPLE), "--strict", "--force", "-o", str(tmp_path / "o"), **env)
        assert result.returncode == 2 and needle in result.stderr.splitlines()[-1], result.stderr
    assert list(tmp_path.iterdir()) == []


# 23. The help and new's README said only DOCX and PDF are written.
def test_the_help_and_the_readme_name_every_file_render_writes(tmp_path: Path) -> None:
    for env in (CHINESE, ENGLISH):
        result = _cli("render", "--help", **env)
        assert result.returncode == 0
        text = " ".join(result.stdout.split())
        assert all(suffix in text for suffix in (".docx", ".pdf", ".html", ".fragment.html")), text
    for env, name in ((CHINESE, "zh"), (ENGLISH, "en")):
        assert _cli("new", str(tmp_path / name), "--county", "某县", "--year", "2025", **env).returncode == 0
        readme = " ".join((tmp_path / name / "README.md").read_text("utf-8").split())
        assert all(suffix in readme for suffix in ("DOCX", "PDF", "HTML", "`.html`", "`.fragment.html`")), readme


# 16/28. An edition is 报告格式 ("2021 格式"), never 版本; --format's value is 文件类型. 19. "适用于2019—2020 年年度".
def test_no_chinese_message_calls_an_edition_a_version() -> None:
    from test_i18n import _catalogs

    catalogs = _catalogs()
    catalog = catalogs.current("reportkit")  # type: ignore[attr-defined]
    versions = {m.id for m in catalog if m.id and "版本" in (m.string if isinstance(m.string, str) else "".join(m.string))}
    assert versions == {"print reportkit's version and exit"}  # reportkit's own version, the one right use


def test_the_edition_words_in_chinese(tmp_path: Path) -> None:
    result = _cli("new", str(tmp_path / "x"), "--county", "某县", "--year", "1999", **CHINESE)
    assert (result.returncode, result.stderr) == (2, "错误：--year：没有适用于 1999 年的报告格式（2014—2018 年用 2018 格式、"
                                                     "2019—2020 年用 2019 格式、2021 年起用 2021 格式）；请用 --edition 指定\n")
    result = _cli("new", str(tmp_path / "青山"), "--county", "青山县", "--year", "2025", "--edition", "2019", **CHINESE)
    assert result.returncode == 0
    assert result.stderr.splitlines()[0] == "警告：2019 格式适用于 2019—2020 年的报告；2025 年度的报告应使用 2021 格式"
    for name, edition in (("a", "2021"), ("b", "2019")):
        assert _cli("new-return", str(tmp_path / f"{name}.toml"), "--unit", name, "--edition", edition,
                    **CHINESE).returncode == 0
    result = _cli("collect", str(tmp_path / "a.toml"), str(tmp_path / "b.toml"), "-o", str(tmp_path / "s.toml"),
                  **CHINESE)
    assert result.returncode == 2
    assert result.stderr == (f"错误：{tmp_path / 'b.toml'}：edition：是 2019 格式，而 {tmp_path / 'a.toml'} 是 2021 格式："
                             "只能汇总同一报告格式的报表\n")
    report = tmp_path / "青山" / "report.toml"
    report.write_text(report.read_text("utf-8").replace('edition = "2019"', 'edition = "2017"'), "utf-8")
    result = _cli("validate", str(report), **CHINESE)
    assert result.returncode == 2
    assert result.stderr == (f'错误：{report}：edition：未知的报告格式 "2017"（2017 年度的报告用报告格式 "2018"）；'
                             '已有的报告格式："2018"、"2019"、"2021"\n')
    help_text = _cli("render", "--help", **CHINESE).stdout
    assert "要生成的文件类型" in "".join(help_text.split()) and "要生成的格式" not in "".join(help_text.split())


# 24. `stats = "PATH"`: a placeholder, where collect and export know the path.
def test_collect_and_export_print_the_stats_line(tmp_path: Path) -> None:
    project = tmp_path / "某县"
    assert _cli("new", str(project), "--county", "某县", "--year", "2025", **CHINESE).returncode == 0
    assert _cli("new-return", "returns/甲镇.toml", "--unit", "甲镇", "--year", "2025", cwd=project,
                **CHINESE).returncode == 0
    result = _cli("collect", "returns/甲镇.toml", "-o", "figures/stats.toml", cwd=project, **CHINESE)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == 'report.toml 用这一行引用这些统计数：stats = "figures/stats.toml"'
    result = _cli("collect", "某县/returns/甲镇.toml", "-o", "某县/stats.toml", cwd=tmp_path, **ENGLISH)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == '某县/report.toml takes these figures with the line stats = "stats.toml"'
    (tmp_path / "elsewhere").mkdir()
    result = _cli("collect", str(project / "returns" / "甲镇.toml"), "-o", str(tmp_path / "elsewhere" / "s.toml"),
                  cwd=tmp_path / "elsewhere", **ENGLISH)
    assert result.returncode == 0, result.stderr
    assert 'stats = "PATH"' in result.stderr.splitlines()[-1]  # no report in sight: the placeholder, explained
    result = _cli("export", str(BODY_EXAMPLE), "-o", str(tmp_path / "tables.xlsx"), **CHINESE)
    assert result.returncode == 0, result.stderr
    path = Path(os.path.relpath(tmp_path / "tables.xlsx", BODY_EXAMPLE.parent)).as_posix()
    assert result.stderr.endswith(f'；报告可用这一行引用这些统计数：stats = "{path}"\n'), result.stderr


def test_new_warns_of_a_year_not_yet_ended_and_a_refusal_is_one_line(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    import datetime as dt

    later = dt.date.today().year + 1
    assert cli.main(["new", str(tmp_path / "a"), "--county", "某县", "--year", str(later)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert [line for line in err if line.startswith("warning:")] == [
        f"warning: {later} has not ended yet (this is {later - 1}); a report is on the year before it is "
        "published: check --year"]
    # again into the same folder, with a year of another format too: the refusal alone, no warning before it
    assert cli.main(["new", str(tmp_path / "a"), "--county", "某县", "--year", "2015"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("error:"), err
    assert cli.main(["new", str(tmp_path / "b"), "--county", "某县", "--year", str(later - 1)]) == 0
    assert "warning:" not in capsys.readouterr().err
