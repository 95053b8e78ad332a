"""Zones and A–E categories for the database, from the one scale table in `extract.scales`.

The database fills a zone or category that no outlet stated from the published cut-offs of that
assessment year; `extract.scales` holds those cut-offs (domain.md §2), so the two stages can
never disagree. Nothing is derived for 2025 and later: that ladder is not published.
"""

from __future__ import annotations

from extract import scales

OPINION_LETTERS = {label: letter for letter, label in scales.LETTER_LABELS.items()}


def derive_zone(score: float | None, year: int | None) -> str | None:
    """Zone implied by a score under the scheme of its assessment year, or None if unknown."""
    if score is None or year is None or not 0 <= score <= 100:
        return None
    return scales.derive_zone(score, year)


def derive_category(score: float | None, year: int | None) -> str | None:
    """A–E opinion category implied by a score (2022–2024 only), or None."""
    if score is None or scales.scheme_for_year(year) != "opini_ae" or not 0 <= score <= 100:
        return None
    return OPINION_LETTERS[scales.derive_category(score, year)]


def normalize_category(value: str | None, year: int | None) -> str | None:
    """'opini kualitas tinggi', 'kategori B' or 'b' → 'B' for 2022–2024; other labels unchanged."""
    if not value:
        return None
    if scales.scheme_for_year(year) != "opini_ae":
        return value
    words = value.casefold().split()
    while words and words[0] in {"opini", "kategori", "zona", "predikat"}:
        words = words[1:]
    label = " ".join(words)
    if len(label) == 1 and label in "abcde":
        return label.upper()
    return OPINION_LETTERS.get(label, value)
