"""crawl_sources refuses impossible input with a clear error before starting anything."""

from datetime import date

import pytest

from crawler.crawl import crawl_sources
from pantau.config import SourceConfig
from pantau.errors import ConfigError


def test_a_window_that_ends_before_it_starts_is_refused(tmp_path):
    source = SourceConfig("kabar.id", "http://127.0.0.1:9/")
    with pytest.raises(ConfigError, match="--since 2025-01-01 is after --until 2024-12-31"):
        crawl_sources([source], tmp_path, since=date(2025, 1, 1), until=date(2024, 12, 31))
    assert not (tmp_path / "state.sqlite").exists()


def test_no_sources_means_no_crawl(tmp_path):
    assert crawl_sources([], tmp_path / "work", since=None, until=None) == []
    assert not (tmp_path / "work").exists()
