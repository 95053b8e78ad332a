"""`python -m bench` (`make bench`): run every benchmark module's `main()` in name order.

Each module under bench/ that defines `main()` is one benchmark printing its own ratios against a
baseline measured in the same run; a benchmark that fails is reported and the others still run.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import traceback
from pathlib import Path


def benchmark_modules() -> list[str]:
    """Names of the bench/*.py modules that define main(), sorted."""
    folder = Path(__file__).resolve().parent
    names = sorted(
        info.name
        for info in pkgutil.iter_modules([str(folder)])
        if not info.name.startswith("_") and not info.ispkg
    )
    return [name for name in names if hasattr(importlib.import_module(f"bench.{name}"), "main")]


def main() -> int:
    failed = []
    for name in benchmark_modules():
        print(f"== bench.{name}", flush=True)
        try:
            code = importlib.import_module(f"bench.{name}").main()
        except Exception:  # one broken benchmark must not hide the others' numbers
            traceback.print_exc()
            code = 1
        if code:
            failed.append(name)
        print(flush=True)
    if failed:
        print(f"benchmarks that failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
