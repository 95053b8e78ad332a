"""The data that flows between pantau's stages: Page (as fetched) → Article (text) → ScoreRecord.

These types are the contract between `crawler/` (produces Pages), `extract/` (Pages → Articles →
ScoreRecords) and `db/` (stores them). They are plain dataclasses so every stage can serialise
them to JSON without knowing about the others.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

EXTRACTOR_VERSION = "0.1.0"

Zone = Literal["hijau", "kuning", "merah"]
Source = Literal["stated", "derived", "inferred"]


@dataclass(frozen=True)
class Page:
    """One HTTP response as the crawler archived it: the raw bytes, never re-encoded."""

    url: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 200
    fetched_at: str | None = None  # ISO 8601 UTC
    source: str | None = None  # name of the source (sources.yaml) that found it


@dataclass
class Article:
    """The main text of a news page plus the metadata a citation needs."""

    doc_id: str
    text: str
    url: str | None = None
    canonical_url: str | None = None
    site: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD)
    date_source: str | None = None  # where `published` came from: input, htmldate, url, meta …
    fetched_at: str | None = None
    source: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class ScoreRecord:
    """One score that an article ties to one agency, with the provenance of every field.

    `start`/`end` are character offsets of `quote` in the article text, so
    `article.text[start:end] == quote` always holds.
    """

    doc_id: str
    agency: str  # as written where the score is
    agency_name: str  # canonical full name
    score: float
    quote: str
    start: int
    end: int
    government: str | None = None  # "Kabupaten X" / "Kota X" / "Provinsi X"
    region_code: str | None = None  # Kemendagri code of `government`
    agency_type: str | None = None  # pemerintah_daerah, perangkat_daerah, puskesmas, vertikal, …
    zone: Zone | None = None
    zone_source: Source | None = None
    category: str | None = None
    category_source: Source | None = None
    assessment_year: int | None = None
    year_source: Source | None = None
    confidence: float = 0.5
    flags: list[str] = field(default_factory=list)
    article_url: str | None = None
    extractor_version: str = EXTRACTOR_VERSION

    def to_dict(self) -> dict:
        return asdict(self)
