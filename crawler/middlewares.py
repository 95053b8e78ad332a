"""Downloader middleware that makes retries polite: exponential backoff and `Retry-After`.

Scrapy's stock RetryMiddleware re-queues a failed request at once and ignores `Retry-After`
(scrapy#3849). This subclass waits before each retry — `PANTAU_RETRY_BACKOFF * 2**attempt`
seconds, or what the server's `Retry-After` asks on 429/503 — and also slows the whole site's
download slot, so other requests to the struggling site back off too. A `Retry-After` longer
than `PANTAU_MAX_RETRY_AFTER` is not waited for: the request is given up with a clear reason.
"""

from __future__ import annotations

import logging
import time
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.utils.asyncio import sleep

log = logging.getLogger("pantau.crawl")


class RetryAfterTooLong(IgnoreRequest):
    """The server asked us to come back later than we are willing to wait."""

    def __init__(self, status: int, seconds: float):
        super().__init__(f"{status} with Retry-After {seconds:.0f} s")
        self.status = status
        self.seconds = seconds


class PoliteRetryMiddleware(RetryMiddleware):
    """RetryMiddleware with backoff between tries and `Retry-After` honoured."""

    def __init__(self, settings):
        super().__init__(settings)
        self.backoff = settings.getfloat("PANTAU_RETRY_BACKOFF", 2.0)
        self.max_backoff = settings.getfloat("PANTAU_MAX_BACKOFF", 60.0)
        self.max_retry_after = settings.getfloat("PANTAU_MAX_RETRY_AFTER", 300.0)

    async def process_response(self, request: Request, response: Response):
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        wait = None
        if response.status in (429, 503):
            wait = retry_after_seconds(response.headers.get(b"Retry-After"))
            if wait is not None and wait > self.max_retry_after:
                raise RetryAfterTooLong(response.status, wait)
        retry = self._retry(request, f"{response.status}")
        if retry is None:
            return response
        await self._wait(request, wait)
        return retry

    async def process_exception(self, request: Request, exception: Exception):
        retry = super().process_exception(request, exception)
        if isinstance(retry, Request):
            await self._wait(request, None)
        return retry

    async def _wait(self, request: Request, retry_after: float | None) -> None:
        attempt = request.meta.get("retry_times", 0)
        wait = min(self.backoff * (2**attempt), self.max_backoff)
        slot, before = None, None
        if retry_after is not None:
            wait = max(wait, retry_after)
            slot, before = self._slow_down_slot(request, retry_after)
        if wait > 0:
            await sleep(wait)
        if slot is not None and slot.delay == wait:
            slot.delay = before  # the pause the server asked for is over

    def _slow_down_slot(self, request: Request, seconds: float):
        """Make every request to this site wait too, not just the one that was refused."""
        downloader = getattr(self.crawler.engine, "downloader", None)
        if downloader is None:
            return None, None
        key = request.meta.get("download_slot") or downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        if slot is None or slot.delay >= seconds:
            return None, None
        before, slot.delay = slot.delay, seconds
        return slot, before


def retry_after_seconds(value: bytes | str | None) -> float | None:
    """Seconds to wait from a `Retry-After` value (delta-seconds or an HTTP date)."""
    if not value:
        return None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError):
        return None
