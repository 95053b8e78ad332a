"""Remembers what extraction made of each archived page, so a daily run re-extracts only new pages.

The key is the page's bytes and URL plus a fingerprint of the extractor's own code and gazetteers:
change a rule or a gazetteer entry and every page is extracted afresh, with no version number
to remember to bump. The cache is a convenience: deleting it changes nothing but the run time, and
an unreadable cache is rebuilt rather than trusted.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from dataclasses import fields
from functools import cache
from pathlib import Path

import extract
from extract.model import Article, Page, ScoreRecord

log = logging.getLogger("pantau.cache")

CACHE_FILE = "extract-cache.sqlite"
_ARTICLE_FIELDS = {f.name for f in fields(Article)}
_RECORD_FIELDS = {f.name for f in fields(ScoreRecord)}


@cache
def extractor_fingerprint() -> str:
    """Hash of every source and data file of the `extract` package."""
    root = Path(extract.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in {".py", ".yaml", ".yml", ".json", ".txt"} and path.is_file():
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def page_key(page: Page) -> str:
    digest = hashlib.sha256()
    for part in (extractor_fingerprint(), page.url, page.fetched_at or "", str(page.status)):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(page.body)
    return digest.hexdigest()


class ExtractionCache:
    """sqlite file in the working folder: page key → (article or skip reason, records)."""

    def __init__(self, workdir: Path):
        self.path = Path(workdir) / CACHE_FILE
        self.hits = 0
        try:
            self._db = self._open()
        except sqlite3.DatabaseError:
            log.warning("extraction cache %s is unreadable; starting a new one", self.path)
            self.path.unlink(missing_ok=True)
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        db.execute(
            "create table if not exists extracted ("
            "key text primary key, article text, skip_reason text, records text not null)"
        )
        db.execute("select count(*) from extracted").fetchone()
        return db

    def get(self, key: str) -> tuple[Article | None, str | None, list[ScoreRecord]] | None:
        """(article, skip reason, records) as stored, or None when this page is new."""
        row = self._db.execute(
            "select article, skip_reason, records from extracted where key = ?", (key,)
        ).fetchone()
        if row is None:
            return None
        self.hits += 1
        article = Article(**_known(json.loads(row[0]), _ARTICLE_FIELDS)) if row[0] else None
        records = [ScoreRecord(**_known(r, _RECORD_FIELDS)) for r in json.loads(row[2])]
        return article, row[1], records

    def put(
        self,
        key: str,
        article: Article | None,
        skip_reason: str | None,
        records: list[ScoreRecord],
    ) -> None:
        self._db.execute(
            "insert or replace into extracted values (?, ?, ?, ?)",
            (
                key,
                json.dumps(article.to_dict(), ensure_ascii=False) if article else None,
                skip_reason,
                json.dumps([r.to_dict() for r in records], ensure_ascii=False),
            ),
        )

    def close(self) -> None:
        self._db.commit()
        self._db.close()


def _known(data: dict, names: set[str]) -> dict:
    return {k: v for k, v in data.items() if k in names}
