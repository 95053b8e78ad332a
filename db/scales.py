"""The Ombudsman's published cut-offs, used to fill a zone or category that no outlet stated.

Zones (2013–2021): hijau 81–100, kuning 51–80,99, merah 0–50,99. From 2022 to 2024 the A–E
opinion categories apply (A ≥ 88, B ≥ 78 hijau; C ≥ 54 kuning; D ≥ 32, E below merah). The 2025
"Opini Ombudsman RI" ladder is not published, so nothing is derived for 2025 or later.
"""

from __future__ import annotations

CATEGORY_CUTOFFS = (
    ("A", 88.0, "hijau"),
    ("B", 78.0, "hijau"),
    ("C", 54.0, "kuning"),
    ("D", 32.0, "merah"),
)


def derive_zone(score: float | None, year: int | None) -> str | None:
    """Zone implied by a score under the scheme of its assessment year, or None if unknown."""
    if score is None or year is None or not 0 <= score <= 100:
        return None
    if year <= 2021:
        if score >= 81:
            return "hijau"
        return "kuning" if score >= 51 else "merah"
    if year <= 2024:
        for _, floor, zone in CATEGORY_CUTOFFS:
            if score >= floor:
                return zone
        return "merah"
    return None


def derive_category(score: float | None, year: int | None) -> str | None:
    """A–E opinion category implied by a score (2022–2024 only), or None."""
    if score is None or year is None or not 2022 <= year <= 2024 or not 0 <= score <= 100:
        return None
    for letter, floor, _ in CATEGORY_CUTOFFS:
        if score >= floor:
            return letter
    return "E"


OPINION_LETTERS = {
    "kualitas tertinggi": "A",
    "kualitas tinggi": "B",
    "kualitas sedang": "C",
    "kualitas rendah": "D",
    "kualitas terendah": "E",
}


def normalize_category(value: str | None, year: int | None) -> str | None:
    """'opini kualitas tinggi', 'kategori B' or 'b' → 'B' for 2022–2024; other labels unchanged."""
    if not value:
        return None
    if year is None or not 2022 <= year <= 2024:
        return value
    words = value.casefold().split()
    while words and words[0] in {"opini", "kategori", "zona", "predikat"}:
        words = words[1:]
    label = " ".join(words)
    if len(label) == 1 and label in "abcde":
        return label.upper()
    return OPINION_LETTERS.get(label, value)
