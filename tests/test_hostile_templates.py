"""Hostile templates and data text (issue 13, classes 1-5 and 9): refused in one line, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportkit import DataError, load_report
from reportkit.document.model import Paragraph, Section, TableRef
from reportkit.narrative.markup import escape_value, parse_markup

from conftest import EXAMPLE
from hostile import chinese_error, english_words, project, refused


def _render(data: Path, tmp_path: Path) -> list[str]:
    return ["render", str(data), "-o", str(tmp_path / "out")]


def test_a_link_out_of_the_template_folder_is_not_followed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = project(tmp_path, '{% include "2018/root/etc/passwd" %}')
    os.symlink("/", data.parent / "templates" / "2018" / "root")
    line = refused(_render(data, tmp_path), capsys, tmp_path, "templates/2018/root/etc/passwd",
                   "leads to /etc/passwd, outside the template folder", chinese=True)
    assert "root:" not in line


def test_a_linked_file_out_of_the_folder_is_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", "utf-8")
    data = project(tmp_path, '{% include "2018/notes.j2" %}')
    os.symlink(secret, data.parent / "templates" / "2018" / "notes.j2")
    refused(_render(data, tmp_path), capsys, tmp_path, "notes.j2", f"leads to {secret}", chinese=True)


def test_the_whole_filesystem_as_template_folder_is_refused(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    data = project(tmp_path)
    refused([*_render(data, tmp_path), "--templates", "/"], capsys, tmp_path,
            "error: /: holds too many files to be a template folder", "REPORTKIT_LIMIT_TEMPLATE_FILES", chinese=True)


@pytest.mark.parametrize("field", ["address", "phone"])
@pytest.mark.parametrize("brk", ["\\n", "\\r", "\\u2028", "\\u0085", "\\t"])
def test_a_line_break_in_a_one_line_field_is_refused(field: str, brk: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    data = project(tmp_path, data={f"{field} = ": f'{field} = "同心县{brk}{brk}# 注入的标题{brk}@table stats"'})
    refused(_render(data, tmp_path), capsys, tmp_path, f"error: {data}: meta.contact.{field}: contains a ", chinese=True)


def test_markup_in_a_data_value_stays_text(tmp_path: Path) -> None:
    plain = load_report(project(tmp_path / "plain"))
    data = project(tmp_path, data={"address = ": 'address = "# 注入的标题 - 一是 @table stats"'})
    report = load_report(data)

    def headings(blocks: tuple[object, ...]) -> list[str]:
        return [b.title for b in blocks if isinstance(b, Section)] + [
            t for b in blocks if isinstance(b, Section) for t in headings(b.blocks)]

    assert headings(report.body) == headings(plain.body)
    text = str(report.body)
    assert "地址：# 注入的标题 - 一是 @table stats；" in text


def test_escaped_text_survives_the_parser() -> None:
    line = escape_value("# 标题 - @table stats")
    assert parse_markup(f"{line}\n\n- {line}") == (Paragraph("# 标题 - @table stats"),
                                                   Paragraph("一是# 标题 - @table stats"))
    with pytest.raises(ValueError, match="line break"):
        escape_value("甲\n# 乙")


def test_a_table_the_edition_lacks_is_refused_at_load(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = project(tmp_path, "\n@table statz\n")
    for command in (["validate", str(data)], _render(data, tmp_path)):
        refused(command, capsys, tmp_path, "templates/2018/report.j2: line", "@table statz: no such table",
                "(this edition has: stats)", chinese=True)


@pytest.mark.parametrize(("lines", "needle"), [
    ('{% include "2018/report.j2" %}', "includes, extends or calls itself"),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "includes, extends or calls itself"),
    ("甲\x07乙", "line 17: contains the character U+0007"),
    ("甲\u2028乙", "line 17: contains the character U+2028"),
    ("甲\ufdd0乙", "line 17: contains the character U+FDD0"),
    ("甲\t乙", "a tab inside a line"),
    ("{{ lipsum(10) }}", "line 17: lipsum is not defined"),
])
def test_a_broken_template_is_one_line(lines: str, needle: str, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    data = project(tmp_path, lines)
    refused(_render(data, tmp_path), capsys, tmp_path, "templates/2018/report.j2", needle, chinese=True)


def test_a_template_that_is_not_utf8_names_its_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = project(tmp_path)
    template = data.parent / "templates" / "2018" / "report.j2"
    template.write_bytes(template.read_bytes() + "甲".encode("gb18030"))
    line = template.read_bytes().count(b"\n") + 1  # review #22: the line of the bad bytes, not their offset
    refused(_render(data, tmp_path), capsys, tmp_path, f"error: {template}: line {line}: is not UTF-8 text", chinese=True)


@pytest.mark.parametrize(("lines", "name", "value"), [
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "template_seconds", "1"),
    ('{{ "x"|center(10**9) }}', "template_megabytes", "64"),
    ('{% set ns = namespace(s="xx") %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}',
     "template_megabytes", "64"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}", "narrative_chars", "5000"),
])
def test_a_template_is_bounded_in_time_memory_and_text(lines: str, name: str, value: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(f"REPORTKIT_LIMIT_{name.upper()}", value)
    data = project(tmp_path, lines)
    unit = {"template_seconds": "seconds", "template_megabytes": "MB", "narrative_chars": "characters"}[name]  # review #21: with its unit
    refused(_render(data, tmp_path), capsys, tmp_path, "templates/2018/report.j2",
            f"(the limit is {value} {unit}; raise it with REPORTKIT_LIMIT_{name.upper()})", chinese=True)
    assert f"上限为 {value} " + {"template_seconds": "秒", "template_megabytes": "MB", "narrative_chars": "个字符"}[name] \
        in chinese_error(data)


def test_a_template_that_includes_itself_is_named_with_the_line_of_its_include(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Not the report.j2 the report starts from: the file that includes itself, at the line of its include.
    data = project(tmp_path, '{% include "2018/notes.j2" %}')
    notes = data.parent / "templates" / "2018" / "notes.j2"
    notes.write_text('甲\n乙\n{% include "2018/notes.j2" %}\n', "utf-8")
    refused(_render(data, tmp_path), capsys, tmp_path,
            f"error: {notes}: line 3: a template includes, extends or calls itself without end", chinese=True)
    assert chinese_error(data) == f"{notes}：第 3 行：模板无休止地包含、继承或调用自身"


@pytest.mark.language("zh")
@pytest.mark.parametrize(("lines", "message"), [
    ("{% if %}", "第 17 行：模板语法错误：“Expected an expression, got 'end of statement block'”"),
    ("{{ countyy }}", "第 17 行：没有定义 countyy；是否想写 county？"),
    ('{% include "2018/nothere.j2" %}', "第 17 行：找不到模板 '2018/nothere.j2'（查找了："),
    ("{{ 1 // 0 }}", "第 17 行：除数为 0"),
    # review #10: the common mistakes in Chinese, no Python class path, no exception class name
    ("{{ stats.active.totl }}", "第 17 行：stats.active 中没有 totl（可用：total、normative_documents、"
                                "normative_documents_issued、gazette、website、weibo、wechat、other；是否想写 total？）"),
    ("{{ 3 | nofilter }}", "第 17 行：没有名为 nofilter 的过滤器"),
    ("{{ 3 | approxx }}", "第 17 行：没有名为 approxx 的过滤器；是否想写 approx？"),
    ("{% if county %}甲", "第 17 行：“{% if %}” 没有对应的 “{% endif %}”"),
    ("{% for i in range(100000000) %}{% endfor %}", "第 17 行：模板中的 range() 最多生成 100000 个数"),
    # review #12: an unclosed {{ named at its own line, not two lines on as a character offset
    ("全年 {{ stats.active.total ", "第 17 行：“{{” 没有对应的 “}}”"),
])
def test_jinjas_own_words_are_quoted_in_a_chinese_sentence(lines: str, message: str, tmp_path: Path) -> None:
    # Jinja's message is English: kept as it is, in quotes, behind the template, its line and what went wrong.
    data = project(tmp_path, lines)
    with pytest.raises(DataError) as caught:
        load_report(data)
    template = data.parent / "templates" / "2018" / "report.j2"
    assert str(caught.value).startswith(f"{template}：{message}"), str(caught.value)
    assert english_words(str(caught.value)) == [], str(caught.value)


def test_a_finite_hard_address_space_limit_is_kept_and_the_templates_render(tmp_path: Path) -> None:
    # `ulimit -v` on a shared server: the child may lower its soft limit but can never raise the hard one.
    script = (
        "import resource, sys\n"
        "hard = 16 * 1024 ** 3\n"
        "resource.setrlimit(resource.RLIMIT_AS, (hard, hard))\n"
        "from reportkit import load_report\n"
        "report = load_report(sys.argv[1])\n"
        "print(len(report.body), resource.getrlimit(resource.RLIMIT_AS)[1] == hard)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(EXAMPLE)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    count, kept = done.stdout.split()
    assert int(count) > 0 and kept == "True"


def test_a_table_line_right_under_a_paragraph_or_heading_is_a_table() -> None:
    # review #4: no blank line before it, and "@table stats" was printed into the report as text
    assert parse_markup("一段正文。\n@table stats\n下一段。") == (Paragraph("一段正文。"), TableRef("stats"),
                                                               Paragraph("下一段。"))
    assert parse_markup("# 概述\n@table stats") == (Section("概述", (TableRef("stats"),)),)
    assert parse_markup("# 概述\n正文。\n@table stats") == (
        Section("概述", (Paragraph("正文。"), TableRef("stats")), run_in=True),)


def test_a_table_line_right_under_a_paragraph_is_drawn_not_printed(tmp_path: Path) -> None:
    report = load_report(project(tmp_path, "本年公开情况见下表。\n@table stats"))
    assert "@table" not in str(report.body)
    overview = next(b for b in report.body if isinstance(b, Section) and b.title == "概述")
    assert TableRef("stats") in overview.blocks


def test_an_unknown_table_right_under_a_paragraph_is_refused(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    data = project(tmp_path, "本年公开情况见下表。\n@table statz")
    for command in (["validate", str(data)], _render(data, tmp_path)):
        refused(command, capsys, tmp_path, "templates/2018/report.j2: line", "@table statz: no such table",
                chinese=True)


def test_a_template_that_is_not_utf8_names_its_line_and_its_name_in_the_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # review #22: the line, and the template named as the other template messages name it (relative), not by
    # its resolved absolute path
    data = project(tmp_path)
    template = data.parent / "templates" / "2018" / "report.j2"
    lines = template.read_bytes().split(b"\n")
    lines[4] += "甲".encode("gb18030")
    template.write_bytes(b"\n".join(lines))
    monkeypatch.chdir(data.parent)
    refused(["render", "report.toml", "-o", str(tmp_path / "out")], capsys, tmp_path,
            "error: templates/2018/report.j2: line 5: is not UTF-8 text; save it as UTF-8", chinese=True)
