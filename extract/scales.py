"""The assessment's zones and categories: the bands of each year's scale and the words for them.

Bands are from the domain fact sheet (§2): 2013–2021 three zones with the "predikat kepatuhan"
(81–100 hijau, 51–80,99 kuning, below merah); 2022–2024 the A–E opinion categories inside the
zones (88 A, 78 B, 54 C, 32 D, else E); from 2025 the "Opini Ombudsman" labels, whose numeric
ranges are unpublished, so nothing is derived for them. Text labels ("zona kuning", "Kualitas
Tertinggi", "kategori B", "predikat Baik") are found here too, so one module knows the scale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ZONES = ("hijau", "kuning", "merah")

# (lower bound, zone, predicate) for 2013–2021
_ZONE3 = ((81.0, "hijau", "kepatuhan tinggi"), (51.0, "kuning", "kepatuhan sedang"))
_ZONE3_LOW = ("merah", "kepatuhan rendah")
# (lower bound, letter, zone, opinion label) for 2022–2024
_OPINI_AE = (
    (88.0, "A", "hijau", "kualitas tertinggi"),
    (78.0, "B", "hijau", "kualitas tinggi"),
    (54.0, "C", "kuning", "kualitas sedang"),
    (32.0, "D", "merah", "kualitas rendah"),
    (0.0, "E", "merah", "kualitas terendah"),
)
LETTER_LABELS = {letter: label for _, letter, _, label in _OPINI_AE}
LETTER_ZONES = {letter: zone for _, letter, zone, _ in _OPINI_AE}


def scheme_for_year(year: int | None) -> str | None:
    """Which scale an assessment year used: zone3, opini_ae, opini_2025, or None if unknown."""
    if year is None:
        return None
    if 2013 <= year <= 2021:
        return "zone3"
    if 2022 <= year <= 2024:
        return "opini_ae"
    if year >= 2025:
        return "opini_2025"
    return None


def derive_zone(score: float, year: int | None) -> str | None:
    """The zone a score falls in under that year's scale; with no year, only if all scales agree."""
    if score < 0 or score > 100:
        return None
    scheme = scheme_for_year(year)
    if scheme == "zone3":
        return _zone3(score)[0]
    if scheme == "opini_ae":
        return _opini(score)[1]
    if scheme == "opini_2025":
        return None
    if year is None:
        a, b = _zone3(score)[0], _opini(score)[1]
        return a if a == b else None
    return None


def derive_category(score: float, year: int | None) -> str | None:
    """The category label a score earns under that year's scale (None for 2025 and unknown)."""
    if score < 0 or score > 100:
        return None
    scheme = scheme_for_year(year)
    if scheme == "zone3":
        return _zone3(score)[1]
    if scheme == "opini_ae":
        return _opini(score)[2]
    return None


def _zone3(score: float) -> tuple[str, str]:
    for bound, zone, predicate in _ZONE3:
        if score >= bound:
            return zone, predicate
    return _ZONE3_LOW


def _opini(score: float) -> tuple[str, str, str]:
    for bound, letter, zone, label in _OPINI_AE:
        if score >= bound:
            return letter, zone, label
    return _OPINI_AE[-1][1:]


@dataclass(frozen=True)
class Label:
    """A zone or category written in the text: kind is "zone" or "category"."""

    start: int
    end: int
    kind: str
    value: str


_ZONE_RE = re.compile(
    r"\b(?:zona(?:si)?|rapor|raport|rapot|predikat|kategori|warna|status)\s{1,3}"
    r"(?:kepatuhan\s{1,3})?(hijau|kuning|merah)\b",
    re.IGNORECASE,
)
_QUALITY_RE = re.compile(
    r"\b(?:k[ua]{1,2}litas|kepatuhan)\s{1,3}(sangat\s{1,3}tinggi|tertinggi|tinggi|sedang|"
    r"rendah|terendah|sangat\s{1,3}rendah)\b(\s{1,3}(?:nasional\s{1,3})?tanpa\s{1,3}mal\s?a?administrasi)?",
    re.IGNORECASE,
)
_LETTER_RE = re.compile(
    r"\b(?i:kategori|katagori|opini|predikat|zona|grade|nilai)\s{1,3}[\"“”']?([A-E])[\"“”']?(?![\w-])"
)
_PREDIKAT_2025_RE = re.compile(
    r"\b(?:predikat|kategori|katagori|opini)\s{1,3}[\"“”']?(sangat\s{1,3}baik|baik|cukup|"
    r"kurang(?:\s{1,3}baik)?|buruk|tinggi|sedang|rendah)\b",
    re.IGNORECASE,
)
_NOT_ASSESSMENT_ZONE = re.compile(r"zona\s{1,3}(?:integritas|oranye|orange)", re.IGNORECASE)


# "hampir turun ke zona merah", "keluar dari zona merah": a zone the body is not in.
_NOT_IN_BEFORE = re.compile(
    r"\b(?:hampir|nyaris|mendekati|menuju|terancam|keluar\s+dari|lepas\s+dari|"
    r"(?:tidak|bukan)\s+lagi)\s(?:\w+\s){0,3}$",
    re.IGNORECASE,
)


def find_labels(text: str) -> list[Label]:
    """Every zone and category label in `text`, in order of position."""
    labels: list[Label] = []
    for m in _ZONE_RE.finditer(text):
        if _NOT_IN_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue
        labels.append(Label(m.start(), m.end(), "zone", m.group(1).lower()))
    for m in _QUALITY_RE.finditer(text):
        head = "kepatuhan" if "patuh" in m.group(0).lower() else "kualitas"
        degree = " ".join(m.group(1).lower().split())
        value = f"{head} {degree}"
        if m.group(2):
            value += " tanpa maladministrasi"
        labels.append(Label(m.start(), m.end(), "category", value))
    for m in _LETTER_RE.finditer(text):
        labels.append(Label(m.start(), m.end(), "letter", m.group(1)))
    for m in _PREDIKAT_2025_RE.finditer(text):
        labels.append(Label(m.start(), m.end(), "category", " ".join(m.group(1).lower().split())))
    labels.sort(key=lambda label: (label.start, label.end))
    return labels


def mentions_foreign_zone(text: str) -> bool:
    """True when text speaks of a zone that is not the Ombudsman's (Zona Integritas, COVID)."""
    return bool(_NOT_ASSESSMENT_ZONE.search(text))


def category_for_letter(letter: str, year: int | None) -> str | None:
    """The opinion label of an A–E letter (only the 2022–2024 scheme uses letters)."""
    if scheme_for_year(year) in (None, "opini_ae"):
        return LETTER_LABELS.get(letter)
    return None
