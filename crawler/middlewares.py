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


class CrawlDelayMiddleware:
    """Honours robots.txt `Crawl-delay` for pantau's User-Agent (Scrapy reads robots.txt only
    for Allow/Disallow). The delay becomes the site's download-slot delay and AutoThrottle is
    told not to lower it; capped at PANTAU_MAX_CRAWL_DELAY so one site cannot stall a run."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.user_agent = crawler.settings.get("USER_AGENT")
        self.max_delay = crawler.settings.getfloat("PANTAU_MAX_CRAWL_DELAY", 60.0)
        self.delays: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request: Request):
        delay = self.delays.get(self._slot_key(request))
        if delay:
            request.meta["autothrottle_dont_adjust_delay"] = True
            self._apply(request, delay)
        return None

    def process_response(self, request: Request, response: Response):
        if response.status == 200 and request.url.split("?")[0].endswith("/robots.txt"):
            delay = _crawl_delay(response.body, self.user_agent)
            if delay:
                delay = min(delay, self.max_delay)
                self.delays[self._slot_key(request)] = delay
                self._apply(request, delay)
                log.info("%s asks for %.1f s between requests (Crawl-delay)", request.url, delay)
        return response

    def _slot_key(self, request: Request) -> str:
        downloader = self.crawler.engine.downloader
        return request.meta.get("download_slot") or downloader.get_slot_key(request)

    def _apply(self, request: Request, delay: float) -> None:
        slot = self.crawler.engine.downloader.slots.get(self._slot_key(request))
        if slot is not None:
            slot.delay = max(slot.delay, delay)
            # Scrapy would wait 0.5–1.5× the delay; the site asked for at least the delay.
            if hasattr(slot, "jitter"):
                slot.jitter = 0.0
            else:  # pragma: no cover - Scrapy < 2.19
                slot.randomize_delay = False


def _crawl_delay(body: bytes, user_agent: str) -> float | None:
    from protego import Protego

    try:
        rules = Protego.parse(body.decode("utf-8", "replace"))
        delay = rules.crawl_delay(user_agent)
    except Exception:  # a broken robots.txt must not break the crawl; Scrapy reports it
        return None
    return float(delay) if delay else None
