"""A bad sources file stops `pantau run` with one line naming the problem and exit code 2."""

import subprocess
import sys
from pathlib import Path

import pytest

PANTAU = Path(sys.executable).with_name("pantau")


def run_pantau(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PANTAU), *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def assert_one_line_error(result: subprocess.CompletedProcess, *needles: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0]


def test_missing_sources_file(tmp_path):
    result = run_pantau("run", "--sources", "nope.yaml", "--db", "x.db", cwd=tmp_path)
    assert_one_line_error(result, "sources file not found", "nope.yaml")
    assert not (tmp_path / "x.db").exists()


def test_sources_file_that_is_not_yaml(tmp_path):
    (tmp_path / "s.yaml").write_text("sources:\n  - name: [unclosed\n    url: x\n")
    result = run_pantau("run", "--sources", "s.yaml", "--db", "x.db", cwd=tmp_path)
    assert_one_line_error(result, "not valid YAML", "line")


def test_sources_entry_without_url(tmp_path):
    (tmp_path / "s.yaml").write_text(
        "sources:\n  - name: Kabar Daerah\n    url: https://kabar.example/\n  - name: Tanpa URL\n"
    )
    result = run_pantau("run", "--sources", "s.yaml", "--db", "x.db", cwd=tmp_path)
    assert_one_line_error(result, "entry 2", "Tanpa URL", "missing 'url'")


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("- just a list\n", "top-level 'sources:' list"),
        ("sources: []\n", "lists no sources"),
        ("sources:\n  - url: ftp://x.example/\n", "not an http(s) URL"),
        (
            "sources:\n  - url: https://x.example/\n    discover: [gopher]\n",
            "unknown discovery route",
        ),
    ],
)
def test_other_malformed_sources(tmp_path, body, needle):
    (tmp_path / "s.yaml").write_text(body)
    result = run_pantau("run", "--sources", "s.yaml", "--db", "x.db", cwd=tmp_path)
    assert_one_line_error(result, needle)


def test_bad_since_date(tmp_path):
    (tmp_path / "s.yaml").write_text("sources:\n  - url: https://x.example/\n")
    result = run_pantau("run", "--sources", "s.yaml", "--since", "kemarin", cwd=tmp_path)
    assert_one_line_error(result, "--since")
