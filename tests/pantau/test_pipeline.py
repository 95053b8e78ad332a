"""Run outcome rules of the pipeline: what counts as a failed source, which articles a window keeps."""

from datetime import date

from extract.model import Article
from pantau.pipeline import RunOutcome, _failures, _in_window


def test_pages_forbidden_by_robots_do_not_fail_a_source():
    health = {"errors_total": 3, "errors_by_kind": {"robots_forbidden": 3}}
    assert _failures(health) == 0


def test_server_errors_fail_a_source():
    health = {"errors_total": 4, "errors_by_kind": {"robots_forbidden": 1, "http_5xx": 3}}
    assert _failures(health) == 3


def test_totals_without_kinds_are_taken_as_they_are():
    assert _failures({"errors_total": 2}) == 2


def test_outcome_is_ok_only_without_failures():
    assert RunOutcome(source_errors={"a": 0, "b": 0}).ok
    assert not RunOutcome(source_errors={"a": 0, "b": 1}).ok


def test_window_keeps_articles_inside_and_undated_ones():
    inside = Article(doc_id="a", text="x", published="2024-12-01")
    before = Article(doc_id="b", text="x", published="2024-10-31")
    undated = Article(doc_id="c", text="x")
    since, until = date(2024, 11, 1), date(2025, 4, 30)
    assert _in_window(inside, since, until)
    assert not _in_window(before, since, until)
    assert _in_window(undated, since, until)
