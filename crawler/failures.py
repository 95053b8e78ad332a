"""What went wrong with a request, as a short error kind and a few words for the log line.

Kinds are stable names the health page groups by: http_404, http_410, http_401/403 (blocked),
http_429, http_5xx, timeout, dns, connection_refused, connection_lost, robots_forbidden,
redirect_loop, too_large. CONNECTION_KINDS are the ones that say the site may be down.
"""

from __future__ import annotations

import re

from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import defer
from twisted.internet import error as twisted_errors
from twisted.web._newclient import ResponseFailed

from crawler.middlewares import RetryAfterTooLong

CONNECTION_KINDS = {"timeout", "dns", "connection_refused", "connection_lost"}

try:  # Scrapy ≥ 2.14 wraps transport errors in its own exception types
    from scrapy.exceptions import (
        CannotResolveHostError,
        DownloadCancelledError,
        DownloadConnectionRefusedError,
        DownloadFailedError,
        DownloadTimeoutError,
        ResponseDataLossError,
    )
except ImportError:  # pragma: no cover - older Scrapy
    CannotResolveHostError = DownloadCancelledError = DownloadConnectionRefusedError = None
    DownloadFailedError = DownloadTimeoutError = ResponseDataLossError = None


def classify_failure(failure) -> tuple[str, str]:
    """(error kind, short description) for a failed request."""
    exc = failure.value
    if isinstance(exc, RetryAfterTooLong):
        return status_kind(exc.status), str(exc)
    if isinstance(exc, HttpError):
        status = exc.response.status
        return status_kind(status), str(status)
    if isinstance(exc, IgnoreRequest):
        message = str(exc)
        if "robots" in message.lower():
            return "robots_forbidden", "forbidden by robots.txt"
        if "redirect" in message.lower():
            return "redirect_loop", "redirect loop (too many redirects)"
        return "ignored", message or "request ignored"
    if _is(exc, DownloadTimeoutError, twisted_errors.TimeoutError, defer.TimeoutError):
        return "timeout", "timeout"
    if _is(exc, CannotResolveHostError, twisted_errors.DNSLookupError):
        return "dns", "DNS lookup failed"
    if _is(exc, DownloadConnectionRefusedError, twisted_errors.ConnectionRefusedError):
        return "connection_refused", "connection refused"
    if _is(exc, DownloadCancelledError, defer.CancelledError):
        return "too_large", "response larger than DOWNLOAD_MAXSIZE, cut"
    if _is(
        exc,
        ResponseDataLossError,
        DownloadFailedError,
        ResponseFailed,
        twisted_errors.ConnectionLost,
        twisted_errors.ConnectionDone,
    ):
        return "connection_lost", "connection lost"
    name = re.sub(r"(?<!^)(?=[A-Z])", "_", type(exc).__name__).lower()
    return name, f"{type(exc).__name__}: {exc}"


def _is(exc, *types) -> bool:
    return isinstance(exc, tuple(t for t in types if t is not None))


def status_kind(status: int) -> str:
    if status in (401, 403, 404, 410):  # 401/403: blocked (paywall, WAF, bot challenge)
        return f"http_{status}"
    if status == 429:
        return "http_429"
    if status >= 500:
        return "http_5xx"
    return "http_4xx" if status >= 400 else f"http_{status}"
