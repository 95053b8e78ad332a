"""Run the crawl: one SourceSpider per source in one Scrapy CrawlerProcess (blocking).

`crawl_sources` is what `pantau run` calls. The Twisted reactor can start only once per process,
so call it once per process; tests and benchmarks run `python -m crawler.crawl` in a subprocess:

    python -m crawler.crawl --sources sources.yaml --workdir data/ [--since 2024-01-01]
        [--set DOWNLOAD_TIMEOUT=2 --set PANTAU_RETRY_BACKOFF=0.1]

prints the per-source health dicts as JSON on stdout and exits 1 if any source had errors.
"""

from __future__ import annotations

import argparse
import json
import logging
import secrets
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from crawler.archive import ArchiveWriter
from crawler.context import CrawlContext
from crawler.discovery import utc_now
from crawler.health import SourceHealth
from crawler.recovery import reconcile_archive
from crawler.state import CrawlState
from pantau.config import SourceConfig
from pantau.errors import ConfigError

log = logging.getLogger("pantau.crawl")
LOG_DIR = "logs"
_reactor_used = False
# Scrapy loggers that talk at start-up even before its level can be set on "scrapy".
_NOISY_SCRAPY_LOGGERS = ("scrapy.utils.log", "scrapy.crawler", "scrapy.addons", "scrapy.middleware")


def new_run_id() -> str:
    """Sortable and unique: UTC time of the start plus a short random suffix."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(2)


def build_settings(overrides: dict | None = None):
    """pantau's Scrapy settings (crawler/settings.py) with `overrides` on top."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    if overrides:
        settings.update(overrides, priority="cmdline")
    return settings


def crawl_sources(
    sources: list[SourceConfig],
    workdir: Path,
    *,
    since: date | None = None,
    until: date | None = None,
    settings: dict | None = None,
) -> list[dict]:
    """Crawl every source into workdir (archive/, state.sqlite, logs/); one health dict per source."""
    from scrapy.crawler import CrawlerProcess

    from crawler.spiders.source import SourceSpider

    global _reactor_used
    if since and until and since > until:
        raise ConfigError(f"--since {since} is after --until {until}: nothing could match")
    if not sources:
        return []
    if _reactor_used:
        raise RuntimeError(
            "crawl_sources() can run once per process (Twisted's reactor cannot restart); "
            "run further crawls in a subprocess: python -m crawler.crawl"
        )
    _reactor_used = True
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    run_id = new_run_id()
    scrapy_settings = build_settings(settings)
    with _run_logging(workdir / LOG_DIR / f"crawl-{run_id}.log") as quiet_scrapy:
        state = CrawlState(workdir)
        try:
            reconcile_archive(state, workdir)
            archive = ArchiveWriter(
                workdir, run_id, max_file_bytes=scrapy_settings.getint("PANTAU_WARC_MAX_BYTES")
            )
            ctx = CrawlContext(
                run_id=run_id, state=state, archive=archive, since=since, until=until
            )
            window = f" from {since or 'the start'} to {until or 'today'}" if since or until else ""
            log.info("crawl %s: %d source(s)%s into %s", run_id, len(sources), window, workdir)
            process = CrawlerProcess(scrapy_settings)
            quiet_scrapy()  # Scrapy set its loggers to DEBUG while starting up
            crawlers = []
            for source in sources:
                crawler = process.create_crawler(SourceSpider)
                process.crawl(crawler, source=source, ctx=ctx)
                crawlers.append((source, crawler))
            quiet_scrapy()
            _Progress(crawlers, scrapy_settings.getfloat("PANTAU_PROGRESS_INTERVAL"))
            try:
                process.start()
            finally:
                archive.close()
            health = []
            for source, crawler in crawlers:
                spider = getattr(crawler, "spider", None)
                record = spider.health if spider else _not_started(source, run_id)
                record.finished_at = record.finished_at or utc_now()
                summary = record.to_dict()
                state.record_run(summary)
                health.append(summary)
        finally:
            state.close()
        _log_summary(health)
    return health


class _Progress:
    """One log line every `interval` seconds for the whole run (Scrapy's LogStats would print
    one per source): sources finished, pages fetched, articles archived, errors so far."""

    def __init__(self, crawlers: list, interval: float):
        self.crawlers = crawlers
        if interval > 0:
            from twisted.internet import reactor, task

            self.loop = task.LoopingCall(self.report)
            reactor.callWhenRunning(self.loop.start, interval, now=False)

    def report(self) -> None:
        spiders = [c.spider for _, c in self.crawlers if getattr(c, "spider", None)]
        health = [s.health for s in spiders]
        log.info(
            "progress: %d/%d sources done, %d pages fetched, %d articles archived, %d errors",
            sum(1 for h in health if h.finished_at),
            len(self.crawlers),
            sum(h.pages_fetched for h in health),
            sum(h.articles_found for h in health),
            sum(sum(h.errors_by_kind.values()) for h in health),
        )


def _not_started(source: SourceConfig, run_id: str) -> SourceHealth:
    health = SourceHealth(source.name, run_id, utc_now())
    health.error("spider_failed")
    log.error("%s: the spider could not start (see the log above)", source.name)
    return health


def _log_summary(health: list[dict]) -> None:
    for h in health:
        kinds = ", ".join(f"{k} {v}" for k, v in h["errors_by_kind"].items()) or "none"
        log.info(
            "%s: %d pages fetched, %d articles archived, %d unchanged, %d known skipped, "
            "%d errors (%s)",
            h["source"],
            h["pages_fetched"],
            h["articles_found"],
            h["not_modified"],
            h.get("skipped_known", 0),
            h["errors_total"],
            kinds,
        )


@contextmanager
def _run_logging(path: Path) -> Iterator[Callable[[], None]]:
    """Log this run to `path` too; keep stderr to pantau's own lines and Scrapy's warnings."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(_FileFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    scrapy_logger = logging.getLogger("scrapy")
    noisy = [logging.getLogger(name) for name in _NOISY_SCRAPY_LOGGERS]
    saved = (root.level, scrapy_logger.level, [n.level for n in noisy])
    verbose = root.level and root.level <= logging.DEBUG

    def quiet_scrapy() -> None:
        if not root.level or root.level > logging.INFO:
            root.setLevel(logging.INFO)
        if not verbose:
            scrapy_logger.setLevel(logging.WARNING)  # Scrapy's start-up lists are noise here
            for logger in noisy:
                logger.setLevel(logging.WARNING)

    quiet_scrapy()
    root.addHandler(handler)
    noise = _ScrapyStartupNoise()
    filtered = [] if verbose else [h for h in root.handlers if h is not handler]
    for each in filtered:  # the log file keeps everything, tracebacks included
        each.addFilter(noise)
    try:
        yield quiet_scrapy
    finally:
        for each in filtered:
            each.removeFilter(noise)
        root.removeHandler(handler)
        handler.close()
        root.setLevel(saved[0])
        scrapy_logger.setLevel(saved[1])
        for logger, level in zip(noisy, saved[2], strict=True):
            logger.setLevel(level)


class _ScrapyStartupNoise(logging.Filter):
    """For the console: drops Scrapy's INFO/DEBUG chatter (versions, enabled components) and
    turns its tracebacks (e.g. robots.txt unreachable) into their one-line message; the log
    file in workdir/logs keeps the full detail."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(("scrapy", "twisted")):
            return True
        if record.levelno < logging.WARNING:
            return False
        if record.name == "scrapy.downloadermiddlewares.robotstxt":
            return False  # the request itself then fails, and the spider says so in one line
        if record.exc_info:  # Python 3.11 filters cannot hand a copy on: stash it for the file
            record.pantau_traceback = logging.Formatter().formatException(record.exc_info)
            record.exc_info = record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class _FileFormatter(logging.Formatter):
    """The run's log file: timestamps, and the tracebacks the console was spared."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        stashed = getattr(record, "pantau_traceback", None)
        return f"{text}\n{stashed}" if stashed else text


def _parse_set(values: list[str]) -> dict:
    overrides = {}
    for item in values:
        key, sep, raw = item.partition("=")
        if not sep:
            raise SystemExit(f"error: --set expects KEY=VALUE, got {item!r}")
        try:
            overrides[key] = json.loads(raw)
        except ValueError:
            overrides[key] = raw
    return overrides


def main(argv: list[str] | None = None) -> int:
    from pantau.config import PACKAGED_SOURCES, load_sources
    from pantau.errors import PantauError

    parser = argparse.ArgumentParser(prog="python -m crawler.crawl", description=__doc__)
    parser.add_argument("--sources", type=Path, default=PACKAGED_SOURCES)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--since", type=date.fromisoformat)
    parser.add_argument("--until", type=date.fromisoformat)
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    try:
        sources = load_sources(args.sources)
    except PantauError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    health = crawl_sources(
        sources,
        args.workdir,
        since=args.since,
        until=args.until,
        settings=_parse_set(args.set),
    )
    json.dump(health, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 1 if any(h["errors_total"] for h in health) else 0


if __name__ == "__main__":
    sys.exit(main())
