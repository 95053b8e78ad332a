"""Archive pipeline: each article response goes to the WARC file first, then into state.sqlite.

That order is what makes a killed crawl lose nothing and duplicate nothing: a page is only
marked as archived once its record is flushed, and `crawler.recovery` picks up a record that was
flushed but not yet marked when the process died.
"""

from __future__ import annotations

from crawler.items import ArticleResponse


class ArchivePipeline:
    def process_item(self, item):
        if not isinstance(item, ArticleResponse):
            return item
        spider = self.crawler.spider
        ctx = spider.ctx
        warc_file, warc_end = ctx.archive.write(
            url=item.url,
            status=item.status,
            reason=item.reason,
            headers=item.headers,
            body=item.body,
            request_headers=item.request_headers,
            method=item.method,
            fetched_at=item.fetched_at,
            source=item.source,
            route=item.route,
            found_on=item.found_on,
        )
        headers = {k.lower(): v for k, v in item.headers}
        for canonical in (item.canonical, *item.aliases):
            ctx.state.record_page(
                canonical=canonical,
                url=item.url,
                source=item.source,
                route=item.route,
                status=item.status,
                outcome="archived",
                etag=headers.get("etag"),
                last_modified=headers.get("last-modified"),
                route_lastmod=item.route_date,
                content_hash=item.content_hash,
                fetched_at=item.fetched_at,
                run_id=ctx.run_id,
                warc_file=warc_file,
                warc_end=warc_end,
            )
        spider.health.articles_found += 1
        return item

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls()
        pipeline.crawler = crawler
        return pipeline
