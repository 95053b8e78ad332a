"""Zone and category cut-offs by assessment year (domain.md §2)."""

from __future__ import annotations

import pytest

from db.scales import derive_category, derive_zone, normalize_category


@pytest.mark.parametrize(
    ("score", "year", "zone"),
    [
        (81.0, 2021, "hijau"),
        (80.99, 2021, "kuning"),
        (51.15, 2021, "kuning"),
        (50.99, 2019, "merah"),
        (51.15, 2022, "merah"),  # the 2022 scheme moved the boundary (Kota Sibolga)
        (78.0, 2022, "hijau"),
        (77.99, 2024, "kuning"),
        (54.0, 2023, "kuning"),
        (95.0, 2025, None),  # the 2025 ladder is not published
        (101.0, 2022, None),
        (80.0, None, None),
    ],
)
def test_zone_follows_the_scheme_of_the_year(score, year, zone):
    assert derive_zone(score, year) == zone


@pytest.mark.parametrize(
    ("score", "year", "category"),
    [(88.0, 2022, "A"), (87.99, 2022, "B"), (77.99, 2024, "C"), (32.0, 2023, "D"),
     (31.98, 2024, "E"), (90.0, 2021, None), (90.0, 2025, None)],
)  # fmt: skip
def test_category_uses_the_2022_2024_cutoffs(score, year, category):
    assert derive_category(score, year) == category


@pytest.mark.parametrize(
    ("printed", "year", "normal"),
    [
        ("opini kualitas tertinggi", 2024, "A"),
        ("Kualitas Tinggi", 2022, "B"),
        ("kategori c", 2023, "C"),
        ("Zona E", 2024, "E"),
        (
            "Opini Kualitas Tertinggi Tanpa Maladministrasi",
            2025,
            "Opini Kualitas Tertinggi Tanpa Maladministrasi",
        ),
        ("predikat tinggi", 2019, "predikat tinggi"),
    ],
)
def test_printed_category_is_normalised_only_where_the_ladder_is_known(printed, year, normal):
    assert normalize_category(printed, year) == normal
