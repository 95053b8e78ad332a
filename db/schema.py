"""The database layout: tables, foreign keys, indexes, the `scores` view and full-text search.

Column types are explicit so that codes such as region codes ("32.01") stay TEXT and an empty
build still has every column Datasette's metadata describes.
"""

from __future__ import annotations

import sqlite_utils

# Indonesian is not English: porter stemming would mangle it, so FTS uses plain unicode61 words
# with diacritics folded (news spells some names with and without them).
FTS_TOKENIZER = "unicode61 remove_diacritics 2"

TABLES: dict[str, dict] = {
    "regions": {
        "columns": {
            "code": str,
            "name": str,
            "level": str,
            "province_code": str,
            "province_name": str,
            "short_name": str,
        },
        "pk": "code",
        "foreign_keys": [],
    },
    "articles": {
        "columns": {
            "url": str,
            "title": str,
            "published": str,
            "site": str,
            "source": str,
            "story_id": str,
            "scores": int,
            "canonical_url": str,
            "date_source": str,
            "fetched_at": str,
            "doc_id": str,
            "text": str,
        },
        "pk": "url",
        "foreign_keys": [("story_id", "articles", "url")],
    },
    "agencies": {
        "columns": {
            "id": str,
            "name": str,
            "abbreviation": str,
            "type": str,
            "government": str,
            "region_code": str,
            "province": str,
            "mentions": int,
            "years": str,
        },
        "pk": "id",
        "foreign_keys": [("region_code", "regions", "code")],
    },
    "mentions": {
        "columns": {
            "id": str,
            "article_url": str,
            "agency_id": str,
            "agency": str,
            "agency_name": str,
            "government": str,
            "region_code": str,
            "agency_type": str,
            "score": float,
            "zone": str,
            "zone_source": str,
            "category": str,
            "category_source": str,
            "assessment_year": int,
            "year_source": str,
            "quote": str,
            "start": int,
            "end": int,
            "confidence": float,
            "flags": str,
            "story_id": str,
            "extractor_version": str,
        },
        "pk": "id",
        "foreign_keys": [
            ("article_url", "articles", "url"),
            ("agency_id", "agencies", "id"),
            ("region_code", "regions", "code"),
            ("story_id", "articles", "url"),
        ],
    },
    "assessments": {
        "columns": {
            "agency_id": str,
            "assessment_year": int,
            "agency_name": str,
            "government": str,
            "region_code": str,
            "province": str,
            "level": str,
            "agency_type": str,
            "score": float,
            "zone": str,
            "zone_source": str,
            "category": str,
            "category_source": str,
            "sources": int,
            "reports": int,
            "first_reported": str,
            "first_article_url": str,
            "quote": str,
            "conflict": int,
            "competing_values": str,
        },
        "pk": ("agency_id", "assessment_year"),
        "foreign_keys": [
            ("agency_id", "agencies", "id"),
            ("region_code", "regions", "code"),
            ("first_article_url", "articles", "url"),
        ],
    },
    "sources": {
        "columns": {
            "source": str,
            "run_id": str,
            "started_at": str,
            "finished_at": str,
            "pages_fetched": int,
            "articles_found": int,
            "records": int,
            "not_modified": int,
            "errors_total": int,
            "errors_by_kind": str,
        },
        "pk": ("source", "run_id"),
        "foreign_keys": [],
    },
    "build": {
        "columns": {
            "data_as_of": str,
            "articles": int,
            "mentions": int,
            "agencies": int,
            "assessments": int,
            "stories": int,
            "conflicts": int,
            "extractor_versions": str,
        },
        "pk": "data_as_of",
        "foreign_keys": [],
    },
}

INDEXES = {
    "articles": [["published"], ["site"], ["story_id"]],
    "agencies": [["region_code"], ["province"], ["type"], ["name"]],
    "mentions": [["article_url"], ["agency_id", "assessment_year"], ["assessment_year", "zone"]],
    "assessments": [
        ["assessment_year", "zone"],
        ["region_code", "assessment_year"],
        ["conflict"],
        ["first_reported"],
    ],
}

SCORES_VIEW = """
SELECT
  m.article_url, m.agency, m.agency_name, m.agency_id, m.government, m.region_code,
  r.province_name AS province, m.score, m.zone, m.zone_source, m.category,
  m.assessment_year, m.quote, m.confidence, a.published, a.site, a.title, m.story_id
FROM mentions AS m
LEFT JOIN articles AS a ON a.url = m.article_url
LEFT JOIN regions AS r ON r.code = m.region_code
ORDER BY a.published DESC, m.article_url, m.start
"""


def create_schema(db: sqlite_utils.Database) -> None:
    """Create every table (dependencies first), index, view and FTS index on an empty database."""
    for name, spec in TABLES.items():
        db[name].create(spec["columns"], pk=spec["pk"], foreign_keys=spec["foreign_keys"])
    for table, indexes in INDEXES.items():
        for columns in indexes:
            db[table].create_index(columns)
    db.create_view("scores", SCORES_VIEW.strip())


def enable_search(db: sqlite_utils.Database) -> None:
    """Full-text indexes, built once after loading (the published database is read-only)."""
    db["articles"].enable_fts(["title", "text"], tokenize=FTS_TOKENIZER)
    db["agencies"].enable_fts(["name", "abbreviation", "government"], tokenize=FTS_TOKENIZER)
