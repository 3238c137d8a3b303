"""`make bench [BENCH_ARGS="search library"]`: run benchmark areas and rewrite docs/benchmarks.md.

Each area is a module `bench/<area>.py` with `run() -> str` returning a Markdown section
(figures, method, comparison). A section is kept in docs/benchmarks/<area>.md, so running one
area updates its section and keeps the others; docs/benchmarks.md is assembled from all of them.
"""

from __future__ import annotations

import importlib
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ROOT / "docs" / "benchmarks"
AREAS = ["search", "collection", "library", "opac", "programs", "newsletter", "oai", "exchange"]


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    sqlite = __import__("sqlite3").sqlite_version
    pg = subprocess.run(
        ["sh", "-c", "ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -1"], capture_output=True, text=True
    ).stdout.strip()
    return (
        f"- Machine: {os.cpu_count()} cores ({cpu}), {mem} memory, {platform.system()} {platform.release()}\n"
        f"- Python {platform.python_version()}, SQLite {sqlite}, PostgreSQL {pg or 'not installed'}\n"
    )


def assemble() -> None:
    parts = [
        "# Benchmarks\n",
        "Written by `make bench` (bench/). Each section states its method and what it compares.\n",
        machine(),
    ]
    for area in AREAS:
        path = SECTIONS / f"{area}.md"
        if path.exists():
            parts.append(path.read_text())
    (ROOT / "docs" / "benchmarks.md").write_text("\n".join(parts))


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shanyraq.settings")
    areas = [a for a in argv if a in AREAS] or AREAS
    SECTIONS.mkdir(parents=True, exist_ok=True)
    if len(areas) > 1:
        # One process per area: each configures Django for its own database, and a second area in
        # the same process would silently measure on the first one's.
        for area in areas:
            subprocess.run([sys.executable, "-m", "bench", area], check=True, cwd=ROOT)
        return 0
    for area in areas:
        try:
            module = importlib.import_module(f"bench.{area}")
        except ModuleNotFoundError as exc:
            if exc.name != f"bench.{area}":
                raise
            continue
        started = time.time()
        section = module.run()
        stamp = time.strftime("%Y-%m-%d", time.gmtime())
        (SECTIONS / f"{area}.md").write_text(
            f"{section.rstrip()}\n\n_Measured {stamp}, {time.time() - started:.0f} s._\n"
        )
        print(f"bench {area}: done")
    assemble()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
