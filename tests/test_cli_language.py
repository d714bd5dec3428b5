"""The command line in the user's language: --help, what `new`, `new-return` and `collect` write, the progress
and summaries, and the refusals of the CLI's own checks; Chinese for LANG=zh_CN.UTF-8, English for LANG=C."""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportkit import cli
from reportkit.i18n import set_language

from conftest import BODY_EXAMPLE, EXAMPLE
from hostile import english_words, refused

LOCALE_VARIABLES = ("REPORTKIT_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
CHINESE = {"LANG": "zh_CN.UTF-8"}
ENGLISH = {"LANG": "C"}


def _cli(*args: str, cwd: Path | None = None, **environment: str) -> subprocess.CompletedProcess[str]:
    """The real CLI in a subprocess, its language from LANG alone (REPORTKIT_LANG unset)."""
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    return subprocess.run([sys.executable, "-m", "reportkit", *args], capture_output=True, text=True,
                          env={**env, **environment, "COLUMNS": "100"}, encoding="utf-8", cwd=cwd)


def _commands() -> list[str]:
    parser = cli._parser()
    return sorted(next(a for a in parser._actions if a.dest == "command").choices)  # type: ignore[arg-type]


def _sentences_left(help_text: str) -> list[str]:
    """English left in a --help: what english_words finds once the names a user types are taken out (the
    program and its commands, options, METAVARS, {choice,lists})."""
    names = "|".join(re.escape(name) for name in ["reportkit", *_commands()])
    found = []
    for line in help_text.splitlines():
        line = re.sub(r"\{[^}]*\}", " ", line)  # choices
        line = re.sub(r"(?<![\w])--?[A-Za-z][\w-]*", " ", line)  # options
        line = re.sub(r"\b[A-Z][A-Z_]+\b", " ", line)  # metavars
        line = re.sub(rf"(?<![\w-])(?:{names})(?![\w-])", " ", line)
        found += english_words(line)
    return found


@pytest.mark.parametrize("command", [None, "render", "validate", "new", "collect", "new-return", "export", "fonts",
                                     "editions", "watch", "completion"])
def test_help_is_chinese_for_a_chinese_locale_and_english_otherwise(command: str | None) -> None:
    args = [command, "--help"] if command else ["--help"]
    chinese = _cli(*args, **CHINESE)
    assert chinese.returncode == 0, chinese.stderr
    assert chinese.stdout.startswith("用法：reportkit")
    assert "选项：" in chinese.stdout and "显示本帮助并退出" in chinese.stdout
    assert _sentences_left(chinese.stdout) == [], chinese.stdout
    english = _cli(*args, **ENGLISH)
    assert english.returncode == 0, english.stderr
    assert english.stdout.startswith("usage: reportkit") and "options:" in english.stdout
    assert len(_sentences_left(english.stdout)) >= 2  # the same filter finds the English sentences
    assert not re.search(r"[，。；：（）]", english.stdout)  # no Chinese punctuation: nothing half translated


def test_every_command_is_in_the_help_test() -> None:
    covered = {"render", "validate", "new", "collect", "new-return", "export", "fonts", "editions", "watch",
               "completion"}
    assert set(_commands()) == covered


def test_chinese_help_lines_fit_the_terminal() -> None:
    # A Chinese character takes two columns: the help is wrapped by what the screen shows, not by len().
    import unicodedata

    text = _cli("render", "--help", **CHINESE).stdout
    widths = [sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line) for line in text.splitlines()]
    assert max(widths) <= 100, text
    assert not any(line.lstrip().startswith(("，", "。", "；", "：", "）")) for line in text.splitlines())


def test_bare_reportkit_in_chinese() -> None:
    result = _cli(**CHINESE)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("用法：reportkit") and "命令：" in result.stderr


def _comments(toml_text: str) -> list[str]:
    return [line.split("#", 1)[1] for line in toml_text.splitlines() if "#" in line]


def _prose(markdown: str) -> str:
    """A README without its code blocks (indented four spaces or more past the list's own indent)."""
    return "\n".join(line for line in markdown.splitlines() if not line.startswith("    "))


def test_new_writes_its_readmes_and_comments_in_chinese(tmp_path: Path) -> None:
    result = _cli("new", str(tmp_path / "c"), "--county", "青山县", "--year", "2025", **CHINESE)
    assert result.returncode == 0, result.stderr
    assert [line.split(" ", 1)[0] for line in result.stderr.splitlines()] == ["已写出"] * 3 + [
        result.stderr.splitlines()[-1].split(" ", 1)[0]]
    assert result.stderr.splitlines()[-1].startswith("下一步：填写 ")
    readme = (tmp_path / "c" / "README.md").read_text("utf-8")
    assert "本项目由 `reportkit new` 生成" in readme and "例如 `templates/2021/" in readme
    assert [line for line in _prose(readme).splitlines() if english_words(line)] == []
    # the example stays a working template: its commands and Jinja lines are not translated
    assert '{% extends "default/2021/' in readme and "    reportkit render report.toml -o out" in readme
    note = (tmp_path / "c" / "templates" / "2021" / "README.md").read_text("utf-8")
    assert note.startswith("# 本县模板\n") and [line for line in _prose(note).splitlines() if english_words(line)] == []
    data = (tmp_path / "c" / "report.toml").read_text("utf-8")
    assert data.startswith("# 青山县2025年政府信息公开工作年度报告（由 `reportkit new` 生成，说明见 README.md）。\n")
    assert [c for c in _comments(data) if english_words(c)] == []
    english = _cli("new", str(tmp_path / "e"), "--county", "青山县", "--year", "2025", **ENGLISH)
    assert english.returncode == 0, english.stderr
    assert english.stderr.startswith("wrote ")
    readme = (tmp_path / "e" / "README.md").read_text("utf-8")
    assert "Made by `reportkit new`. Two files to fill in" in readme and "本项目" not in readme
    data = (tmp_path / "e" / "report.toml").read_text("utf-8")
    assert "(made by `reportkit new`; see README.md)" in data
    assert sum(1 for c in _comments(data) if english_words(c)) >= 4
    # the same project either way, but for the words
    assert data.count("\n") == (tmp_path / "c" / "report.toml").read_text("utf-8").count("\n")


def test_returns_and_collected_figures_speak_the_language(tmp_path: Path) -> None:
    for name, env in (("甲镇", CHINESE), ("乙局", ENGLISH)):
        result = _cli("new-return", str(tmp_path / f"{name}.toml"), "--unit", name, "--edition", "2021", **env)
        assert result.returncode == 0, result.stderr
    chinese = (tmp_path / "甲镇.toml").read_text("utf-8")
    assert chinese.startswith("# 甲镇的报表（统计数），2021 格式。")
    assert [c for c in _comments(chinese) if english_words(c)] == []
    assert (tmp_path / "乙局.toml").read_text("utf-8").startswith("# 乙局's return (统计数) for the 2021 edition.")
    returns = [str(tmp_path / "甲镇.toml"), str(tmp_path / "乙局.toml")]
    result = _cli("collect", *returns, "-o", str(tmp_path / "stats.toml"), **CHINESE)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"已写出 {tmp_path / 'stats.toml'}：2 份报表的统计数之和")
    assert all(english_words(line) == [] for line in lines[1:]), lines
    figures = (tmp_path / "stats.toml").read_text("utf-8")
    assert figures.startswith("# 以下为 2 份报表之和，由 `reportkit collect` 生成")
    assert "（待填写：甲镇、乙局）" in figures
    # a file collect wrote in Chinese is known for one in English too: collected again without --force
    again = _cli("collect", *returns, "-o", str(tmp_path / "stats.toml"), **ENGLISH)
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "stats.toml").read_text("utf-8").startswith("# The sum of 2 returns, written by")
    assert "(待填写: 甲镇, 乙局)" in (tmp_path / "stats.toml").read_text("utf-8")


def test_a_render_reports_in_chinese(tmp_path: Path) -> None:
    assert _cli("new", str(tmp_path / "r"), "--county", "青山县", "--year", "2025", **CHINESE).returncode == 0
    data = tmp_path / "r" / "report.toml"
    result = _cli("render", str(data), "-o", str(tmp_path / "out"), "--format", "pdf", **CHINESE)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"警告：{data}：[pending] ") and "处仍待填写（统计数和信息 " in lines[0]
    assert any(re.fullmatch(r"警告：有 \d+ 种字体未安装，已用替代字体，详见 reportkit fonts", line) for line in lines), lines
    assert lines[-1] == f"已写出 {tmp_path / 'out' / 'report.pdf'}"
    assert not any(line.startswith(("warning:", "error:", "wrote")) for line in lines)


def test_the_summary_of_several_reports_in_chinese(tmp_path: Path) -> None:
    shutil.copy(BODY_EXAMPLE, tmp_path / "a.toml")
    shutil.copy(BODY_EXAMPLE, tmp_path / "b.toml")
    (tmp_path / "c.toml").write_text('edition = "2018"\n', "utf-8")
    result = _cli("validate", str(tmp_path), "--jobs", "1", **CHINESE)
    assert result.returncode == 2
    table = result.stdout.splitlines()
    head = next(line for line in table if line.startswith("报告"))
    assert head.split() == ["报告", "问题", "用时", "结果"]
    rows = {line.split()[0]: line.split()[-1] for line in table
            if line.startswith(str(tmp_path)) and not line.split()[0].endswith(":")}
    assert rows == {str(tmp_path / "a.toml"): "完成", str(tmp_path / "b.toml"): "完成",
                    str(tmp_path / "c.toml"): "出错"}
    assert any(re.match(r"3 份报告，1 份未完成\s", line) for line in table), table
    assert re.search(r"\d+\.\d\d 秒", table[-1])  # as each row's time is given
    unread = next(line.split() for line in table if line.startswith(str(tmp_path / "c.toml")))
    assert unread[1] == "–"  # no findings counted for a report that could not be read, not 0
    assert [line for line in result.stderr.splitlines() if line.startswith("错误：")]


@pytest.mark.language("zh")
def test_quiet_keeps_the_chinese_error_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # --quiet keeps the lines that begin as an error does in the user's language ("错误：")
    bad = tmp_path / "bad.toml"
    bad.write_text(BODY_EXAMPLE.read_text("utf-8").replace("received = 3\n", "received = 4\n", 1), "utf-8")
    assert cli.main(["render", str(bad), "-o", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err and all(line.startswith("错误：") for line in err)
    assert err[-1].startswith("错误：统计数有错误，未写出任何文件")


def test_validate_quiet_and_verbose(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", str(BODY_EXAMPLE)]) == 0
    table = capsys.readouterr().out
    assert cli.main(["validate", str(BODY_EXAMPLE), "--quiet"]) == 0
    quiet = capsys.readouterr().out
    assert quiet.splitlines() == table.splitlines()[:1] and quiet.startswith(f"{BODY_EXAMPLE}: ")
    assert cli.main(["validate", str(BODY_EXAMPLE), "--verbose"]) == 0
    verbose = capsys.readouterr().out
    assert cli.main(["validate", str(BODY_EXAMPLE), "--accepted"]) == 0
    assert verbose == capsys.readouterr().out and len(verbose.splitlines()) > len(table.splitlines())
    with pytest.raises(SystemExit):  # one or the other
        cli.main(["validate", str(BODY_EXAMPLE), "-q", "-v"])


# The CLI's own refusals (not the loader's): each exits 2 with one error line, in English and in Chinese.
REFUSALS = [
    (["render", "{tmp}/empty"], "is a folder with no report data file"),
    (["render", "{tmp}/none-*.toml"], "no file matches this pattern"),
    (["render", "{example}", "--format", "docx", "-o", "{tmp}/x.pdf"], "is a PDF file name, but --format is docx"),
    (["render", "{example}", "{example2}", "-o", "{tmp}/x.pdf"], "is one file, but 2 reports are to be written"),
    (["render", "{example}", "-o", "{tmp}/afile"], "is not a folder; -o takes the folder to write into"),
    (["render", "{example}", "-o", "{tmp}/afile/x.pdf"], "cannot be written: {tmp}/afile is a file, not a folder"),
    (["render", "{example}", "-o", "{tmp}/afile/out"], "cannot be written: {tmp}/afile is a file, not a folder"),
    (["render", "{example}", "--jobs", "0"], "expected a number of worker processes >= 1, got 0"),
    (["validate", "{example}", "{example2}", "--previous", "{example}"], "names last year's report of one report"),
    (["collect", "{example}", "-o", "{tmp}/sum.csv"], "the figures are written as TOML or as a workbook"),
    (["collect", "{example2}", "-o", "{example2}"], "is one of the returns"),
    (["collect", "{example}", "-o", "{tmp}/afile/sum.toml"], "is a file, not a folder"),
    (["collect", "{example}", "-o", "{example2}"], "exists and is not a figures file collect wrote"),
    (["new-return", "{tmp}/r.csv", "--unit", "甲镇", "--year", "2025"], "a return is a workbook (.xlsx)"),
    (["new-return", "{tmp}/afile", "--unit", "甲镇", "--year", "2025"], "exists already; a return is never"),
    (["new-return", "{tmp}/afile/r.toml", "--unit", "甲镇", "--year", "2025"], "is a file, not a folder"),
    (["export", "{example}", "-o", "{tmp}/t.csv"], "export writes a workbook: give the file an .xlsx name"),
    (["new", "{tmp}/n", "--county", "某县", "--year", "1800"], "1800 is not a reporting year (1900 to 9999)"),
    (["new", "{tmp}/afile", "--county", "某县", "--year", "2025"], "is a file; give the folder to make the project"),
    (["new", "{tmp}/afile/n", "--county", "某县", "--year", "2025"], "is a file, not a folder"),
]


@pytest.mark.parametrize(("args", "needle"), REFUSALS, ids=[" ".join(a[:1] + a[-2:]) for a, _ in REFUSALS])
def test_the_clis_refusals_in_both_languages(args: list[str], needle: str, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "afile").write_text("not a folder", "utf-8")
    shutil.copy(BODY_EXAMPLE, tmp_path / "second.toml")

    def filled(text: str) -> str:
        return text.format(tmp=tmp_path, example=BODY_EXAMPLE, example2=tmp_path / "second.toml")

    refused([filled(a) for a in args], capsys, tmp_path, filled(needle), chinese=True)


def test_render_with_no_file_and_no_report_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    refused(["render"], capsys, tmp_path, "no report.toml in the current folder", chinese=True)


def test_a_parent_that_is_a_file_is_named_before_anything_renders(tmp_path: Path) -> None:
    # was: "cannot write afile: File exists", after both renderers ran
    (tmp_path / "afile").write_text("x", "utf-8")
    result = _cli("render", str(EXAMPLE), "-o", str(tmp_path / "afile" / "x.pdf"), **CHINESE)
    assert result.returncode == 2
    assert result.stderr == (f"错误：{tmp_path / 'afile' / 'x.pdf'}：无法写入，因为 {tmp_path / 'afile'} 是文件，"
                             "不是文件夹\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


def test_new_return_takes_a_year_or_an_edition() -> None:
    for env, needle in ((CHINESE, "错误：必须给出参数 --year --edition 之一"),
                        (ENGLISH, "error: one of the arguments --year --edition is required")):
        result = _cli("new-return", "r.toml", "--unit", "甲镇", **env)
        assert result.returncode == 2 and needle in result.stderr
    result = _cli("new-return", "r.toml", "--unit", "甲镇", "--year", "2025", "--edition", "2021", **CHINESE)
    assert result.returncode == 2 and "错误：参数 --edition：不能与参数 --year 同时使用" in result.stderr


@pytest.mark.parametrize("language", ["zh", "en"])
def test_an_os_refusal_keeps_the_file_name_and_the_systems_reason(
        language: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import reportkit.report.scaffold

    def denied(path: Path, data: bytes) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(reportkit.report.scaffold, "write_atomic", denied)
    set_language(language)  # type: ignore[arg-type]
    assert cli.main(["new", str(tmp_path / "c"), "--county", "某县", "--year", "2025"]) == 2
    err = capsys.readouterr().err
    target = tmp_path / "c" / "report.toml"
    reason = "没有权限" if language == "zh" else os.strerror(errno.EACCES)
    assert err == (f"错误：无法写入 {target}：{reason}；未写出任何文件\n" if language == "zh"
                   else f"error: cannot write {target}: {reason}; nothing written\n")


def test_the_catalog_check_finds_a_message_inside_an_f_string(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # Babel does not extract from f-strings: a _() there would stay English with the catalog check green.
    from test_i18n import _catalogs

    catalogs = _catalogs()
    package = tmp_path / "reportkit"
    package.mkdir()
    (package / "mod.py").write_text('from reportkit.i18n import _\nA = f"# {_(\'hidden\')}"\n', encoding="utf-8")
    monkeypatch.setattr(catalogs, "PACKAGE", package)
    problems = list(catalogs.problems())  # type: ignore[attr-defined]
    assert any("mod.py:2: _() inside an f-string is not extracted" in p for p in problems), problems


@pytest.mark.parametrize("args", [["completion", "bash"], ["validate", str(BODY_EXAMPLE), "--verbose"]])
def test_a_reader_that_leaves_is_no_error(args: list[str]) -> None:
    # `reportkit completion bash | head -1`: was "错误：无法写入 输出文件：Broken pipe" and a traceback at exit
    process = subprocess.Popen([sys.executable, "-m", "reportkit", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env={**os.environ, "REPORTKIT_LANG": "zh"})
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # nobody reads: the first write fails with EPIPE
    err = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=60) == 141
    assert err == ""


@pytest.mark.language("zh")
def test_watch_says_what_it_does_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import reportkit.watch

    def twice_then_ctrl_c(roots: list[Path], action: object, **_options: object) -> None:
        action()  # type: ignore[operator]
        shutil.copy(BODY_EXAMPLE, tmp_path / "report.toml")  # the data file is fixed: the next round renders
        action()  # type: ignore[operator]
        raise KeyboardInterrupt

    monkeypatch.setattr(reportkit.watch, "watch", twice_then_ctrl_c)
    (tmp_path / "report.toml").write_text('edition = "2018"\n', "utf-8")
    args = ["watch", str(tmp_path / "report.toml"), "-o", str(tmp_path / "out"), "--format", "html"]
    assert cli.main(args) == 0
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("错误：") and f"未生成；正在监视 {tmp_path}（按 Ctrl-C 停止）" in lines
    assert f"已生成；正在监视 {tmp_path}（按 Ctrl-C 停止）" in lines and lines[-1] == "已停止监视"
    assert (tmp_path / "out" / "report.html").is_file()


def test_fonts_names_each_role_in_the_language() -> None:
    from reportkit.layout import Role

    chinese = _cli("fonts", **CHINESE)
    assert chinese.returncode == 0, chinese.stderr
    rows = {line.split()[0]: line.split()[1] for line in chinese.stdout.splitlines()}
    assert set(rows) == {role.value for role in Role} | {"生僻字"}
    assert rows["body"] == "正文" and rows["heading2"] == "二级标题（（一））"
    assert all(re.search(r"[\u4e00-\u9fff]", rows[role.value]) for role in Role)
    english = _cli("fonts", **ENGLISH)
    assert "\nbody              body text " in english.stdout and "\nrare characters " in english.stdout
