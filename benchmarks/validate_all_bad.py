"""Peak memory of ``eventkit validate`` on a file where every line is bad.

Run from the repository root::

    python benchmarks/validate_all_bad.py                # 1,000,000 lines
    python benchmarks/validate_all_bad.py --n 100000     # a quicker run

The file is generated line by line: every line has a problem, in turn one of
not JSON, no ``"type"``, a bad country, a key given twice, and a statement
whose speaker no line defines (a reference that stays open to the end of the
file, the worst case for memory). The command runs in a fresh subprocess, so
its peak (``resource.getrusage``'s ``ru_maxrss``) is its own, once with the
default ``--max-errors`` (10,000 kept) and once with ``--max-errors 100``.

Nothing asserts a time; it prints the peak, the time, and the total the
command reports, which must be one problem per line (checked: the script
exits with status 1 otherwise, or if a peak passes 200 MB).
"""

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LIMIT_MB = 200
KINDS = (
    "{{not json\n",
    '{{"id": "n{i}", "name": "A", "kind": "person"}}\n',
    '{{"type": "actor", "id": "c{i}", "name": "A", "kind": "person", "country": "Germany"}}\n',
    '{{"type": "actor", "id": "d{i}", "name": "A", "name": "B", "kind": "person"}}\n',
    '{{"type": "statement", "id": "s{i}", "speaker": "ghost-{i}", "text": "x"}}\n',
)


def write(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(KINDS[i % len(KINDS)].format(i=i))


def run(path: Path, *options: str) -> tuple[float, float, int, int]:
    """Seconds, peak MB, the total problems reported and the problems shown."""
    command = [sys.executable, "-m", "eventkit.cli", "validate", *options, str(path)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if peak <= before:  # ru_maxrss is the largest child so far: run the smaller case first
        sys.exit("measure the runs in increasing order of memory")
    header = re.search(r": ([\d,]+) problems in ([\d,]+) records", done.stdout)
    if done.returncode != 1 or header is None:
        sys.exit(f"unexpected result {done.returncode}:\n{done.stdout[:2000]}{done.stderr}")
    total = int(header[1].replace(",", ""))
    shown = sum(1 for line in done.stdout.splitlines() if re.search(r"\[\w+\]$", line))
    return seconds, peak / 1024, total, shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="lines (default 1,000,000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "all-bad.jsonl"
        write(path, args.n)
        size = path.stat().st_size / 1e6
        print(f"{args.n:,} lines, every one bad ({size:.0f} MB)")
        print(f"{'command':<40} {'seconds':>8} {'peak MB':>8} {'reported':>10} {'shown':>7}")
        failed = False
        for options in (("--max-errors", "100"), ()):
            seconds, peak, total, shown = run(path, *options)
            name = "eventkit validate " + " ".join(options)
            print(f"{name:<40} {seconds:8.1f} {peak:8.0f} {total:>10,} {shown:>7,}")
            failed |= total != args.n or peak > LIMIT_MB
        print(f"every line counted and each peak under {LIMIT_MB} MB: {'no' if failed else 'yes'}")
        sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
