"""Every broken file in tests/data/bad gives its exact message, exit status 2 and no output."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from reportkit import cli
from reportkit.document import Document, DocumentInfo, Paragraph
from reportkit.i18n import set_language

from hostile import english_words

BAD = Path(__file__).parent / "data" / "bad"
_MESSAGES = tomllib.loads((BAD / "expected.toml").read_text("utf-8"))
EXPECTED: dict[str, str] = _MESSAGES["messages"]
CHINESE: dict[str, str] = _MESSAGES["messages_zh"]


def test_every_bad_file_has_its_message() -> None:
    files = {p.name for p in BAD.iterdir() if p.name != "expected.toml"}
    assert files == set(EXPECTED) == set(CHINESE)
    assert len(files) >= 10


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("command", ["render", "validate"])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_bad_file(name: str, command: str, language: str, tmp_path: Path,
                  capsys: pytest.CaptureFixture[str]) -> None:
    # In Chinese the whole line is Chinese, its parts joined with "：", what the parsers say in English
    # (tomllib, json) quoted.
    set_language("zh" if language == "zh" else "en")
    out = tmp_path / "out"
    args = [command, str(BAD / name)] + (["-o", str(out)] if command == "render" else [])
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    prefix, separator, message = ("错误：", "：", CHINESE[name]) if language == "zh" else ("error: ", ": ", EXPECTED[name])
    errors = [line for line in err.splitlines() if line.startswith(prefix)]
    assert errors == [f"{prefix}{BAD / name}{separator}{message}"]
    assert language == "en" or (english_words(errors[0]) == [] and "error:" not in err)
    assert "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize("text", ["甲\x07乙", "甲\ufffe乙", "甲\x00"])
def test_api_text_that_xml_forbids_is_refused_naming_the_field(text: str) -> None:
    with pytest.raises(ValueError, match=r"^Paragraph\.text: contains the control character U\+"):
        Paragraph(text)
    with pytest.raises(ValueError, match=r"^Document\.title: contains"):
        Document(DocumentInfo("t", "a"), text)
