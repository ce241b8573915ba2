"""How fast visitors are served: the production stack under wrk, on this machine.

Imports the ACTRIS site into PostgreSQL, starts the stack (scripts/stack.py: one app server
with WEB_WORKERS gunicorn workers, nginx in front), then prints for each page

- req/s, p50 and p99 through the proxy (cached), straight to the app (uncached), and nginx
  serving the same HTML as a static file, with the ratios;
- first-view times of every page after the import (no visitor waits for pictures).

    make bench                      # or: .venv/bin/python bench/serve.py --seconds 10
"""

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from stack import Stack  # noqa: E402

PROJECT_DIR = Path(__file__).resolve().parent.parent


def wrk(url: str, seconds: int, connections: int, host: str | None = None) -> dict:
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if host:
        args[1:1] = ["-H", f"Host: {host}"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout

    def latency(percent: str) -> float:
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def first_views(app: str, host: str) -> list[str]:
    """Every page once, straight to the app, right after the import; prints the times."""
    sitemap = requests.get(app + "/sitemap.xml", headers={"Host": host}).text
    paths = re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", sitemap)
    first = {}
    for path in paths:
        began = time.monotonic()
        requests.get(app + path, headers={"Host": host}, timeout=60, allow_redirects=False)
        first[path] = (time.monotonic() - began) * 1000
    slowest = sorted(first, key=first.get, reverse=True)[:3]
    print(
        f"First views of {len(first)} pages after import: "
        f"median {statistics.median(first.values()):.0f} ms, total {sum(first.values()) / 1000:.1f} s, "
        "slowest " + ", ".join(f"{first[p]:.0f} ms ({p})" for p in slowest)
    )
    return paths


def cell(result: dict) -> str:
    return f"{result['rps']:8.0f}/s {result['p50']:5.1f}/{result['p99']:5.1f}ms"


def load_one(stack, app: str, host: str, name: str, path: str, options) -> None:
    """wrk on the page through the proxy, straight to the app, and on the same HTML as a file."""
    html = requests.get(app + path, headers={"Host": host}).content
    static_copy = stack.static / "bench" / f"{name.replace(' ', '-')}.html"
    static_copy.parent.mkdir(exist_ok=True)
    static_copy.write_bytes(html)
    requests.get(stack.proxy_url + path)  # into the proxy's cache
    seconds, connections = options.seconds, options.connections
    static = wrk(f"{stack.proxy_url}/static/bench/{static_copy.name}", seconds, connections)
    cached = wrk(stack.proxy_url + path, seconds, connections)
    direct = wrk(app + path, seconds, connections, host=host)
    print(
        f"{name:16} {cell(static):>22} {cell(cached):>22} {cell(direct):>22} "
        f"{cached['rps'] / static['rps']:13.0%}"
    )
    for label, result in (("static", static), ("cached", cached), ("app", direct)):
        if result["errors"]:
            print(f"  ! {result['errors']} non-2xx/3xx answers ({label})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--site", default=str(PROJECT_DIR.parent / "shared/isomer-sites/cris-actris")
    )
    options = parser.parse_args()

    with Stack(app_ports=(58011,), proxy_port=58090, workers=options.workers) as stack:
        app, host = f"http://127.0.0.1:{stack.app_ports[0]}", f"127.0.0.1:{stack.proxy_port}"
        started = time.monotonic()
        stack.manage("import_isomer", options.site)
        print(f"Imported {options.site} in {time.monotonic() - started:.0f} s (pictures included)")
        stack.use_site_address()
        paths = first_views(app, host)
        article = next(p for p in paths if "/newsroom-and-events/" in p and p.count("/") >= 4)
        pages = {
            "homepage": "/",
            "article": article,
            "newsroom index": "/newsroom-and-events/",
            "search": "/search/?q=cell",
        }
        print(
            f"\nwrk -t2 -c{options.connections} -d{options.seconds}s on 127.0.0.1; "
            f"app: 1 gunicorn with {options.workers} workers; nginx in front"
        )
        header = (
            f"{'page':16} {'static file':>22} {'proxy (cached)':>22} {'app (uncached)':>22} "
            f"{'cached/static':>14}"
        )
        print(header + "\n" + "-" * len(header))
        for name, path in pages.items():
            load_one(stack, app, host, name, path, options)
        print(
            "\n(req/s, then p50/p99 latency; searches are never cached: the proxy passes them on)"
        )


if __name__ == "__main__":
    main()
