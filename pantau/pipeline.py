"""Runs the stages in order: crawl → archive → extract → database.

Each stage reads the previous one's output from disk (the WARC archive in the working folder),
so the database can always be rebuilt from the archive alone (`pantau rebuild`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from extract.model import Article, Page, ScoreRecord
from pantau.config import SourceConfig
from pantau.errors import DataError
from pantau.extraction_cache import ExtractionCache, page_key

log = logging.getLogger("pantau.pipeline")

SkipHandler = Callable[[str, str], None]


@dataclass
class RunOutcome:
    """What a run did; `ok` is False when any source reported errors."""

    articles: int = 0
    records: int = 0
    source_errors: dict[str, int] = field(default_factory=dict)
    records_by_source: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(self.source_errors.values())


def run_pipeline(
    sources: list[SourceConfig],
    *,
    db_path: Path,
    workdir: Path,
    since: date | None = None,
    until: date | None = None,
) -> RunOutcome:
    """Crawl (incrementally) into the archive, then rebuild the database from the archive."""
    from crawler.crawl import crawl_sources

    workdir.mkdir(parents=True, exist_ok=True)
    health = crawl_sources(sources, workdir, since=since, until=until)
    outcome = rebuild_database(db_path=db_path, workdir=workdir, since=since, until=until)
    outcome.source_errors = {h["source"]: _failures(h) for h in health}
    for h in health:
        log.info(
            "%s: %s pages fetched, %s new articles, %s score records in all, %s errors",
            h["source"],
            h.get("pages_fetched", 0),
            h.get("articles_found", 0),
            outcome.records_by_source.get(h["source"], 0),
            h.get("errors_total", 0),
        )
    return outcome


# Outcomes the crawler counts per kind that are the crawler being polite, not a failed source.
EXPECTED_REFUSALS = frozenset({"robots_forbidden"})


def _failures(health: dict) -> int:
    by_kind = health.get("errors_by_kind") or {}
    if not by_kind:
        return health.get("errors_total", 0)
    return sum(n for kind, n in by_kind.items() if kind not in EXPECTED_REFUSALS)


def rebuild_database(
    *,
    db_path: Path,
    workdir: Path,
    since: date | None = None,
    until: date | None = None,
) -> RunOutcome:
    """Extract every archived page and build the database atomically (no network)."""
    from crawler.archive import iter_archived_pages
    from crawler.state import load_crawl_runs
    from db.build import build_database

    if not workdir.exists():
        raise DataError(f"working folder {workdir} does not exist: run `pantau run` first")
    pages = list(iter_archived_pages(workdir))
    articles: list[Article] = []
    records: list[ScoreRecord] = []
    by_source: dict[str, int] = {}
    cache = ExtractionCache(workdir)
    try:
        with _progress() as progress:
            task = progress.add_task("extracting", total=len(pages))
            for page in pages:
                article, page_records = _extract_cached(page, cache)
                progress.advance(task)
                if article is None or not _in_window(article, since, until):
                    continue
                articles.append(article)
                records.extend(page_records)
                if article.source:
                    by_source[article.source] = by_source.get(article.source, 0) + len(page_records)
    finally:
        cache.close()
    if cache.hits:
        log.info(
            "%d of %d archived pages unchanged since the last extraction", cache.hits, len(pages)
        )
    build_database(db_path, articles, records, load_crawl_runs(workdir))
    log.info("database %s: %d articles, %d score records", db_path, len(articles), len(records))
    return RunOutcome(articles=len(articles), records=len(records), records_by_source=by_source)


def _extract_cached(page: Page, cache: ExtractionCache) -> tuple[Article | None, list[ScoreRecord]]:
    """Article and records of an archived page, from the cache when the page and extractor are unchanged."""
    key = page_key(page)
    cached = cache.get(key)
    if cached is not None:
        article, skip_reason, page_records = cached
        if skip_reason:
            log.debug("skipped %s: %s", page.url, skip_reason)
        return article, page_records
    reasons: list[str] = []
    article = _article_or_none(page, on_skip=lambda _url, reason: reasons.append(reason))
    if reasons:
        log.warning("skipped %s: %s", page.url, reasons[0])
    page_records = records_for(article) if article is not None else []
    cache.put(key, article, reasons[0] if reasons else None, page_records)
    return article, page_records


def records_for(article: Article) -> list[ScoreRecord]:
    """Score records of one article, with the article URL attached for provenance."""
    from extract.records import extract_records

    records = extract_records(article)
    for record in records:
        record.article_url = article.canonical_url or article.url
    return records


def iter_input_articles(
    paths: Iterable[Path], from_archive: Path | None, *, on_skip: SkipHandler
) -> Iterator[Article]:
    """Articles from files given on the command line and/or a WARC archive folder."""
    from extract.inputs import iter_file_articles

    yield from iter_file_articles(paths, on_skip=on_skip)
    if from_archive is not None:
        from crawler.archive import iter_archived_pages

        if not Path(from_archive).exists():
            raise DataError(f"archive folder {from_archive} does not exist")
        for page in iter_archived_pages(Path(from_archive)):
            article = _article_or_none(page, on_skip=on_skip)
            if article is not None:
                yield article


def _article_or_none(page: Page, on_skip: SkipHandler | None = None) -> Article | None:
    from extract.page import UnusablePage, parse_page

    try:
        return parse_page(page)
    except UnusablePage as reason:
        if on_skip:
            on_skip(page.url, str(reason))
        else:
            log.warning("skipped %s: %s", page.url, reason)
        return None


def _in_window(article: Article, since: date | None, until: date | None) -> bool:
    if not article.published or (since is None and until is None):
        return True
    try:
        published = date.fromisoformat(article.published[:10])
    except ValueError:
        return True
    return (since is None or published >= since) and (until is None or published <= until)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
    )


def dump_records(records: Iterable[ScoreRecord]) -> str:
    """JSON Lines for a list of records (used by tests and the demo)."""
    return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in records)
