"""The findings speak the user's language: written in Chinese (the domain's words), said in English under an
English locale, through the real command line with only LANG set; the machine formats keep the same rule ids
and finding ids in both."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import pytest
from test_corpus import CASES, CORPUS, _patched

from reportkit.document.model import Paragraph
from reportkit.editions import REGISTRY
from reportkit.i18n import set_language
from reportkit.report import load_report
from reportkit.report.load import parse_report
from reportkit.validate import Compare, Finding, rules_of, validate
from reportkit.validate.show import findings_table, summary

from conftest import EXAMPLE

LOCALE_VARIABLES = ("REPORTKIT_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
HAN = re.compile(r"[\u4e00-\u9fff]")


def _cli(*args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    return subprocess.run([sys.executable, "-m", "reportkit", *args], capture_output=True, text=True,
                          env={**env, **environment}, encoding="utf-8", timeout=300)


@pytest.fixture
def slipped(tmp_path: Path) -> Path:
    """The example without its [[accept]] entries: a sum that does not add up and a figure of the text."""
    data = tmp_path / "report.toml"
    text = EXAMPLE.read_text("utf-8")
    data.write_text(text[:text.index("[[accept]]")].replace('templates = "templates"',
                                                            f'templates = "{EXAMPLE.parent / "templates"}"'), "utf-8")
    return data


def test_a_finding_is_english_under_lang_c_and_chinese_under_zh_cn(slipped: Path) -> None:
    chinese = _cli("validate", str(slipped), LANG="zh_CN.UTF-8")
    english = _cli("validate", str(slipped), LANG="C")
    assert chinese.returncode == english.returncode == 2, (chinese.stderr, english.stderr)
    zh, en = chinese.stdout.splitlines(), english.stdout.splitlines()
    assert zh[0] == f"{slipped}: 发现 2 处：错误 1 处、警告 1 处、提示 0 处"
    assert en[0] == f"{slipped}: 2 findings: 1 error, 1 warning, 0 notes"
    assert "错误  2018.answers-sum" in zh and "error  2018.answers-sum" in en
    text_zh = next(line for line in zh if "与表格不符" in line)
    text_en = next(line for line in en if "does not match the tables" in line)
    assert text_zh.strip().startswith("正文 ") and text_en.strip().startswith("text ")
    # the English line keeps Chinese only where it quotes the report or names the edition's cells and concepts
    assert not re.search("正文|与表格不符|即 ", re.sub(r"“[^”]*”", "", text_en)), text_en


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit"])
def test_the_machine_formats_keep_their_ids_in_both_languages(slipped: Path, fmt: str) -> None:
    chinese = _cli("validate", str(slipped), "--format", fmt, LANG="zh_CN.UTF-8")
    english = _cli("validate", str(slipped), "--format", fmt, LANG="C")
    assert chinese.returncode == english.returncode == 2, (chinese.stderr, english.stderr)
    if fmt == "junit":
        def cases(out: str) -> list[tuple[str | None, str | None, str | None]]:
            return [(case.get("classname"), case.get("name"), case.find("failure").get("type"))  # type: ignore[union-attr]
                    for case in ET.fromstring(out).iter("testcase")]
        assert cases(chinese.stdout) == cases(english.stdout) and len(cases(english.stdout)) == 2
        assert chinese.stdout != english.stdout
        return
    zh, en = json.loads(chinese.stdout), json.loads(english.stdout)
    if fmt == "json":
        def keys(data: dict[str, list[dict[str, object]]]) -> list[tuple[object, ...]]:
            return [(f["id"], f["rule"], f["severity"], tuple(f["cells"])) for f in data["findings"]]  # type: ignore[arg-type]
        assert keys(zh) == keys(en) and [k[1] for k in keys(en)] == ["2018.answers-sum", "2018.text-table"]
        assert en["summary"] == "2 findings: 1 error, 1 warning, 0 notes"
        assert zh["summary"] == "发现 2 处：错误 1 处、警告 1 处、提示 0 处"
        assert en["findings"][1]["message"].startswith("the text “")
        assert zh["findings"][1]["message"].startswith("正文“")
        assert en["findings"][0]["where"] == "tables" and zh["findings"][0]["where"] == "统计表"
    else:
        def results(data: dict[str, object]) -> list[tuple[object, ...]]:
            run = data["runs"][0]  # type: ignore[index]
            return [(r["ruleId"], r["level"], r["partialFingerprints"]["reportkitFindingId"]) for r in run["results"]]
        assert results(zh) == results(en) and len(results(en)) == 2
        assert zh["runs"][0]["tool"]["driver"]["rules"] == en["runs"][0]["tool"]["driver"]["rules"]
        assert HAN.search(zh["runs"][0]["results"][1]["message"]["text"])
        assert en["runs"][0]["results"][1]["message"]["text"].startswith("the text “")


def _corpus_findings(path: Path, language: str) -> list[Finding]:
    case = tomllib.loads(path.read_text("utf-8"))
    base = tomllib.loads((CORPUS / case.get("base", "base-2021.toml")).read_text("utf-8"))
    set_language(language)  # type: ignore[arg-type]
    report = parse_report(_patched(base, case["slipped"]), "slipped.toml", base=CORPUS)
    previous = None
    if "previous_slipped" in case:
        last = tomllib.loads((CORPUS / case["previous_base"]).read_text("utf-8"))
        previous = parse_report(_patched(last, case["previous_slipped"]), "previous.toml", base=CORPUS)
    return validate(report, previous)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_slip_of_the_corpus_is_said_in_english_with_the_same_ids(path: Path) -> None:
    # Each class of slip (a–l): the same findings (ids, rules, cells) in both languages; in English every
    # message but the sums' (made of the edition's names of cells and sums, and figures) is English words.
    english, chinese = _corpus_findings(path, "en"), _corpus_findings(path, "zh")
    assert [(f.id, f.rule, f.cells, f.severity) for f in english] == [
        (f.id, f.rule, f.cells, f.severity) for f in chinese]
    assert english
    sums = {rule.id for rule in rules_of(REGISTRY.lookup("2021", "test")) if isinstance(rule, Compare)}
    for en, zh in zip(english, chinese, strict=True):
        if en.rule in sums:
            continue
        assert en.message != zh.message and re.search(r"[a-z]{3,} [a-z]{2,}", en.message), en.message
        assert en.where != zh.where or not HAN.search(zh.where), (en.where, zh.where)


def test_the_findings_table_and_summary_follow_the_language(slipped: Path) -> None:
    report = load_report(slipped)
    set_language("en")
    english = validate(report)
    assert summary(english) == "2 findings: 1 error, 1 warning, 0 notes"
    table = findings_table(english)
    assert table.splitlines()[0] == "error  2018.answers-sum" and "warning  2018.text-table" in table
    set_language("zh")
    chinese = validate(report)
    assert summary(chinese) == "发现 2 处：错误 1 处、警告 1 处、提示 0 处"
    assert findings_table(chinese).splitlines()[0] == "错误  2018.answers-sum"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_finding_in_the_text_is_known_as_such_in_either_language(language: str) -> None:
    # render's one line for the 待填写 places counts the paragraphs by Finding.in_text, not by the words of where
    report = attrs.evolve(load_report(EXAMPLE), body=(Paragraph("全年收到申请（待填写：件数）。"),))
    set_language(language)  # type: ignore[arg-type]
    pending = [f for f in validate(report) if f.rule == "pending"]
    assert [f.in_text for f in pending] == [True]
    assert pending[0].where == {"en": "text, paragraph 1", "zh": "正文 第1段"}[language]
    assert not Finding("x", pending[0].severity, (), "m").in_text  # 统计表 / tables
