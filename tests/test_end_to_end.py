"""The whole path, with real parts: demo sites on 127.0.0.1 → `pantau run` → database, row by row.

The demo sites are served in this process; `pantau run` runs as a separate process exactly as a
user would start it (its own Scrapy reactor), with auto-discovery of every route.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.archive import iter_archived_pages
from demo.server import start_demo_sites

PANTAU = Path(sys.executable).with_name("pantau")


def _run(sources: Path, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PANTAU), "run", "--sources", str(sources), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=600,
    )


def _key(url, agency_name, score, year):
    return (url, agency_name, round(float(score), 2), year)


SCORE_ROWS = "select article_url, agency_name, score, assessment_year from scores"


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    """Serve the demo, run pantau twice with the same arguments, then rebuild offline."""
    folder = tmp_path_factory.mktemp("e2e")
    db = folder / "pantau.db"
    with start_demo_sites() as sites:
        sources = folder / "sources.yaml"
        sources.write_text(sites.sources_yaml(), encoding="utf-8")
        first = _run(sources, db)
        archived_after_first = sorted(p.url for p in iter_archived_pages(folder / "data"))
        second = _run(sources, db)
        archived_after_second = sorted(p.url for p in iter_archived_pages(folder / "data"))
        expected = sites.expected_records()
        article_urls = sites.article_urls()
    rebuilt = folder / "rebuilt.db"
    rebuild = subprocess.run(
        [str(PANTAU), "rebuild", "--db", str(rebuilt), "--workdir", str(folder / "data")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    yield {
        "db": db,
        "first": first,
        "second": second,
        "rebuild": rebuild,
        "rebuilt": rebuilt,
        "expected": expected,
        "article_urls": article_urls,
        "archived": (archived_after_first, archived_after_second),
    }


def _rows(db: Path, sql: str) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_run_succeeds(demo_run):
    assert demo_run["first"].returncode == 0, demo_run["first"].stderr[-3000:]
    assert "Traceback" not in demo_run["first"].stderr


def test_every_expected_score_is_in_the_database(demo_run):
    found = {_key(*row) for row in _rows(demo_run["db"], SCORE_ROWS)}
    expected = {
        _key(r["url"], r["agency_name"], r["score"], r["assessment_year"])
        for r in demo_run["expected"]
    }
    assert expected, "the demo must hold score stories"
    missing = sorted(expected - found, key=str)
    assert not missing, f"expected records missing from `scores`: {missing}"


def test_no_score_comes_from_a_decoy_or_is_invented(demo_run):
    expected = {
        _key(r["url"], r["agency_name"], r["score"], r["assessment_year"])
        for r in demo_run["expected"]
    }
    extra = sorted({_key(*row) for row in _rows(demo_run["db"], SCORE_ROWS)} - expected, key=str)
    assert not extra, f"records the demo articles do not hold: {extra}"


def test_zones_the_articles_state_are_kept_as_stated(demo_run):
    rows = _rows(
        demo_run["db"],
        "select article_url, agency_name, score, assessment_year, zone, zone_source from scores",
    )
    by_key = {_key(*tuple(row)[:4]): (row["zone"], row["zone_source"]) for row in rows}
    stated = [r for r in demo_run["expected"] if r["zone"]]
    assert stated
    for r in stated:
        key = _key(r["url"], r["agency_name"], r["score"], r["assessment_year"])
        assert by_key.get(key) == (r["zone"], "stated"), key


def test_seed_story_units_carry_government_year_zone_and_category(demo_run):
    rows = _rows(
        demo_run["db"],
        "select agency_name, government, region_code, zone, category, assessment_year, quote "
        "from scores where agency_name like '%Puskesmas Pontang%'",
    )
    assert len(rows) == 1
    row = rows[0]
    assert row["government"] == "Kabupaten Serang"
    assert row["region_code"] == "36.04"
    assert (row["zone"], row["category"], row["assessment_year"]) == (
        "hijau",
        "kualitas tertinggi",
        2024,
    )
    assert "93,44" in row["quote"]


def test_articles_table_holds_the_citation_fields(demo_run):
    rows = _rows(demo_run["db"], "select url, title, published, site, text from articles")
    by_url = {row["url"]: row for row in rows}
    scored_urls = {r["url"] for r in demo_run["expected"]}
    assert scored_urls <= set(by_url), "every scored article is stored"
    for url in scored_urls:
        row = by_url[url]
        assert row["title"] and row["text"] and row["site"]
        assert row["published"][:4].isdigit()
        assert "Berita Terpopuler" not in row["text"]


def test_second_run_is_incremental_and_keeps_the_database(demo_run):
    first_archived, second_archived = demo_run["archived"]
    assert demo_run["second"].returncode == 0, demo_run["second"].stderr[-3000:]
    assert first_archived == second_archived, "no article page is fetched and archived again"
    runs = _rows(
        demo_run["db"],
        "select run_id, sum(articles_found) as articles from sources group by run_id "
        "order by run_id",
    )
    assert len(runs) == 2
    assert runs[-1]["articles"] == 0


def test_rebuilding_from_the_archive_alone_gives_the_same_database(demo_run):
    """The demo sites are down by now: the rebuild reads only the WARC archive."""
    assert demo_run["rebuild"].returncode == 0, demo_run["rebuild"].stderr[-3000:]
    assert demo_run["rebuilt"].read_bytes() == demo_run["db"].read_bytes()
