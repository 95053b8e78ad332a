"""pantau's crawler: finds Ombudsman-score news on each source and archives it as WARC.

    crawl.py       crawl_sources(): one SourceSpider per source in one CrawlerProcess, health dicts
    spiders/       SourceSpider: discovery routes (sitemap, feed, wordpress, blogger, search, auto)
    discovery.py   pure parsers for robots/sitemaps/feeds/WP/Blogger/search pages + relevance filter
    middlewares.py retries with backoff and Retry-After
    pipelines.py   article responses → WARC (archive.py), then → state.sqlite (state.py)
    recovery.py    after a crash, records WARC pages the state had not yet noted
    check.py       `pantau sources check`: a live canary per source
    settings.py    the polite, bounded Scrapy configuration
    sources.yaml   the registry used when --sources is not given

To add a source, add an entry to sources.yaml (name, url, platform, discover or nothing for
auto-detection), run `pantau sources check --sources FILE` where the internet is reachable,
and set `checked: true` once it passes. archive, state, recovery, discovery and check never
import Scrapy: rebuilding from the archive and checking sources work without a reactor.
"""
