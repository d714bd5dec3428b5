"""The language reportkit speaks: the catalogs complete and in step with the code, and the locale chosen as
gettext chooses it (REPORTKIT_LANG first), Chinese for zh, English otherwise."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportkit import i18n
from reportkit.i18n import _, _n, _zh, language

ROOT = Path(__file__).resolve().parent.parent
LOCALE_VARIABLES = ("REPORTKIT_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def _catalogs() -> object:
    spec = importlib.util.spec_from_file_location("catalogs", ROOT / "scripts" / "catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_is_in_the_catalogs_and_translated() -> None:
    # Fails on a message added to the code and not translated (or translated with other {fields}), on a
    # catalog entry the code no longer has, and on a .mo file not compiled from its .po.
    problems = list(_catalogs().problems())  # type: ignore[attr-defined]
    assert problems == [], "\n".join(problems[:40])


def test_the_check_finds_an_untranslated_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The check above is not vacuous: a module with a new message, and another with an f-string in _().
    catalogs = _catalogs()
    package = tmp_path / "reportkit"
    package.mkdir()
    (package / "mod.py").write_text('from reportkit.i18n import _\nA = _("a message nobody translated")\n'
                                    'B = _(f"made at {1} run time")\n', encoding="utf-8")
    monkeypatch.setattr(catalogs, "PACKAGE", package)
    problems = list(catalogs.problems())  # type: ignore[attr-defined]
    assert any("needs a literal message" in p and "mod.py:3" in p for p in problems)
    assert any("not in the catalog" in p and "a message nobody translated" in p for p in problems)


def test_the_check_takes_a_marked_constant_and_nothing_else(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # I18N.md: a constant is marked with N_ where it is defined and translated with _(CONSTANT) where it is used.
    catalogs = _catalogs()
    package = tmp_path / "reportkit"
    package.mkdir()
    lines = ["from reportkit.i18n import N_, _, _zh",                        # 1
             "MESSAGE = N_('marked')",                                        # 2
             "MESSAGES = {'a': N_('marked')}",                                # 3
             "def f(key, message, value, errors):",                           # 4
             "    _(MESSAGE)",                                                # 5: accepted
             "    _(MESSAGES[key])",                                          # 6: accepted
             "    _(errors.MESSAGE)",                                         # 7: accepted (a module's constant)
             "    _zh(MESSAGES['a'])",                                        # 8: accepted
             "    _(message)",                                                # 9: a variable
             "    _(f'made {value}')",                                        # 10: an f-string
             "    _(message.upper())",                                        # 11: a call
             "    _(MESSAGE + value)",                                        # 12: a concatenation
             "    _(messages[key])",                                          # 13: a lower-case table
             "    N_(MESSAGE)"]                                               # 14: a marker needs the literal
    (package / "mod.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(catalogs, "PACKAGE", package)
    refused = {int(p.split(":")[1]) for p in catalogs.problems()  # type: ignore[attr-defined]
               if p.startswith("reportkit/mod.py:") and "needs a literal message" in p}
    assert refused == {9, 10, 11, 12, 13, 14}


@pytest.mark.parametrize(("environment", "expected"), [
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "C"}, "en"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({}, "en"),
    ({"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, "en"),  # LC_ALL overrides LANG
    ({"LANG": "C", "LC_MESSAGES": "zh_CN.GB18030"}, "zh"),
    ({"LANG": "C", "LANGUAGE": "zh_TW:en"}, "zh"),  # LANGUAGE's first choice
    ({"LANG": "zh_CN.UTF-8", "REPORTKIT_LANG": "en"}, "en"),  # REPORTKIT_LANG first
    ({"LANG": "C", "REPORTKIT_LANG": "zh"}, "zh"),
])
def test_the_language_follows_the_environment(environment: dict[str, str], expected: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", "linux")
    assert language() == expected


def test_windows_uses_the_display_language(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(i18n, "_windows_language", lambda: "zh")
    assert language() == "zh"


def test_set_language_overrides_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTKIT_LANG", "en")
    i18n.set_language("zh")
    assert _("options") == "选项"
    i18n.set_language(None)
    assert _("options") == "options"


def test_fields_are_filled_after_translation(monkeypatch: pytest.MonkeyPatch) -> None:
    # A field's text is never read as a placeholder, and a message with no fields is left as it is.
    i18n.set_language("zh")
    assert _("usage: ") == "用法："
    assert _("no such message {x}", x="{evil}") == "no such message {evil}"
    assert _n("{count} file", "{count} files", 3) == "3 files"  # not in the catalog: English
    assert _zh("为空 {cell}", cell="{0}") == "为空 {0}"
    i18n.set_language("en")
    assert _n("{count} file", "{count} files", 1) == "1 file"


def _cli(*args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    return subprocess.run([sys.executable, "-m", "reportkit", *args], capture_output=True, text=True,
                          env={**env, **environment}, encoding="utf-8")


def test_argparse_speaks_the_locale() -> None:
    chinese = _cli("render", "--format", "bogus", LANG="zh_CN.UTF-8")
    assert chinese.returncode == 2
    assert chinese.stderr.startswith("用法：reportkit render")
    assert "错误：参数 --format：无效的选择：'bogus'" in chinese.stderr
    english = _cli("render", "--format", "bogus", LANG="C")
    assert english.returncode == 2
    assert "error: argument --format: invalid choice: 'bogus'" in english.stderr


def test_the_library_leaves_argparse_alone() -> None:
    import argparse

    from reportkit.cli import main

    before = argparse._  # type: ignore[attr-defined]
    main(["completion", "bash"])
    assert argparse._ is before  # type: ignore[attr-defined]
