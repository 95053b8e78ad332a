"""After a crash: mark as archived every WARC record that was flushed but never recorded in state.

The pipeline writes the WARC record first and the state row second; a kill between the two leaves
a record the state does not know about. Scanning only the bytes past each file's committed offset
finds those records cheaply, so the next run neither refetches nor re-archives them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from crawler.archive import archive_files, iter_records
from crawler.state import CrawlState

log = logging.getLogger("pantau.crawl")


def reconcile_archive(state: CrawlState, workdir: Path) -> int:
    """Record archived pages missing from state; returns how many were recovered."""
    recovered = 0
    for path in archive_files(workdir):
        committed = state.committed_bytes(path.name) or 0
        size = path.stat().st_size
        if size <= committed:
            continue
        for record in iter_records(path, start=committed):
            known = state.known(record.canonical)
            if known is None or known.outcome != "archived" or known.content_hash != record.digest:
                state.record_page(
                    canonical=record.canonical,
                    url=record.url,
                    source=record.source or "",
                    route=record.route,
                    status=record.status,
                    outcome="archived",
                    etag=record.etag,
                    last_modified=record.last_modified,
                    content_hash=record.digest,
                    fetched_at=record.date,
                    warc_file=path.name,
                    warc_end=record.end,
                )
                recovered += 1
        state.set_committed(path.name, size)
    if recovered:
        log.info("recovered %d archived page(s) an interrupted run had not recorded", recovered)
    return recovered
