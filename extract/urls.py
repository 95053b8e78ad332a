"""One canonical spelling per article URL, so the same story is fetched, archived and counted once.

Pure functions (no Scrapy): the crawler uses them to deduplicate before fetching, extraction uses
them to give every Article a stable `canonical_url`. The rules undo the variants news sites
publish the same page under: http/https, `m.`/`amp.` hosts, `/amp` paths and `?amp=1`, tracking
parameters, fragments, default ports, letter case of the host and a trailing slash.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

# Query parameters that only say where a click came from; they never change the article.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ref",
        "ref_src",
        "amp",
        "amp_js_v",
        "usqp",
        "outputtype",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")
_MOBILE_HOST = re.compile(r"^(?:m|mobile|amp|www)\.", re.IGNORECASE)
_AMP_PATH = re.compile(r"(?:/amp/?$|/amp(?=/)|\.amp(?=\.html?$|$))", re.IGNORECASE)
_MULTI_SLASH = re.compile(r"/{2,}")


def canonical_url(url: str) -> str:
    """The canonical form of a news URL (https, bare host, no AMP/mobile/tracking, no trailing /).

    Returns the input stripped of whitespace when it is not an absolute http(s) URL, so callers
    can pass anything without a guard.
    """
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return url
    host = parts.hostname.lower().rstrip(".")
    while _MOBILE_HOST.match(host) and host.count(".") >= 2:
        host = _MOBILE_HOST.sub("", host, count=1)
    port = parts.port
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = _MULTI_SLASH.sub("/", parts.path or "/")
    path = _AMP_PATH.sub("", path) or "/"
    path = quote(unquote(path), safe="/%:@!$&'()*+,;=-._~")
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in TRACKING_PARAMS
        and not key.lower().startswith(_TRACKING_PREFIXES)
        and not (key == "m" and value in ("0", "1"))  # Blogger's mobile switch
    ]
    query.sort()
    # Local test and demo servers speak plain http: keep their scheme so links still open.
    scheme = parts.scheme.lower() if _is_local(parts.hostname) else "https"
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def _is_local(hostname: str) -> bool:
    return hostname in ("localhost", "::1") or hostname.replace(".", "").isdigit()


def same_site(url: str, other: str) -> bool:
    """True when two URLs are on the same site once `www.`/`m.`/`amp.` prefixes are ignored."""
    return _site(url) == _site(other)


def _site(url: str) -> str:
    return urlsplit(canonical_url(url)).netloc
