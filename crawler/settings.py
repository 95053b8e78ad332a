"""Scrapy settings for pantau: a polite, bounded, identifiable crawler.

Every limit is here so a run can never hang or flood a small regional site: robots.txt (and its
Crawl-delay) on, ≤ 2 concurrent requests per site with AutoThrottle, timeouts and size caps on
every response, retries with backoff, and page limits on every paginated discovery route.
Tests and the benchmark override values through `crawl_sources(..., settings={...})`.
"""

from pantau.config import USER_AGENT

BOT_NAME = "pantau"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

USER_AGENT = USER_AGENT
ROBOTSTXT_OBEY = True
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # no listening port on a crawl machine
COOKIES_ENABLED = False

CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
CONCURRENT_ITEMS = 4  # items are archived synchronously; Scrapy spawns this many tasks per page
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

DOWNLOAD_TIMEOUT = 30
DNS_TIMEOUT = 20
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
REDIRECT_MAX_TIMES = 10
DEPTH_LIMIT = 200  # last-resort guard; routes stop at PANTAU_MAX_ROUTE_PAGES first

RETRY_ENABLED = True
RETRY_TIMES = 2  # three tries in all
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_GIVE_UP_LOG_LEVEL = "DEBUG"  # the spider logs one clear line per failure instead
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.PoliteRetryMiddleware": 550,
    "crawler.middlewares.CrawlDelayMiddleware": 560,
}
ITEM_PIPELINES = {"crawler.pipelines.ArchivePipeline": 300}

LOG_LEVEL = "INFO"
LOG_INSTALL_ROOT_HANDLER = False  # pantau's CLI owns logging (see crawler.crawl)
EXTENSIONS = {"scrapy.extensions.logstats.LogStats": None}  # one line per source: too many

# pantau's own knobs
PANTAU_RETRY_BACKOFF = 2.0  # seconds before the first retry, doubled for each further try
PANTAU_MAX_BACKOFF = 60.0
PANTAU_MAX_RETRY_AFTER = 300.0  # a longer Retry-After gives the page up for this run
PANTAU_MAX_CRAWL_DELAY = 60.0  # robots.txt Crawl-delay is honoured up to this
PANTAU_MAX_ROUTE_PAGES = 50  # pages of one paginated route (feed, WP, Blogger, search)
PANTAU_MAX_SITEMAP_DEPTH = 3  # nested sitemap indexes
PANTAU_SITE_DOWN_AFTER = 10  # consecutive connection failures before a source is given up
PANTAU_PROGRESS_INTERVAL = 30.0  # seconds between "progress:" lines for the whole run
PANTAU_WARC_MAX_BYTES = 100 * 1024 * 1024
