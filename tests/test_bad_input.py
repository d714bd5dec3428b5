"""Every broken file in tests/data/bad gives its exact message, exit status 2 and no output."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from reportkit import cli
from reportkit.document import Document, DocumentInfo, Paragraph

from hostile import english_words

BAD = Path(__file__).parent / "data" / "bad"
EXPECTED: dict[str, str] = tomllib.loads((BAD / "expected.toml").read_text("utf-8"))["messages"]


def test_every_bad_file_has_its_message() -> None:
    files = {p.name for p in BAD.iterdir() if p.name != "expected.toml"}
    assert files == set(EXPECTED)
    assert len(files) >= 10


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("command", ["render", "validate"])
def test_bad_file(name: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    args = [command, str(BAD / name)] + (["-o", str(out)] if command == "render" else [])
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {BAD / name}: {EXPECTED[name]}"]
    assert "Traceback" not in err
    assert not out.exists()


@pytest.mark.language("zh")
@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("command", ["render", "validate"])
def test_bad_file_in_chinese(name: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The same refusal for a Chinese user: one line, 错误：file：…, no English sentence left, nothing written.
    out = tmp_path / "out"
    args = [command, str(BAD / name)] + (["-o", str(out)] if command == "render" else [])
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("错误：")]
    assert len(errors) == 1 and not any(line.startswith("error:") for line in err.splitlines()), err
    assert errors[0].startswith(f"错误：{BAD / name}：")
    assert english_words(errors[0]) == [], errors[0]
    assert "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize("text", ["甲\x07乙", "甲\ufffe乙", "甲\x00"])
def test_api_text_that_xml_forbids_is_refused_naming_the_field(text: str) -> None:
    with pytest.raises(ValueError, match=r"^Paragraph\.text: contains the control character U\+"):
        Paragraph(text)
    with pytest.raises(ValueError, match=r"^Document\.title: contains"):
        Document(DocumentInfo("t", "a"), text)
