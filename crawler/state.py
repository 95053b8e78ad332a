"""Crawl state in `workdir/state.sqlite`: what was fetched, with which validators, and each run's health.

This is what makes runs incremental (skip or revalidate pages already archived) and resumable
(every archived page is committed here right after its WARC record is flushed). Plain sqlite3,
no Scrapy import: `pantau rebuild` reads `crawl_runs` without starting a crawler.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

STATE_FILE = "state.sqlite"
HEALTH_KEYS = (
    "source",
    "run_id",
    "started_at",
    "finished_at",
    "pages_fetched",
    "articles_found",
    "not_modified",
    "errors_total",
    "errors_by_kind",
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    canonical_url TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    source TEXT,
    route TEXT,
    status INTEGER,
    outcome TEXT NOT NULL,           -- archived, not_html, empty_body, ...
    etag TEXT,
    last_modified TEXT,
    route_lastmod TEXT,              -- lastmod/published the discovery route reported
    content_hash TEXT,
    fetched_at TEXT,
    run_id TEXT,
    warc_file TEXT
);
CREATE TABLE IF NOT EXISTS crawl_runs (
    run_id TEXT NOT NULL,
    source TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT,
    pages_fetched INTEGER DEFAULT 0,
    articles_found INTEGER DEFAULT 0,
    not_modified INTEGER DEFAULT 0,
    errors_total INTEGER DEFAULT 0,
    errors_by_kind TEXT DEFAULT '{}',
    warnings_by_kind TEXT DEFAULT '{}',
    PRIMARY KEY (run_id, source)
);
CREATE TABLE IF NOT EXISTS archive_files (
    name TEXT PRIMARY KEY,
    committed_bytes INTEGER NOT NULL   -- bytes of the file known to be recorded in `pages`
);
"""


@dataclass(frozen=True)
class KnownPage:
    """What the last run learnt about one canonical URL."""

    canonical_url: str
    url: str
    outcome: str
    etag: str | None
    last_modified: str | None
    route_lastmod: str | None
    content_hash: str | None


class CrawlState:
    """Read/write access to state.sqlite; every write is committed at once (crash-safe)."""

    def __init__(self, workdir: Path):
        workdir = Path(workdir)
        workdir.mkdir(parents=True, exist_ok=True)
        self.path = workdir / STATE_FILE
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL survives a killed process
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        self.db.close()

    def known(self, canonical: str) -> KnownPage | None:
        row = self.db.execute(
            "SELECT canonical_url, url, outcome, etag, last_modified, route_lastmod, content_hash"
            " FROM pages WHERE canonical_url = ?",
            (canonical,),
        ).fetchone()
        return KnownPage(*row) if row else None

    def record_page(
        self,
        *,
        canonical: str,
        url: str,
        source: str,
        route: str | None,
        status: int | None,
        outcome: str,
        etag: str | None = None,
        last_modified: str | None = None,
        route_lastmod: str | None = None,
        content_hash: str | None = None,
        fetched_at: str | None = None,
        run_id: str | None = None,
        warc_file: str | None = None,
        warc_end: int | None = None,
    ) -> None:
        """Remember one fetched page; with `warc_end`, also that its archive file is recorded up to there."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute(
                "INSERT OR REPLACE INTO pages VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    canonical,
                    url,
                    source,
                    route,
                    status,
                    outcome,
                    etag,
                    last_modified,
                    route_lastmod,
                    content_hash,
                    fetched_at,
                    run_id,
                    warc_file,
                ),
            )
            if warc_file and warc_end is not None:
                self._set_committed(warc_file, warc_end)

    def touch(
        self,
        canonical: str,
        *,
        route_lastmod: str | None,
        etag: str | None,
        last_modified: str | None,
        fetched_at: str,
    ) -> None:
        """Update what we know of an unchanged page (newer route date, fresh validators)."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute(
                "UPDATE pages SET route_lastmod = coalesce(?, route_lastmod),"
                " etag = coalesce(?, etag), last_modified = coalesce(?, last_modified),"
                " fetched_at = ? WHERE canonical_url = ?",
                (route_lastmod, etag, last_modified, fetched_at, canonical),
            )

    def committed_bytes(self, warc_file: str) -> int | None:
        row = self.db.execute(
            "SELECT committed_bytes FROM archive_files WHERE name = ?", (warc_file,)
        ).fetchone()
        return row[0] if row else None

    def set_committed(self, warc_file: str, end: int) -> None:
        with self.db:
            self.db.execute("BEGIN")
            self._set_committed(warc_file, end)

    def _set_committed(self, warc_file: str, end: int) -> None:
        self.db.execute(
            "INSERT INTO archive_files VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET "
            "committed_bytes = max(committed_bytes, excluded.committed_bytes)",
            (warc_file, end),
        )

    def record_run(self, health: dict) -> None:
        """Insert or update one source's health for one run."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute(
                "INSERT OR REPLACE INTO crawl_runs VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    health["run_id"],
                    health["source"],
                    health.get("started_at"),
                    health.get("finished_at"),
                    health.get("pages_fetched", 0),
                    health.get("articles_found", 0),
                    health.get("not_modified", 0),
                    health.get("errors_total", 0),
                    json.dumps(health.get("errors_by_kind", {}), sort_keys=True),
                    json.dumps(health.get("warnings_by_kind", {}), sort_keys=True),
                ),
            )

    def archived_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM pages WHERE outcome = 'archived'").fetchone()[
            0
        ]


def load_crawl_runs(workdir: Path) -> list[dict]:
    """Every run's per-source health dicts (HEALTH_KEYS + warnings_by_kind), oldest first."""
    path = Path(workdir) / STATE_FILE
    if not path.exists():
        return []
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        has_table = db.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='crawl_runs'"
        ).fetchone()
        if not has_table:
            return []
        cursor = db.execute(
            "SELECT run_id, source, started_at, finished_at, pages_fetched, articles_found,"
            " not_modified, errors_total, errors_by_kind, warnings_by_kind FROM crawl_runs"
            " ORDER BY started_at, run_id, source"
        )
        columns = [c[0] for c in cursor.description]
        runs = []
        for row in cursor:
            run = dict(zip(columns, row, strict=True))
            run["errors_by_kind"] = json.loads(run["errors_by_kind"] or "{}")
            run["warnings_by_kind"] = json.loads(run["warnings_by_kind"] or "{}")
            runs.append(run)
        return runs
    finally:
        db.close()
