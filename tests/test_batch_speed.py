"""What a batch worker does once, not once a report (issue 18): the editions' templates found without reading
the installed packages, and no font's glyph table copied whole for the subsets it embeds."""

from __future__ import annotations

from typing import Any

import pytest
from reportlab.pdfbase.ttfonts import TTFontFile

from reportkit import load_report, render_pdf
from reportkit.editions import REGISTRY, registry

from conftest import EXAMPLE


def test_a_national_editions_report_never_reads_the_installed_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    def scan(self: Any) -> None:
        raise AssertionError("the installed packages' entry points were read")

    monkeypatch.setattr(registry.Registry, "_entry_points", scan)
    REGISTRY.refresh()
    report = load_report(EXAMPLE)  # the narrative's child would have failed its render, not this test
    assert report.body
    render_pdf(report.to_document())


def test_no_fonts_glyph_table_is_copied_for_its_subsets(monkeypatch: pytest.MonkeyPatch) -> None:
    copies: list[str] = []
    table = TTFontFile.get_table

    def get_table(self: Any, tag: str) -> Any:
        if tag == "glyf":
            copies.append(self.filename)
        return table(self, tag)

    document = load_report(EXAMPLE).to_document()
    render_pdf(document)  # the fonts registered (they may have been already)
    monkeypatch.setattr(TTFontFile, "get_table", get_table)
    first = render_pdf(document)
    assert render_pdf(document) == first
    assert copies == []  # every subset sliced its glyphs out of the font's data (font_cache._window_glyphs)
