from __future__ import annotations

import datetime as dt
import importlib.util
import io
import json
import re
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from reportkit import DEFAULT_LAYOUT, DataError, Section, load_report, parse_report, render_docx, render_pdf
from reportkit.i18n import set_language
from reportkit.report.scaffold import report_toml

from conftest import BODY_EXAMPLE, EXAMPLE, pdf_text


def _example_data() -> dict[str, Any]:
    return tomllib.loads(BODY_EXAMPLE.read_text("utf-8"))


def _dates_to_text(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _dates_to_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_to_text(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_toml_yaml_and_json_load_the_same_report(tmp_path: Path) -> None:
    data = _example_data()
    (tmp_path / "r.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    (tmp_path / "r.json").write_text(json.dumps(_dates_to_text(data), ensure_ascii=False), "utf-8")
    toml = load_report(BODY_EXAMPLE)
    assert load_report(EXAMPLE) == toml  # the narrative from the templates is the one written as data
    assert load_report(tmp_path / "r.yaml") == toml
    assert load_report(tmp_path / "r.json") == toml


def test_example_structure() -> None:
    report = load_report(EXAMPLE)
    sections = [block for block in report.body if isinstance(block, Section)]
    assert len(sections) == 9  # 一、 … 九、
    assert [s.title for s in sections][:2] == ["概述", "主动公开政府信息情况"]
    run_in = sections[0].blocks[1]
    assert isinstance(run_in, Section) and run_in.run_in and run_in.title == "加强组织领导，进一步靠实责任。"
    assert report.meta.period_start == dt.date(2018, 1, 1)
    assert report.meta.contact.postcode == "751300"


def _error(data: Any) -> str:
    with pytest.raises(DataError) as caught:
        parse_report(data, "report.toml")
    return str(caught.value)


def _with(path: str, value: Any) -> dict[str, Any]:
    data = _example_data()
    *parents, last = path.split(".")
    target = data
    for key in parents:
        target = target[key]
    target[last] = value
    return data


def test_count_written_in_chinese() -> None:
    assert _error(_with("stats.applications.received", "三")) == (
        'report.toml: stats.applications.received: expected a whole number >= 0 (or "" for a blank), got "三"'
    )


def test_negative_count() -> None:
    assert _error(_with("stats.active.total", -1)) == (
        'report.toml: stats.active.total: expected a whole number >= 0 (or "" for a blank), got -1'
    )


def test_fractional_count_and_bool_count() -> None:
    assert "got 2.5" in _error(_with("stats.active.total", 2.5))
    assert "got true" in _error(_with("stats.active.total", True))


def test_negative_amount() -> None:
    assert _error(_with("stats.fees.total", -0.5)) == (
        'report.toml: stats.fees.total: expected a number >= 0 (or "" for a blank), got -0.5'
    )


def test_missing_required_field() -> None:
    data = _example_data()
    del data["stats"]["applications"]["received"]
    assert _error(data) == "report.toml: stats.applications.received: missing required field"
    data = _example_data()
    del data["meta"]["issuer"]
    assert _error(data) == "report.toml: meta.issuer: missing required field"


def test_unknown_key_suggests_the_right_one() -> None:
    data = _example_data()
    data["stats"]["applications"]["recieved"] = 3
    assert _error(data) == 'report.toml: stats.applications.recieved: unknown key (did you mean "received"?)'


def test_wrong_type_of_date() -> None:
    assert _error(_with("meta.period_start", "2018年1月1日")) == (
        'report.toml: meta.period_start: expected a date such as 2019-01-31, got "2018年1月1日"'
    )


def test_unknown_edition() -> None:
    assert _error(_with("edition", "2017")) == 'report.toml: edition: unknown edition "2017" (reports on 2017 are in edition "2018"); known editions: "2018", "2019", "2021"'


def test_control_character_in_text() -> None:
    data = _example_data()
    data["body"][0]["paragraph"] = "根据\x07条例"
    assert _error(data) == "report.toml: body[0].paragraph: contains the control character U+0007 at position 3"


def test_heading_with_a_typed_number() -> None:
    data = _example_data()
    data["body"][2]["heading"] = "一、概述"
    assert _error(data) == 'report.toml: body[2].heading: starts with the number "一、"; numbers are generated, leave it out'


def test_heading_level_cannot_jump() -> None:
    data = _example_data()
    data["body"].insert(0, {"heading": "跳级", "level": 3})
    assert _error(data) == "report.toml: body[0].level: a level-3 heading cannot come first: headings start at level 1"


def test_unknown_table() -> None:
    data = _example_data()
    data["attachments"][0]["blocks"][1]["table"] = "stat"
    assert _error(data) == 'report.toml: attachments[0].blocks[1].table: unknown table "stat"; edition 2018 has: "stats"'


_BROKEN = {  # name: (content, the message in English, in Chinese)
    "r.toml": ("edition = \n", "invalid TOML (at line 1, column 11): a value is missing or cannot be read here",
               "TOML 格式有误（第 1 行第 11 列）：此处缺少值，或值无法识别"),  # review #10: in our words
    "s.toml": ("[meta]\nyear = [2018\n", "invalid TOML: Unclosed array (at the end of the file)",
               "TOML 格式有误（文件末尾）：“Unclosed array”"),  # the rarer ones: quoted as tomllib writes them
    "r.yaml": ("edition: [\n", "invalid YAML: expected the node content, but found '<stream end>' (line 2, column 1)",
               "YAML 格式有误（第 2 行第 1 列）：“expected the node content, but found '<stream end>'”"),
    "r.json": ("{", "invalid JSON (line 1, column 2): a key in double quotes is expected here",
               "JSON 格式有误（第 1 行第 2 列）：此处应为双引号括起的键"),  # review #10: in our words
    "s.json": ('{"a": 1 "b": 2}', "invalid JSON (line 1, column 9): a , is missing between two values",
               "JSON 格式有误（第 1 行第 9 列）：两个值之间缺少 ,"),
    "r.txt": ("x", "unknown file type .txt; use .toml, .yaml, .yml or .json",
              "未知的文件类型 .txt；请用 .toml、.yaml、.yml 或 .json"),
    "twice.json": ('{"edition": "2018", "edition": "2021"}', "edition: the key is given twice; keep one",
                   "edition：这个键写了两次；请只留一个"),
}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_broken_files(language: str, tmp_path: Path) -> None:
    # What the parsers say is English: in Chinese quoted, behind a Chinese sentence with the line and column.
    set_language("zh" if language == "zh" else "en")
    separator = "：" if language == "zh" else ": "
    for name, (content, english, chinese) in _BROKEN.items():
        path = tmp_path / name
        path.write_text(content, "utf-8")
        with pytest.raises(DataError) as caught:
            load_report(path)
        assert str(caught.value) == f"{path}{separator}{chinese if language == 'zh' else english}"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot read the file"):
        load_report(tmp_path / "nope.toml")


@pytest.mark.language("zh")
@pytest.mark.parametrize(("path", "value", "message"), [
    ("stats.applications.received", "三",
     'report.toml：stats.applications.received：应为不小于 0 的整数（空白写 ""），实为 "三"'),
    ("stats.fees.total", -0.5, 'report.toml：stats.fees.total：应为不小于 0 的数（空白写 ""），实为 -0.5'),
    ("meta.period_start", "2018年1月1日", 'report.toml：meta.period_start：应为日期（如 2019-01-31），实为 "2018年1月1日"'),
    ("edition", "2021x", 'report.toml：edition：未知的报告格式 "2021x"（是否想写 "2021"？）；已有的报告格式："2018"、"2019"、"2021"'),
    ("meta.issuer", "某" * 201, "report.toml：meta.issuer：长 201 个字，超过此项的上限（最多 200 个字）"),
    ("stats.active.total", 10**16, "report.toml：stats.active.total：10000000000000000… 大于任何统计数（上限为 "
                                   "1000000000000000，可用环境变量 REPORTKIT_LIMIT_WHOLE_NUMBER 调高）"),
    ("meta.kind", "county", 'report.toml：meta.kind：应为 government、department 之一，实为 "county"'),
])
def test_data_mistakes_in_chinese(path: str, value: Any, message: str) -> None:
    # The message of a mistake, its file and field in front, for a Chinese locale: joined with "：", the lists
    # with "、", the limits' hint in Chinese.
    assert _error(_with(path, value)) == message


@pytest.mark.language("zh")
def test_a_missing_file_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        load_report(tmp_path / "nope.toml")
    assert str(caught.value) == f"{tmp_path / 'nope.toml'}：无法读取文件：文件或文件夹不存在"


def test_layout_settings_reach_both_renderers(tmp_path: Path) -> None:
    data = _example_data()
    data["layout"] = {"lines_per_page": 20, "margin_top_mm": 40, "page_number_format": "-{n}-",
                      "keep_headings_with_next": True}
    report = parse_report(data, "r.toml")
    layout = report.to_document().layout
    assert (layout.lines_per_page, layout.margin_top_mm, layout.page_number_format) == (20, 40.0, "-{n}-")
    assert layout.keep_headings_with_next and layout.chars_per_line == DEFAULT_LAYOUT.chars_per_line
    del data["layout"]
    assert parse_report(data, "r.toml").layout == DEFAULT_LAYOUT
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_pdf(report.to_document()))
    pages = [[line for line in page.splitlines() if line.strip()] for page in pdf_text(pdf, "-layout").split("\f")]
    body = pages[: next(i for i, page in enumerate(pages) if page and page[0].strip() == "附件")]
    assert max(len(page) - 1 for page in body) == 20  # lines a page, the page number aside
    assert pages[0][-1].strip() == "-1-"
    styles = zipfile.ZipFile(io.BytesIO(render_docx(report.to_document()))).read("word/styles.xml").decode()
    assert f'w:line="{layout.line_pitch_twips}"' in styles and layout.line_pitch_twips != DEFAULT_LAYOUT.line_pitch_twips


@pytest.mark.parametrize(("setting", "value", "message"), [
    ("lines_per_page", 0, "layout.lines_per_page: expected a whole number >= 1, got 0"),
    ("lines_per_page", 21.5, "layout.lines_per_page: expected a whole number, got 21.5"),
    ("margin_left_mm", -3, "layout.margin_left_mm: expected a number >= 0, got -3"),
    ("margin_left_mm", 200, "layout: the margins leave no room for the text on the paper"),
    ("page_number_format", "{n} of {total}", 'layout.page_number_format: expected text with "{n}" where'),
    ("chars_per_line", 40, "layout: 40 characters a line leave 11.1 pt each, too narrow for the 16 pt text"),
    ("lines_per_page", 4, "layout: a page of 4 lines is too short"),
    ("page_number_gap_mm", 30, "layout: a page number 30 mm below the text does not fit the 35 mm bottom margin"),
    ("first_line_indent_chars", 14, "layout: an indent of 14 characters leaves too little of a 28-character line"),
])
def test_layout_mistakes_name_the_setting(setting: str, value: object, message: str) -> None:
    data = _example_data()
    data["layout"] = {setting: value}
    with pytest.raises(DataError, match="^r.toml: " + re.escape(message)):
        parse_report(data, "r.toml")


def test_the_python_build_of_the_example_is_the_data_file() -> None:
    spec = importlib.util.spec_from_file_location("tongxin_build", EXAMPLE.parent / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == load_report(EXAMPLE)


def test_the_new_projects_layout_hint_is_the_default_page_once_uncommented() -> None:
    text = report_toml("某县", 2025, "2021").replace('templates = "templates"', 'templates = ""')
    hint = [line for line in text.splitlines() if line.startswith("# [layout]") or (line.startswith("# ") and " = " in line)]
    assert len(hint) == 5
    for line in hint:
        text = text.replace(line, line[2:])
    assert parse_report(tomllib.loads(text), "r.toml").layout == DEFAULT_LAYOUT
