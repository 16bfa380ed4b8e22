#!/usr/bin/env python3
"""How large a build's HTML pages are: the largest, and how many are over the limit.

    Benchmarks/page-sizes.py <output folder or release folder> [--limit 500000] [--top 5] [--check]

Given a build's output folder (`public/`), it reads the newest release in `latest/`; given a
release folder (`public/v/2018.2/`), that one. It prints the number of HTML pages, their total
size, the `--top` largest pages and how many are over `--limit` bytes (SPEC §7: no page over
500 KB, that is 500,000 bytes, at any size of the site). With `--check` it exits with status 1 when
any page is over the limit. Python 3 standard library only.
"""
import argparse
import sys
from pathlib import Path


def measure(folder, limit=500_000):
    """(pages as (size, path) largest first, the pages over `limit`) of a build or release folder."""
    root = folder / "latest" if (folder / "latest").is_dir() else folder
    if not root.is_dir():
        sys.exit(f"page-sizes.py: {root} is not a folder")
    pages = sorted(((p.stat().st_size, str(p.relative_to(root))) for p in root.rglob("*.html")), key=lambda s: (-s[0], s[1]))
    if not pages:
        sys.exit(f"page-sizes.py: no HTML pages in {root}")
    return root, pages, [page for page in pages if page[0] > limit]


def summary(pages, over, limit=500_000):
    return (f"{len(pages)} pages, largest {pages[0][0] / 1000:.1f} kB ({pages[0][1]}), "
            f"{len(over)} over {limit / 1000:.0f} kB")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=500_000, help="bytes (default 500000)")
    parser.add_argument("--top", type=int, default=5, help="how many of the largest pages to list (default 5)")
    parser.add_argument("--check", action="store_true", help="exit with status 1 when a page is over the limit")
    args = parser.parse_args()
    root, pages, over = measure(args.folder, args.limit)
    print(f"== page sizes in {root}: {sum(size for size, _ in pages) / 1e6:.1f} MB of HTML")
    for size, path in pages[: args.top]:
        print(f"{size / 1000:10.1f} kB  {path}")
    print(summary(pages, over, args.limit))
    if args.check and over:
        sys.exit(1)


if __name__ == "__main__":
    main()
