"""The placement rules every renderer reads from reportkit/layout.py, and the renderers following them."""

from __future__ import annotations

import io
import re
import zipfile

import attrs
import pytest

from reportkit import PageLayout
from reportkit.layout import DEFAULT_LAYOUT, char_cells, signature_place
from reportkit.render.docx_template import minimal_template


def test_sealed_signature_date_four_from_the_right_issuer_centred_over_it() -> None:
    place = signature_place(issuer_width=6, date_width=5.5, sealed=True)
    assert place.date_right == 4
    # Centred: the middles of the two lines stand at the same distance from the right edge.
    assert place.issuer_right + 6 / 2 == place.date_right + 5.5 / 2


def test_unsealed_signature_issuer_two_from_the_right_date_two_further_right() -> None:
    place = signature_place(issuer_width=10, date_width=5.5, sealed=False)
    assert place.issuer_right == 2
    issuer_start, date_start = place.issuer_right + 10, place.date_right + 5.5  # distances of the left ends
    assert issuer_start - date_start == 2


def test_unsealed_signature_with_a_date_longer_than_the_issuer_keeps_the_date_two_from_the_right() -> None:
    place = signature_place(issuer_width=6, date_width=5.5, sealed=False)
    assert place.date_right == 2
    assert (place.issuer_right + 6) - (place.date_right + 5.5) == 2


def test_signature_place_scales_with_the_unit_of_the_widths() -> None:
    cell = DEFAULT_LAYOUT.cell_pitch
    in_cells = signature_place(6, 5.5, sealed=False)
    in_points = signature_place(6 * cell, 5.5 * cell, sealed=False, char=cell)
    assert in_points.issuer_right == pytest.approx(in_cells.issuer_right * cell)
    assert in_points.date_right == pytest.approx(in_cells.date_right * cell)


def test_char_cells_counts_full_width_as_one_and_digits_as_half() -> None:
    assert char_cells("2026年1月9日") == 4 * 0.5 + 1 + 0.5 + 1 + 0.5 + 1


def test_page_numbers_odd_right_even_left_one_character_in() -> None:
    layout = DEFAULT_LAYOUT
    assert [layout.page_number_side(n) for n in (1, 2, 3, 4)] == ["right", "left", "right", "left"]
    assert layout.page_number_inset == 14.0  # 4号
    assert layout.page_number_parts == ("— ", " —")


def test_the_page_number_sits_the_gap_below_the_type_area_in_both_units() -> None:
    near, far = DEFAULT_LAYOUT, attrs.evolve(DEFAULT_LAYOUT, page_number_gap_mm=10.0)
    mm = 72 / 25.4
    assert near.page_number_baseline - far.page_number_baseline == pytest.approx(3 * mm)
    assert near.footer_distance_twips - far.footer_distance_twips == pytest.approx(3 * 56.6929, abs=1)
    assert near.footer_distance_twips == 1388  # 24.5 mm, what the published DOCX examples carry


def test_narrow_cells_only_for_a_table_set_small() -> None:
    normal, narrow = PageLayout.cell_spacing(None), PageLayout.cell_spacing(10.5)
    assert narrow.side < normal.side and narrow.word_side_twips < normal.word_side_twips
    assert normal.word_side_twips == 108  # Word's own default, which the template's Normal Table carries


def _section(layout: PageLayout) -> str:
    with zipfile.ZipFile(io.BytesIO(minimal_template(layout))) as archive:
        document = archive.read("word/document.xml").decode()
    found = re.search(r"<w:sectPr>.*</w:sectPr>", document)
    assert found
    return found.group()


def test_the_docx_template_takes_its_page_from_the_layout() -> None:
    assert _section(DEFAULT_LAYOUT) == (
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" '
        'w:left="1587" w:header="851" w:footer="1388" w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="579"/>'
        "</w:sectPr>"
    )
    other = attrs.evolve(DEFAULT_LAYOUT, margin_top_mm=40.0, lines_per_page=20)
    section = _section(other)
    assert f'w:top="{other.margin_twips[0]}"' in section
    assert f'w:linePitch="{other.line_pitch_twips}"' in section
