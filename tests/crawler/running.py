"""Run the real crawler in a subprocess (the Twisted reactor starts once per process) with fast,
test-sized limits, and read back what it returned."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]

# Small timeouts and retry delays so the fault suite stays fast; politeness limits still apply.
FAST = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "DOWNLOAD_TIMEOUT": 10,  # generous: a loaded CI machine must not turn into timeouts
    "PANTAU_RETRY_BACKOFF": 0.05,
    "PANTAU_MAX_BACKOFF": 0.2,
    "PANTAU_MAX_RETRY_AFTER": 5,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
}


@dataclass
class CrawlRun:
    returncode: int
    health: list[dict]
    stderr: str

    def of(self, source: str) -> dict:
        return next(h for h in self.health if h["source"] == source)


def write_sources(path: Path, entries: list[dict]) -> Path:
    path.write_text(yaml.safe_dump({"sources": entries}), encoding="utf-8")
    return path


def crawl_command(sources: Path, workdir: Path, settings: dict | None = None, **window) -> list:
    command = [sys.executable, "-m", "crawler.crawl", "--sources", str(sources)]
    command += ["--workdir", str(workdir)]
    for key in ("since", "until"):
        if window.get(key):
            command += [f"--{key}", str(window[key])]
    for key, value in {**FAST, **(settings or {})}.items():
        command += ["--set", f"{key}={json.dumps(value)}"]
    return command


def run_crawl(
    entries: list[dict], workdir: Path, settings: dict | None = None, timeout: float = 120, **window
) -> CrawlRun:
    workdir.mkdir(parents=True, exist_ok=True)
    sources = write_sources(workdir.parent / f"{workdir.name}-sources.yaml", entries)
    done = subprocess.run(
        crawl_command(sources, workdir, settings, **window),
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=timeout,
    )
    try:
        health = json.loads(done.stdout)
    except ValueError:
        raise AssertionError(f"crawler printed no health JSON:\n{done.stderr[-4000:]}") from None
    return CrawlRun(done.returncode, health, done.stderr)
