"""Worker memory: the resident size of gunicorn workers serving the key pages (issue 14
item 6: at most 120 MB after the load run), lighter than bench/load.py and reading only.

    BENCH_DATABASE_URL=$URL .venv/bin/python bench/memory.py     # BENCH_RUNS=3 BENCH_REQUESTS=200
    .venv/bin/python bench/memory.py imports                     # what importing the app costs, in process

Starts the app as bench/load.py does (gunicorn gthread, MALLOC_ARENA_MAX=2, BENCH_WORKERS=2 x 4 threads,
on BENCH_DATABASE_URL, default vagen_scale), signs in the demo people, and reads each
worker's VmRSS and VmHWM (its peak) from /proc: after start, after one request, after each
key page of bench/load.py (GET only) asked BENCH_REQUESTS times by 4 threads on kept-alive
connections, and at the end. Nothing is written but the sign-ins' sessions. With several
runs, each a fresh gunicorn: the median and the spread (lowest-highest) of the largest
worker at each point. `imports` prints, in a fresh interpreter, the RSS of Python alone,
after importing webapp and after create_app(); then (python -X tracemalloc) the memory traced
by package after the imports, after create_app() and after the key pages, in process through
the test client, and how many statements SQLAlchemy's compiled cache holds then."""

import http.client
import os
import re
import signal
import statistics
import subprocess
import sys
import threading

from harness import ROOT
from load import DATABASE, gunicorn, lookup, pages, sign_in, worker_memory

from webapp.demo.scale_data import DEMO_COACH as COACH
from webapp.demo.scale_data import DEMO_SUPERVISOR as SUPERVISOR

PORT = 8321
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
RUNS = int(os.environ.get("BENCH_RUNS", "1"))
THREADS = 4


def drive(path: str, cookie: str | None, count: int) -> int:
    """Ask for `path` `count` times from THREADS threads, one kept-alive connection each;
    how many answers were not 2xx/3xx."""
    failed = []
    headers = {"Accept-Encoding": "br, gzip"} | ({"Cookie": cookie} if cookie else {})

    def worker(share: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        for _ in range(share):
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status >= 400:
                failed.append(response.status)
        connection.close()

    threads = [threading.Thread(target=worker, args=(count // THREADS,)) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(failed)


def run(ids: dict) -> dict[str, list[tuple[int, int]]]:
    """One fresh gunicorn: the workers' memory at each point."""
    server = gunicorn("webapp.wsgi:app", PORT, ROOT, workers=WORKERS)
    points = {}
    try:
        points["after start"] = worker_memory(server)
        sessions = {
            "public": None,
            "coach": sign_in(COACH, PORT)[0],
            "supervisor": sign_in(SUPERVISOR, PORT)[0],
            "participant": sign_in(ids["participant_name"], PORT)[0],
        }
        points["after sign-ins"] = worker_memory(server)
        for name, who, path, body in pages(ids):
            if body is not None:
                continue  # reading only
            failed = drive(path, sessions[who], REQUESTS)
            points[name] = worker_memory(server)
            if failed:
                print(f"{name}: {failed} failed", file=sys.stderr)
        points["at the end"] = worker_memory(server)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
    return points


def serve() -> None:
    ids = lookup()
    runs = []
    for number in range(RUNS):
        runs.append(run(ids))
        end = largest(runs[-1]["at the end"])
        print(f"run {number + 1} of {RUNS}: largest worker at the end (RSS, peak) {end}", file=sys.stderr)
    print(f"{WORKERS} workers x {THREADS} threads, {REQUESTS} GETs per page, {RUNS} run(s), MB;")
    print("largest worker: median RSS (spread), median peak VmHWM (spread); then every worker of the last run")
    for point in runs[0]:
        rss = [largest(r[point])[0] for r in runs]
        hwm = [largest(r[point])[1] for r in runs]
        print(
            f"{point:<32}{statistics.median(rss):>7.0f} ({min(rss)}-{max(rss)})"
            f"{statistics.median(hwm):>7.0f} ({min(hwm)}-{max(hwm)})   {runs[-1][point]}"
        )


def largest(workers: list[tuple[int, int]]) -> tuple[int, int]:
    return max(workers)


IMPORTS = """
import re
def rss():
    return round(int(re.search(r"VmRSS:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) / 1024)
print("RSS MB: python alone", rss(), end="")
from webapp import create_app
print(", import webapp", rss(), end="")
app = create_app()
print(", create_app()", rss())
"""


def imports() -> None:
    """RSS after each step of starting the app, in a fresh interpreter; then, traced from the
    interpreter's start (python -X tracemalloc), what grows by package."""
    env = {**os.environ, "DATABASE_URL": DATABASE, "PUBLIC_BASE_URL": "http://127.0.0.1"}
    subprocess.run([sys.executable, "-c", IMPORTS], cwd=ROOT, env=env, check=True)
    subprocess.run([sys.executable, "-X", "tracemalloc", __file__, "traced"], env=env, check=True)


def traced() -> None:
    """Traced memory by package: after the imports, after create_app(), and what the key
    pages (GET, 3 times each, signed in through the test client) add."""
    import tracemalloc

    from sqlalchemy import select

    from tests.conftest import sign_in_client
    from webapp import create_app
    from webapp.accounts.models import User
    from webapp.config import Config
    from webapp.extensions import db

    imported = by_package(tracemalloc.take_snapshot())
    ids = lookup()
    config = type("Traced", (Config,), {"SQLALCHEMY_DATABASE_URI": DATABASE, "WTF_CSRF_ENABLED": False})
    app = create_app(config)
    created = by_package(tracemalloc.take_snapshot())
    names = {"coach": COACH, "supervisor": SUPERVISOR, "participant": ids["participant_name"]}
    clients = {"public": app.test_client()}
    for who, name in names.items():
        with app.app_context():
            user_id = db.session.scalar(select(User.id).where(User.sign_in_name == name))
        clients[who] = app.test_client()
        sign_in_client(clients[who], user_id)
    for _ in range(3):
        for _, who, path, body in pages(ids):
            if body is None:
                assert clients[who].get(path, headers={"Accept-Encoding": "br, gzip"}).status_code < 400, path
    warm = by_package(tracemalloc.take_snapshot())
    with app.app_context():
        statements = len(db.engine._compiled_cache)
    for title, now, before in (
        ("imports (the bench's too)", imported, {}),
        ("create_app() adds (twice: the ids' lookup and the traced app)", created, imported),
        ("the key pages add", warm, created),
    ):
        grown = sorted(((now[k] - before.get(k, 0), k) for k in now), reverse=True)
        print(f"{title}: {sum(now.values()) - sum(before.values()):.1f} MB traced; largest by package:")
        print("   " + ", ".join(f"{name} {size:.1f}" for size, name in grown[:10]))
    print(f"SQLAlchemy's compiled cache holds {statements} statements (of 500 at most)")


def by_package(snapshot) -> dict[str, float]:
    """MB traced by top-level package (or standard-library module, or webapp's feature)."""
    groups = {}
    for stat in snapshot.statistics("filename"):
        name = stat.traceback[0].filename
        name = re.sub(r".*/(site-packages|python3\.\d+)/", "", name).replace(str(ROOT) + "/", "")
        key = "/".join(name.split("/")[:2]) if name.startswith("webapp/") else name.split("/")[0]
        groups[key] = groups.get(key, 0) + stat.size / 2**20
    return groups


if __name__ == "__main__":
    {"imports": imports, "traced": traced}.get(sys.argv[1] if sys.argv[1:] else "", serve)()
