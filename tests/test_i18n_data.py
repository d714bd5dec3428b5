"""The errors of data files, templates and editions in the user's language: through the real CLI, with the
locale's variables as a user has them (REPORTKIT_LANG unset), Chinese for zh_CN and English for C."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reportkit.errors import DataError, listing
from reportkit.i18n import set_language

from hostile import english_words, project

BAD = Path(__file__).parent / "data" / "bad"
LOCALE_VARIABLES = ("REPORTKIT_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def _cli(*args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    return subprocess.run([sys.executable, "-m", "reportkit", *args], capture_output=True, text=True,
                          env={**env, **environment}, encoding="utf-8", check=False)


def _errors(result: subprocess.CompletedProcess[str], prefix: str) -> list[str]:
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith(prefix)]


def test_a_bad_data_file_speaks_the_locale() -> None:
    bad = BAD / "negative-count.toml"
    chinese = _cli("validate", str(bad), LANG="zh_CN.UTF-8")
    assert chinese.returncode == 2
    assert _errors(chinese, "错误：") == [
        f'错误：{bad}：stats.applications.received：应为不小于 0 的整数（空白写 ""），实为 -3']
    english = _cli("validate", str(bad), LANG="C")
    assert english.returncode == 2
    assert _errors(english, "error:") == [
        f'error: {bad}: stats.applications.received: expected a whole number >= 0 (or "" for a blank), got -3']


def test_a_broken_template_speaks_the_locale(tmp_path: Path) -> None:
    # The narrative is rendered in a child process: it speaks the locale too.
    data = project(tmp_path, "{{ countyy }}")
    template = data.parent / "templates" / "2018" / "report.j2"
    chinese = _cli("render", str(data), "-o", str(tmp_path / "out"), LANG="zh_CN.UTF-8")
    assert chinese.returncode == 2
    [line] = _errors(chinese, "错误：")
    assert line.startswith(f"错误：{template}：第 ") and line.endswith("行：没有定义 countyy；是否想写 county？")
    assert english_words(line) == [], line
    english = _cli("render", str(data), "-o", str(tmp_path / "out"), LANG="C")
    [line] = _errors(english, "error:")
    assert line.startswith(f"error: {template}: line ") and line.endswith(": countyy is not defined; did you mean county?")
    assert not (tmp_path / "out").exists()


def test_an_error_joins_its_parts_as_its_language_does() -> None:
    assert str(DataError("a.toml", "meta.year", "x")) == "a.toml: meta.year: x"
    assert str(DataError("a.toml", "", "x")) == "a.toml: x"
    assert listing(["2018", "2019"]) == "2018, 2019"
    set_language("zh")
    try:
        assert str(DataError("a.toml", "meta.year", "x")) == "a.toml：meta.year：x"
        assert str(DataError("a.toml", "", "x")) == "a.toml：x"
        assert listing(["2018", "2019"]) == "2018、2019"
    finally:
        set_language(None)


@pytest.mark.language("zh")
def test_an_editions_mistakes_are_chinese(tmp_path: Path) -> None:
    # A province's edition.toml is checked as strictly as a report, in the same language.
    from reportkit.editions import REGISTRY

    folder = tmp_path / "fujian"
    folder.mkdir()
    (folder / "edition.toml").write_text('name = "Fujian 2018"\ntitle = "统计表"\nyears = [2018]\n', "utf-8")
    with pytest.raises(DataError) as caught:
        REGISTRY.add_folder(folder)
    assert str(caught.value) == (f"{folder / 'edition.toml'}：name：'Fujian 2018'：报告格式的名称只能用小写字母、数字、- 和 _"
                                 "（如 fujian-2018）")
    (folder / "edition.toml").write_text('name = "fujian"\ntitle = "统计表"\nyears = [2018]\n', "utf-8")
    with pytest.raises(DataError) as caught:
        REGISTRY.add_folder(folder)
    assert str(caught.value) == f"{folder / 'edition.toml'}：tables：一个报告格式至少要有一张表"


_DATA_AREA = ("reportkit/report/", "reportkit/narrative/", "reportkit/editions/", "reportkit/document/",
              "reportkit/layout.py", "reportkit/limits.py", "reportkit/errors.py", "reportkit/titles.py",
              "reportkit/typeset.py")


def test_every_translation_of_the_data_messages_is_chinese() -> None:
    # Also the messages no other test makes: with its {fields} left out, a translation holds no English words
    # but what it quotes (or names: keys, file types), and writes Chinese punctuation, never ": " or "; ".
    import importlib.util

    spec = importlib.util.spec_from_file_location("catalogs", Path(__file__).parent.parent / "scripts" / "catalogs.py")
    assert spec is not None and spec.loader is not None
    catalogs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(catalogs)
    translated = catalogs.current("reportkit")
    checked = 0
    for message in catalogs.extracted("reportkit"):
        if not message.id or not any(file.startswith(_DATA_AREA) for file, _line in message.locations):
            continue
        string = translated.get(message.id).string
        chinese = "".join(string) if isinstance(string, tuple | list) else string
        text = re.sub(r"\{[a-z_]+\}", "甲", chinese)
        assert english_words(text) == [], (message.id, chinese)
        punctuated = re.sub(r"\[[^\]]*\]|\"[^\"]*\"", "", text)  # TOML's own syntax: [a, b], "" are written as they are
        assert not re.search(r"[:;,] |[\u4e00-\u9fff][:;,(]", punctuated), (message.id, chinese)
        checked += 1
    assert checked >= 180
