"""The `sources` table counts the score records each crawl run brought in, per source."""

import sqlite3

from db.build import build_database
from extract.model import Article, ScoreRecord


def _article(url: str, source: str, fetched_at: str) -> Article:
    return Article(
        doc_id=url,
        url=url,
        text=f"Dinsos meraih nilai 90,12 zona hijau. Berita {url}.",
        site="kabar.example",
        title="Dinsos zona hijau",
        published="2024-12-10",
        fetched_at=fetched_at,
        source=source,
    )


def _record(url: str) -> ScoreRecord:
    return ScoreRecord(
        doc_id=url,
        agency="Dinsos",
        agency_name="Dinas Sosial Kabupaten Serang",
        government="Kabupaten Serang",
        region_code="36.04",
        score=90.12,
        quote="Dinsos meraih nilai 90,12",
        start=0,
        end=25,
        assessment_year=2024,
        article_url=url,
    )


def _run(run_id: str, started: str, finished: str) -> dict:
    return {
        "source": "kabar",
        "run_id": run_id,
        "started_at": started,
        "finished_at": finished,
        "pages_fetched": 3,
        "articles_found": 1,
        "not_modified": 0,
        "errors_total": 0,
        "errors_by_kind": {},
    }


def test_each_run_counts_the_records_of_the_articles_it_fetched(tmp_path):
    first = "https://kabar.example/2024/12/a.html"
    second = "https://kabar.example/2024/12/b.html"
    db = tmp_path / "pantau.db"
    build_database(
        db,
        [
            _article(first, "kabar", "2024-12-10T01:00:05Z"),
            _article(second, "kabar", "2024-12-11T01:00:05Z"),
        ],
        [_record(first), _record(second)],
        [
            _run("r1", "2024-12-10T01:00:00Z", "2024-12-10T01:05:00Z"),
            _run("r2", "2024-12-11T01:00:00Z", "2024-12-11T01:05:00Z"),
            _run("r3", "2024-12-12T01:00:00Z", "2024-12-12T01:05:00Z"),
        ],
    )
    conn = sqlite3.connect(db)
    counts = conn.execute("select run_id, records from sources order by run_id").fetchall()
    assert counts == [("r1", 1), ("r2", 1), ("r3", 0)]
