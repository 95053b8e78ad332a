"""The WARC archive: every fetched article response, raw, so extraction can re-run with no network.

Files are `workdir/archive/pantau-<run>-<n>.warc.gz`, gzip per record, rotated by size and flushed
after every record, so a killed crawl leaves at worst one truncated record at the end of one file.
Each response record names the pantau source and discovery route that found it
(`WARC-Source`, `WARC-Pantau-Route`) and its canonical URL (`WARC-Pantau-Canonical`).
No Scrapy import: `pantau rebuild` and `pantau extract --from-archive` read this without a crawler.
"""

from __future__ import annotations

import base64
import hashlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from extract.model import Page
from extract.urls import canonical_url
from pantau import __version__
from pantau.config import USER_AGENT

log = logging.getLogger("pantau.archive")

ARCHIVE_DIR = "archive"
DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024
# Headers that describe the transfer, not the bytes we store (the body is stored decoded).
_TRANSFER_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


def archive_dir(workdir: Path) -> Path:
    return Path(workdir) / ARCHIVE_DIR


def content_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


@dataclass(frozen=True)
class ArchivedRecord:
    """Where one response record sits and what it says about itself."""

    file: Path
    offset: int
    end: int
    url: str
    canonical: str
    date: str
    source: str | None
    route: str | None
    status: int
    etag: str | None
    last_modified: str | None
    digest: str


class ArchiveWriter:
    """Appends request+response record pairs to size-rotated WARC files for one run."""

    def __init__(self, workdir: Path, run_id: str, *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES):
        self.dir = archive_dir(workdir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.run_id = run_id
        self.max_file_bytes = max_file_bytes
        self._n = 0
        self._file = None
        self._writer: WARCWriter | None = None
        self.name: str | None = None

    def _open_next(self) -> None:
        self.close()
        self._n += 1
        self.name = f"pantau-{self.run_id}-{self._n:05d}.warc.gz"
        self._file = open(self.dir / self.name, "ab")  # noqa: SIM115 (kept open across records)
        self._writer = WARCWriter(self._file, gzip=True)
        info = {
            "software": f"pantau/{__version__} (warcio)",
            "format": "WARC File Format 1.1",
            "isPartOf": f"pantau-{self.run_id}",
            "robots": "obey",
            "http-header-user-agent": USER_AGENT,
            "description": "News articles pantau fetched while looking for Ombudsman RI scores",
        }
        self._writer.write_record(self._writer.create_warcinfo_record(self.name, info))
        self._file.flush()

    def write(
        self,
        *,
        url: str,
        status: int,
        reason: str,
        headers: list[tuple[str, str]],
        body: bytes,
        request_headers: list[tuple[str, str]],
        method: str,
        fetched_at: str,
        source: str,
        route: str | None,
        found_on: str | None,
    ) -> tuple[str, int]:
        """Write one response (and its request); returns (file name, byte offset after it)."""
        if self._writer is None or self._file.tell() >= self.max_file_bytes:
            self._open_next()
        kept = [(k, v) for k, v in headers if k.lower() not in _TRANSFER_HEADERS]
        kept.append(("Content-Length", str(len(body))))
        http_headers = StatusAndHeaders(f"{status} {reason}".strip(), kept, protocol="HTTP/1.1")
        warc_headers = {
            "WARC-Date": fetched_at,
            "WARC-Source": source,
            "WARC-Pantau-Canonical": canonical_url(url),
        }
        if route:
            warc_headers["WARC-Pantau-Route"] = route
        if found_on:
            warc_headers["WARC-Pantau-Found-On"] = found_on
        response = self._writer.create_warc_record(
            url,
            "response",
            payload=BytesIO(body),
            length=len(body),
            http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )
        path = url.split("/", 3)[3] if url.count("/") >= 3 else ""
        request = self._writer.create_warc_record(
            url,
            "request",
            payload=BytesIO(b""),
            length=0,
            http_headers=StatusAndHeaders(
                f"{method} /{path} HTTP/1.1", request_headers, is_http_request=True
            ),
            warc_headers_dict={
                "WARC-Date": fetched_at,
                "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID"),
            },
        )
        self._writer.write_record(response)
        self._writer.write_record(request)
        self._file.flush()
        return self.name, self._file.tell()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
            self._writer = None


def iter_records(path: Path, start: int = 0) -> Iterator[ArchivedRecord]:
    """Complete response records of one WARC file from byte `start`; stops (with a warning) at a
    truncated or corrupt record, keeping every record before it.

    A crash mid-write leaves a gzip member cut short, which warcio reads as a shorter body
    without complaint: the payload digest is what tells a complete record from a cut one.
    """
    with open(path, "rb") as f:
        f.seek(start)
        records = ArchiveIterator(f)
        try:
            for record in records:
                if record.rec_type is None:
                    raise _Truncated("unreadable record header")
                body = record.content_stream().read()
                if record.rec_type != "response":
                    continue
                expected = record.rec_headers.get_header("WARC-Payload-Digest")
                if expected and expected != _payload_digest(body):
                    raise _Truncated("payload shorter than recorded")
                offset = start + records.get_record_offset()
                headers = record.rec_headers
                http = record.http_headers
                url = headers.get_header("WARC-Target-URI")
                records.read_to_end(record)
                yield ArchivedRecord(
                    file=path,
                    offset=offset,
                    end=start + records.get_record_offset() + records.get_record_length(),
                    url=url,
                    canonical=headers.get_header("WARC-Pantau-Canonical") or canonical_url(url),
                    date=headers.get_header("WARC-Date") or "",
                    source=headers.get_header("WARC-Source"),
                    route=headers.get_header("WARC-Pantau-Route"),
                    status=int(http.get_statuscode() or 200) if http else 200,
                    etag=http.get_header("ETag") if http else None,
                    last_modified=http.get_header("Last-Modified") if http else None,
                    digest=content_hash(body),
                )
        except Exception as error:  # warcio/zlib raise many types for a cut-off gzip member
            log.warning(
                "%s: truncated or corrupt record (%s) — kept the records before it",
                path.name,
                error if isinstance(error, _Truncated) else type(error).__name__,
            )


class _Truncated(Exception):
    pass


def _payload_digest(body: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def archive_files(workdir: Path) -> list[Path]:
    folder = archive_dir(workdir)
    if not folder.exists():
        # `pantau extract --from-archive DIR` may point at the archive folder itself.
        folder = Path(workdir)
    return sorted(folder.glob("*.warc.gz")) + sorted(folder.glob("*.warc"))


def iter_archived_pages(workdir: Path) -> Iterator[Page]:
    """Every archived article response, newest copy per canonical URL, sorted by canonical URL."""
    newest: dict[str, ArchivedRecord] = {}
    for path in archive_files(workdir):
        for record in iter_records(path):
            current = newest.get(record.canonical)
            if current is None or record.date >= current.date:
                newest[record.canonical] = record
    for canonical in sorted(newest):
        yield _read_page(newest[canonical])


def _read_page(where: ArchivedRecord) -> Page:
    with open(where.file, "rb") as f:
        f.seek(where.offset)
        record = next(iter(ArchiveIterator(f)))
        body = record.content_stream().read()
        headers = {k: v for k, v in record.http_headers.headers} if record.http_headers else {}
    return Page(
        url=where.url,
        body=body,
        headers=headers,
        status=where.status,
        fetched_at=where.date,
        source=where.source,
    )
