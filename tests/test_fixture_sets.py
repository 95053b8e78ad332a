"""Integrity of the project's labelled fixture sets (tests/fixtures/labelled and heldout).

The evaluation trusts this gold, so a typo in a quote, a score that is not in its quote, or an
undocumented pattern tag would silently skew every measured number. These checks catch that.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
# set name → (minimum articles, minimum negatives, minimum articles per documented pattern tag)
SETS = {"labelled": (60, 15, 2), "heldout": (30, 8, 1)}
ARTICLE_KEYS = {"id", "url", "site", "title", "published", "text", "truncated"}
GOLD_KEYS = {"id", "records", "notes", "province", "patterns"}
RECORD_KEYS = {
    "agency",
    "agency_full",
    "government",
    "score",
    "zone",
    "category",
    "assessment_year",
    "quote",
    "flags",
}
ZONES = {"hijau", "kuning", "merah", None}
FLAGS = {
    "previous_year",
    "shared_score",
    "year_not_stated",
    "rounded_or_approximate",
    "category_inconsistent_with_score",
}
GOVERNMENT = re.compile(r"^(Kabupaten|Kota|Provinsi) \S.*$")
NUMBER = re.compile(r"\d+(?:[.,] ?\d+)?")
TAG_ROW = re.compile(r"^\| `([a-z0-9_]+)` \|", re.MULTILINE)


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module", params=sorted(SETS))
def fixture_set(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def folder(fixture_set) -> Path:
    return FIXTURES / fixture_set


@pytest.fixture(scope="module")
def articles(folder) -> dict[str, dict]:
    return {a["id"]: a for a in _read_jsonl(folder / "articles.jsonl")}


@pytest.fixture(scope="module")
def gold(folder) -> dict[str, dict]:
    return {g["id"]: g for g in _read_jsonl(folder / "gold.jsonl")}


def _records(gold: dict[str, dict]):
    for doc_id, entry in gold.items():
        for record in entry["records"]:
            yield doc_id, record


def _numbers_in(quote: str) -> set[float]:
    return {round(float(m.replace(" ", "").replace(",", ".")), 3) for m in NUMBER.findall(quote)}


def test_ids_are_unique_and_match_one_to_one(folder):
    article_ids = [a["id"] for a in _read_jsonl(folder / "articles.jsonl")]
    gold_ids = [g["id"] for g in _read_jsonl(folder / "gold.jsonl")]
    assert len(article_ids) == len(set(article_ids))
    assert len(gold_ids) == len(set(gold_ids))
    assert set(article_ids) == set(gold_ids)


def test_set_is_large_enough_with_enough_negatives(gold, fixture_set):
    minimum_articles, minimum_negatives, _ = SETS[fixture_set]
    negatives = [i for i, g in gold.items() if not g["records"]]
    assert len(gold) >= minimum_articles
    assert len(negatives) >= minimum_negatives


def test_articles_have_devset_fields(articles):
    bad = []
    for doc_id, a in articles.items():
        if set(a) != ARTICLE_KEYS:
            bad.append(f"{doc_id}: keys {sorted(set(a) ^ ARTICLE_KEYS)}")
        if a["truncated"] is not False or not a["text"].strip():
            bad.append(f"{doc_id}: truncated or empty text")
        if not re.match(r"^https://[a-z0-9.-]+\.example/", a["url"]) or a["site"] not in a["url"]:
            bad.append(f"{doc_id}: url {a['url']!r} is not a fictitious .example outlet")
        if a["published"] is not None:
            date.fromisoformat(a["published"])
    assert not bad, "\n".join(bad)


def test_gold_entries_and_records_have_all_fields(gold):
    bad = []
    for doc_id, g in gold.items():
        if set(g) != GOLD_KEYS:
            bad.append(f"{doc_id}: keys {sorted(set(g) ^ GOLD_KEYS)}")
    for doc_id, r in _records(gold):
        if set(r) != RECORD_KEYS:
            bad.append(f"{doc_id}: record keys {sorted(set(r) ^ RECORD_KEYS)}")
    assert not bad, "\n".join(bad)


def test_every_quote_is_an_exact_substring_of_its_article(articles, gold):
    missing = [
        f"{doc_id}: {r['quote']!r}"
        for doc_id, r in _records(gold)
        if r["quote"] not in articles[doc_id]["text"]
    ]
    assert not missing, "\n".join(missing)


def test_every_quote_holds_its_agency_and_its_score(gold):
    bad = []
    for doc_id, r in _records(gold):
        if r["agency"] not in r["quote"]:
            bad.append(f"{doc_id}: agency {r['agency']!r} not in {r['quote']!r}")
        if round(r["score"], 3) not in _numbers_in(r["quote"]):
            bad.append(f"{doc_id}: score {r['score']} not in {r['quote']!r}")
    assert not bad, "\n".join(bad)


def test_scores_zones_years_and_flags_are_valid(gold):
    bad = []
    for doc_id, r in _records(gold):
        if not isinstance(r["score"], float) or not 0 <= r["score"] <= 100:
            bad.append(f"{doc_id}: score {r['score']!r}")
        if r["zone"] not in ZONES:
            bad.append(f"{doc_id}: zone {r['zone']!r}")
        year = r["assessment_year"]
        if year is not None and not 2013 <= year <= 2025:
            bad.append(f"{doc_id}: year {year!r}")
        if year is None and "year_not_stated" not in r["flags"]:
            bad.append(f"{doc_id}: null year without year_not_stated")
        if r["category"] is not None and r["category"] != r["category"].lower():
            bad.append(f"{doc_id}: category {r['category']!r} not lower-cased")
        if not set(r["flags"]) <= FLAGS:
            bad.append(f"{doc_id}: flags {r['flags']!r}")
        gov = r["government"]
        if gov is not None and not GOVERNMENT.match(gov):
            bad.append(f"{doc_id}: government {gov!r}")
    assert not bad, "\n".join(bad)


def test_one_record_per_agency_year_and_value(gold):
    dupes = []
    for doc_id, g in gold.items():
        keys = [(r["agency"], r["assessment_year"], r["score"]) for r in g["records"]]
        dupes += [f"{doc_id}: {k}" for k in set(keys) if keys.count(k) > 1]
    assert not dupes, "\n".join(dupes)


def test_negative_tag_marks_exactly_the_articles_without_records(gold):
    wrong = [i for i, g in gold.items() if ("negative" in g["patterns"]) != (not g["records"])]
    assert not wrong


def test_pattern_tags_are_documented_and_covered(gold, folder, fixture_set):
    minimum = SETS[fixture_set][2]
    documented = set(TAG_ROW.findall((folder / "README.md").read_text(encoding="utf-8")))
    used: dict[str, int] = {}
    for g in gold.values():
        for tag in g["patterns"]:
            used[tag] = used.get(tag, 0) + 1
    assert set(used) - documented == set(), "tags used but not in README"
    thin = {tag: used.get(tag, 0) for tag in documented if used.get(tag, 0) < minimum}
    assert not thin, f"tags with fewer than {minimum} article(s): {thin}"


def test_no_heldout_sentence_is_shared_with_the_labelled_set():
    """Held out means written apart: a sentence copied from the labelled set defeats the point."""

    def sentences(name: str) -> list[tuple[str, str]]:
        rows = _read_jsonl(FIXTURES / name / "articles.jsonl")
        return [
            (a["id"], s.strip())
            for a in rows
            for s in re.split(r"(?<=[.!?])\s+|\n", a["text"])
            if len(s.strip()) >= 60
        ]

    seen = {s for _, s in sentences("labelled")}
    shared = [f"{doc_id}: {s!r}" for doc_id, s in sentences("heldout") if s in seen]
    assert not shared, "\n".join(shared)
