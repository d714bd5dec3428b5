"""A DOCX starts from the blank document of its layout, made once a process (issue 18): the same bytes as one
made for the report alone, whatever layouts came before, and only a few blanks kept."""

from __future__ import annotations

import attrs
import pytest

from reportkit import load_report
from reportkit.layout import PageLayout, Role
from reportkit.render import docx as docx_module

from conftest import ROOT

LAYOUTS = [PageLayout(), PageLayout(margin_left_mm=30.0, page_number_format="- {n} -"),
           PageLayout(fonts={Role.BODY: "宋体"}), PageLayout(sizes={**PageLayout().sizes, Role.TABLE: 12.0})]


def _alone(document: object, layout: PageLayout, monkeypatch: pytest.MonkeyPatch) -> bytes:
    with monkeypatch.context() as patched:
        patched.setattr(docx_module, "_BLANKS", [])
        return docx_module.render_docx(document, layout)  # type: ignore[arg-type]


def test_a_report_is_the_same_after_any_other_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    document = load_report(ROOT / "examples" / "tongxin-2018" / "report.toml").to_document()
    alone = [_alone(document, layout, monkeypatch) for layout in LAYOUTS]
    assert len(set(alone)) == len(LAYOUTS)  # each layout shows in the file
    monkeypatch.setattr(docx_module, "_BLANKS", [])
    for k in (0, 1, 0, 2, 3, 1, 0, 3, 2):
        assert docx_module.render_docx(document, LAYOUTS[k]) == alone[k], k


def test_a_layout_changed_after_a_report_is_not_taken_for_the_old_one(monkeypatch: pytest.MonkeyPatch) -> None:
    document = load_report(ROOT / "examples" / "pingtan-2022" / "report.toml").to_document()
    monkeypatch.setattr(docx_module, "_BLANKS", [])
    layout = PageLayout()
    before = docx_module.render_docx(document, layout)
    layout.sizes[Role.TABLE] = 12.0  # the layout's mapping changed in place (not its fonts)
    after = docx_module.render_docx(document, layout)
    assert after != before
    assert after == _alone(document, attrs.evolve(layout), monkeypatch)


def test_only_a_few_blanks_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    document = load_report(ROOT / "examples" / "tongxin-2018" / "report.toml").to_document()
    monkeypatch.setattr(docx_module, "_BLANKS", [])
    for margin in range(20, 32):
        docx_module.render_docx(document, PageLayout(margin_left_mm=float(margin)))
    assert 1 <= len(docx_module._BLANKS) <= docx_module._KEPT_BLANKS
