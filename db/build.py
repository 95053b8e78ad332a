"""Build the pantau database from articles, score records and crawl health, atomically.

The same inputs always give a byte-identical file: inputs are sorted, ids are hashes of their
content, the only timestamps are the ones the inputs carry (never the clock), and the file is
VACUUMed. The database is written to a temporary file next to the target and moved into place
with `os.replace`, so a failed build leaves the previous database untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import sqlite_utils

from db.agencies import agency_id, agency_rows
from db.assessments import assessment_rows
from db.regions import region_rows
from db.schema import create_schema, enable_search
from db.stories import cluster_stories
from extract.model import Article, ScoreRecord
from pantau.errors import DataError


def build_database(
    db_path: Path,
    articles: list[Article],
    records: list[ScoreRecord],
    crawl_runs: list[dict],
) -> dict:
    """Write the database to `db_path` (replacing any previous one); returns row counts."""
    db_path = Path(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DataError(f"cannot create folder {db_path.parent}: {error.strerror}") from None
    tmp_path = db_path.with_name(f".{db_path.name}.{os.getpid()}.building")
    tmp_path.unlink(missing_ok=True)
    try:
        stats = _write(tmp_path, articles, records, crawl_runs)
        os.replace(tmp_path, db_path)
    except sqlite3.Error as error:
        raise DataError(f"could not build database {db_path}: {error}") from None
    except OSError as error:
        raise DataError(f"could not write database {db_path}: {error.strerror}") from None
    finally:
        tmp_path.unlink(missing_ok=True)
    return stats


def _write(path: Path, articles, records, crawl_runs) -> dict:
    article_list = _article_rows(articles)
    by_doc = {a.doc_id: row["url"] for a, row in article_list}
    article_rows = [row for _, row in article_list]
    story_of = cluster_stories((r["url"], r["text"], r["published"]) for r in article_rows)
    for row in article_rows:
        row["story_id"] = story_of[row["url"]]

    regions = region_rows()
    province_of = {r["code"]: r["province_name"] for r in regions}
    region_name = {r["code"]: r["name"] for r in regions}
    mentions = _mention_rows(records, by_doc, story_of, region_name)
    scores_per_article: dict[str, int] = {}
    for m in mentions:
        scores_per_article[m["article_url"]] = scores_per_article.get(m["article_url"], 0) + 1
    for row in article_rows:
        row["scores"] = scores_per_article.get(row["url"], 0)
    published_of = {r["url"]: r["published"] for r in article_rows}
    agencies = agency_rows(mentions, province_of)
    assessments = assessment_rows(mentions, published_of)
    level_of = {r["code"]: r["level"] for r in regions}
    for row in assessments:
        row["province"] = province_of.get(row["region_code"])
        row["level"] = level_of.get(row["region_code"])
    runs = _run_rows(crawl_runs)
    _count_records_per_run(runs, article_rows)

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        db = sqlite_utils.Database(conn)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("BEGIN")
        create_schema(db)
        for table, rows in (
            ("regions", regions),
            ("articles", article_rows),
            ("agencies", agencies),
            ("mentions", mentions),
            ("assessments", assessments),
            ("sources", runs),
        ):
            db[table].insert_all(rows, batch_size=500)
        stats = {
            "data_as_of": _data_as_of(article_rows, runs),
            "articles": len(article_rows),
            "mentions": len(mentions),
            "agencies": len(agencies),
            "assessments": len(assessments),
            "stories": len(set(story_of.values())),
            "conflicts": sum(a["conflict"] for a in assessments),
            "extractor_versions": ",".join(sorted({m["extractor_version"] for m in mentions})),
        }
        db["build"].insert(stats)
        enable_search(db)
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
        conn.execute("VACUUM")
    finally:
        conn.close()
    return stats


def _article_rows(articles: list[Article]) -> list[tuple[Article, dict]]:
    """One row per URL; if an article was given twice the most recently fetched copy wins."""
    chosen: dict[str, tuple[Article, dict]] = {}
    for article in articles:
        url = article.url or article.canonical_url or f"urn:pantau:doc:{article.doc_id}"
        row = {
            "url": url,
            "title": article.title,
            "published": article.published,
            "site": article.site,
            "source": article.source,
            "story_id": None,
            "scores": 0,
            "canonical_url": article.canonical_url,
            "date_source": article.date_source,
            "fetched_at": article.fetched_at,
            "doc_id": article.doc_id,
            "text": article.text,
        }
        previous = chosen.get(url)
        if previous is None or _newer(row, previous[1]):
            chosen[url] = (article, row)
    return [chosen[url] for url in sorted(chosen)]


def _newer(row: dict, other: dict) -> bool:
    return (row["fetched_at"] or "", row["text"]) > (other["fetched_at"] or "", other["text"])


def _mention_rows(
    records: list[ScoreRecord], by_doc: dict, story_of: dict, region_name: dict
) -> list[dict]:
    rows: dict[str, dict] = {}
    for r in records:
        url = by_doc.get(r.doc_id) or r.article_url or f"urn:pantau:doc:{r.doc_id}"
        key = f"{url}|{r.start}|{r.end}|{r.agency_name}|{r.score}"
        row = {
            "id": hashlib.sha1(key.encode()).hexdigest()[:16],
            "article_url": url,
            "agency_id": agency_id(
                r.agency_name,
                r.government,
                agency_type=r.agency_type,
                region_name=region_name.get(r.region_code or ""),
            ),
            "agency": r.agency,
            "agency_name": r.agency_name,
            "government": r.government,
            "region_code": r.region_code,
            "agency_type": r.agency_type,
            "score": float(r.score),
            "zone": r.zone,
            "zone_source": r.zone_source,
            "category": r.category,
            "category_source": r.category_source,
            "assessment_year": r.assessment_year,
            "year_source": r.year_source,
            "quote": r.quote,
            "start": r.start,
            "end": r.end,
            "confidence": r.confidence,
            "flags": json.dumps(sorted(r.flags), ensure_ascii=False),
            "story_id": story_of.get(url),
            "extractor_version": r.extractor_version,
        }
        rows[row["id"]] = row
    return sorted(rows.values(), key=lambda m: (m["article_url"], m["start"], m["id"]))


def _run_rows(crawl_runs: list[dict]) -> list[dict]:
    rows = {}
    for number, run in enumerate(crawl_runs, start=1):
        if not isinstance(run, dict) or not run.get("source") or run.get("run_id") is None:
            raise DataError(
                f"crawl run #{number} has no 'source' and 'run_id': the crawl state is damaged, "
                "re-run `pantau run`"
            )
        row = {
            "source": run["source"],
            "run_id": str(run["run_id"]),
            "started_at": run.get("started_at"),
            "finished_at": run.get("finished_at"),
            "pages_fetched": run.get("pages_fetched", 0),
            "articles_found": run.get("articles_found", 0),
            "not_modified": run.get("not_modified", 0),
            "errors_total": run.get("errors_total", 0),
            "errors_by_kind": json.dumps(run.get("errors_by_kind") or {}, sort_keys=True),
        }
        rows[(row["source"], row["run_id"])] = row
    return [rows[key] for key in sorted(rows)]


def _count_records_per_run(runs: list[dict], article_rows: list[dict]) -> None:
    """Score records of the articles each run fetched (by source and fetch time), for the health page."""
    for run in runs:
        start, end = run["started_at"] or "", run["finished_at"] or "\uffff"
        run["records"] = sum(
            row["scores"]
            for row in article_rows
            if row["source"] == run["source"] and start <= (row["fetched_at"] or "") <= end
        )


def _data_as_of(articles: list[dict], runs: list[dict]) -> str:
    stamps = [a["fetched_at"] for a in articles if a["fetched_at"]]
    stamps += [r["finished_at"] for r in runs if r["finished_at"]]
    stamps += [a["published"] for a in articles if a["published"]]
    return max(stamps) if stamps else "unknown"
