"""Figures bound to the data and figures typed by hand (issue 15, rule text-binding).

The engine wraps every value a template prints in two noncharacters; the parser takes them out and records
where the values stand. The checker suggests a binding for a typed figure that equals a table cell.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportkit import load_report
from reportkit.document.model import Paragraph, Section
from reportkit.narrative import TemplateFailure, parse_bound, parse_markup
from reportkit.narrative.bounded import render_text
from reportkit.narrative.markup import BOUND_CLOSE, BOUND_OPEN, MarkupError, escape_value, unmark
from reportkit.report.model import AnnualReport
from reportkit.validate import validate

from conftest import EXAMPLE
from hostile import project, refused

ON, OFF = BOUND_OPEN, BOUND_CLOSE


def _open(report: AnnualReport[Any]) -> list[tuple[str, tuple[str, ...], str, str]]:
    return [(f.rule, f.cells, f.where, f.message) for f in validate(report) if f.accepted is None]


def _paragraphs(blocks: tuple[object, ...]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Section):
            out += _paragraphs(block.blocks)
        elif isinstance(block, Paragraph):
            out.append(block.text)
    return out


@pytest.mark.parametrize(("text", "spans"), [
    (f"# 概述\n\n共收到申请{ON}75{OFF}件，办结{ON}70{OFF}件。\n", {(0, 5, 2), (0, 11, 2)}),
    # a value's spaces at a line's ends are stripped with the line; a heading's values are not in a paragraph
    (f"# 加强{ON}领导{OFF}。\n  {ON} 同心县 {OFF}  \n始终{ON}3{OFF}次。\n\n一段{ON}12{OFF}\n- 甲{ON}1{OFF}。\n-  {ON}2{OFF}乙。\n\n"
     "@table stats\n", {(0, 0, 3), (0, 5, 1), (1, 2, 2), (1, 7, 1), (1, 11, 1)}),
    # an empty value, or one of spaces, leaves a blank line blank; two values side by side are one span
    (f"{ON}{OFF}\n\n正文\n{ON}   {OFF}\n\n{ON}9{OFF}{ON}8{OFF}件\n", {(1, 0, 2)}),
    # a value over two lines: the markup still reads the second line's start
    (f"- {ON}- x{OFF}\n{ON}# y{OFF}\n", {(0, 2, 6)}),
])
def test_the_parsed_text_is_the_markup_of_the_text_without_markers(text: str, spans: set[tuple[int, int, int]]) \
        -> None:
    blocks, found = parse_bound(text)
    plain, mask = unmark(text)
    assert ON not in plain and OFF not in plain and len(mask) == len(plain)
    assert blocks == parse_markup(plain)  # the markers change nothing the reader sees
    assert found == spans


def test_spans_name_the_paragraph_and_the_place_of_each_value() -> None:
    blocks, spans = parse_bound(f"# 甲\n正文{ON}75{OFF}件\n\n## 乙\n\n- 共{ON}3{OFF}条\n- {ON}4{OFF}条\n")
    assert _paragraphs(blocks) == ["正文75件", "一是共3条二是4条"]
    assert spans == {(0, 2, 2), (1, 3, 1), (1, 7, 1)}


def test_a_value_holding_a_marker_is_refused() -> None:
    for bad in (ON, OFF, "\ufdd0"):
        with pytest.raises(ValueError, match=f"U\\+{ord(bad):04X}"):
            escape_value(f"3{bad}")


def test_data_cannot_forge_a_binding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for marker in ("\\ufdd3", "\\ufdd4"):
        data = project(tmp_path / marker[-1], data={"address = ": f'address = "{marker}3{marker}"'})
        refused(["validate", str(data)], capsys, tmp_path / marker[-1], "meta.contact.address", "noncharacter U+FDD")
    # and through the engine, whatever the data's source
    folder = tmp_path / "templates"
    (folder / "2018").mkdir(parents=True)
    (folder / "2018" / "report.j2").write_text("收到申请{{ county }}件", "utf-8")
    assert render_text("2018/report.j2", {"county": "3"}, [folder])[0] == f"收到申请{ON}3{OFF}件"
    with pytest.raises(TemplateFailure, match="U\\+FDD3"):
        render_text("2018/report.j2", {"county": f"{ON}3{OFF}"}, [folder])


@pytest.mark.parametrize("marker", [ON, OFF])
def test_a_template_holding_a_marker_is_refused(marker: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    data = project(tmp_path, f"收到申请{marker}3{marker}件。")
    refused(["validate", str(data)], capsys, tmp_path, "templates/2018/report.j2",
            f"contains the character U+{ord(marker):04X}")


def test_the_spans_come_back_from_the_forked_child(monkeypatch: pytest.MonkeyPatch) -> None:
    assert hasattr(os, "fork")
    forked = load_report(EXAMPLE)
    monkeypatch.delattr(os, "fork")  # run_bounded then renders in this process
    here = load_report(EXAMPLE)
    assert forked.bound is not None and len(forked.bound) >= 10
    assert forked.bound == here.bound and forked.body == here.body
    texts = _paragraphs(forked.body)
    shown = {texts[k][offset:offset + length] for k, offset, length in forked.bound}
    assert "9000多" in shown and "3000余" in shown  # the approx filter's output, as printed
    assert "15万余" not in shown  # typed as published


def test_a_narrative_written_as_body_has_no_bindings() -> None:
    report = load_report(Path(__file__).parent / "corpus" / "base-2021.toml")
    assert report.bound is None


@pytest.mark.language("zh")  # asserts the finding in Chinese, as written
@pytest.mark.parametrize(("line", "noted"), [
    ("本年收到政府信息公开申请3件。", True),  # typed, and equal to the table: bind it
    ("本年收到政府信息公开申请{{ 3 }}件。", True),  # a literal is typed too
    ("本年收到政府信息公开申请{{ stats.applications.received }}件。", False),
    ("本年收到政府信息公开申请{{ stats.applications.received | cn }}件。", False),  # not a figure read
    ("本年收到政府信息公开申请{{ stats.applications.online }}件。", False),  # bound (to the same value)
    ("本年收到政府信息公开申请4件。", False),  # typed, and wrong: text-table, not a binding
])
def test_a_typed_figure_equal_to_a_cell_gets_the_note(line: str, noted: bool, tmp_path: Path) -> None:
    found = _open(load_report(project(tmp_path, line)))
    notes = [f for f in found if f[0] == "2018.text-binding"]
    if noted:
        assert notes == [("2018.text-binding", ("stats.applications.received",), "正文 一、概述 第1段",
                          "正文“本年收到政府信息公开申请3件”的数字是手写的，与表格一致；写成 "
                          "{{ stats.applications.received }} 由数据生成，以后各年就不会与表格不一致")]
    else:
        assert notes == []
    wrong = [f for f in found if f[0] == "2018.text-table"]
    assert (wrong != []) == (line == "本年收到政府信息公开申请4件。")


def test_the_examples_bind_every_figure_that_agrees_with_their_tables() -> None:
    for example in (EXAMPLE, EXAMPLE.parent.parent / "pingtan-2022" / "report.toml"):
        report = load_report(example)
        assert report.bound
        assert [f for f in validate(report) if f.rule.endswith("text-binding")] == []


_PIECES = st.sampled_from(["# ", "## ", "### ", "- ", "@table stats", "\n", "\n\n", " ", "  ", "甲", "乙。", "75",
                           "件", "，", "一、", "\ufdd0", "\ufdd2", "共"])


@st.composite
def _marked_text(draw: st.DrawFn) -> str:
    """Markup pieces, some of them wrapped in the binding markers as the engine wraps a printed value."""
    out = []
    for piece in draw(st.lists(_PIECES, max_size=40)):
        out.append(f"{ON}{piece}{OFF}" if draw(st.booleans()) else piece)
    return "".join(out)


@settings(max_examples=200, deadline=None)
@given(_marked_text())
def test_markers_change_nothing_but_the_spans(text: str) -> None:
    plain, mask = unmark(text)
    try:
        expected: object = parse_markup(plain)
    except MarkupError as exc:
        expected = (exc.line, exc.message)
    try:
        blocks, spans = parse_bound(text)
    except MarkupError as exc:
        assert expected == (exc.line, exc.message)
        return
    assert blocks == expected
    paragraphs = _paragraphs(blocks)
    for k, offset, length in spans:  # every span lies in its paragraph and is not empty
        assert length > 0 and offset >= 0 and offset + length <= len(paragraphs[k])
    assert sum(length for _, _, length in spans) <= mask.count("1")
