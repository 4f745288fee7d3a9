"""Fixed cost per request: CPU of a page that asks the database nothing, against a bare
Flask route (issue 14 item 7: at least 0.40 of the bare route).

    .venv/bin/python bench/fixed_cost.py            # BENCH_REQUESTS=500 BENCH_ROUNDS=15
    .venv/bin/python bench/fixed_cost.py gunicorn   # the same through gunicorn and HTTP

Each round calls every page BENCH_REQUESTS times, the pages interleaved round by round,
and counts CPU time rather than wall time, so other work on the machine barely moves it.
In process: straight through WSGI (no test client), time.process_time. With `gunicorn`:
one gunicorn worker (bench/load.py's starter: gthread, 4 threads) for the app and one for
bench/floors.py, asked over one kept-alive HTTP connection each; the CPU is the worker's
own (/proc), so the server's share of a request counts as it does in the load benchmark,
where the target applies. Prints, per page, the median CPU ms per request with its
interquartile range, and the bare route's CPU over the page's (the share of the bare
route's requests per second the page can reach). The app runs with its production Config
(CSRF on, an anonymous visitor, Accept-Language Arabic) on BENCH_DATABASE_URL or an empty
SQLite database: these pages ask nothing of it."""

import functools
import http.client
import io
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("PUBLIC_BASE_URL", "http://localhost")
os.environ.setdefault("DATABASE_URL", os.environ.get("BENCH_DATABASE_URL", "sqlite://"))

from flask import Flask  # noqa: E402
from load import gunicorn  # noqa: E402

from tests.conftest import counting  # noqa: E402
from webapp import create_app  # noqa: E402
from webapp.extensions import db  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "500"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))


def environ(path: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "localhost",
        "HTTP_ACCEPT": "text/html",
        "HTTP_ACCEPT_LANGUAGE": "ar,en;q=0.5",
        "HTTP_ACCEPT_ENCODING": "br, gzip",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def call(app, base: dict) -> int:
    """One request through WSGI; the body is read as a server would. Returns the status."""
    status = []
    body = app(dict(base, **{"wsgi.input": io.BytesIO()}), lambda s, h, e=None: status.append(s))
    try:
        for _ in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()
    return int(status[0][:3])


def per_request_ms(app, base: dict) -> float:
    start = time.process_time()
    for _ in range(REQUESTS):
        call(app, base)
    return (time.process_time() - start) * 1000 / REQUESTS


def in_process() -> dict:
    """name -> a function measuring CPU ms per request, all in this process."""
    bare = Flask("bare")
    bare.add_url_rule("/bare", "bare", lambda: "ok")
    app = create_app()
    with app.app_context():
        engine = db.engine
    pages = {
        "bare Flask route": (bare, environ("/bare")),
        "home, signed out": (app, environ("/")),
        "sign-in form": (app, environ("/sign-in")),
    }
    for name, (wsgi, base) in pages.items():
        with counting(engine) as queries:
            status = call(wsgi, base)
        if status != 200 or queries:
            raise SystemExit(f"{name}: status {status}, {len(queries)} queries (expected 200 and none)")
    return {name: functools.partial(per_request_ms, wsgi, base) for name, (wsgi, base) in pages.items()}


def worker_pid(master: subprocess.Popen) -> int:
    """The pid of a one-worker gunicorn's worker (it has answered once started)."""
    return int(Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()[0])


def worker_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def http_per_request_ms(port: int, path: str, worker: int) -> float:
    headers = {k[5:].replace("_", "-").title(): v for k, v in environ(path).items() if k.startswith("HTTP_")}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    start = worker_cpu_seconds(worker)
    for _ in range(REQUESTS):
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"{path}: status {response.status}")
    spent = worker_cpu_seconds(worker) - start
    connection.close()
    return spent * 1000 / REQUESTS


def through_gunicorn(servers: list) -> dict:
    """name -> a function measuring the gunicorn worker's CPU ms per request."""
    root = Path(__file__).resolve().parent.parent
    # The app's own database (BENCH_DATABASE_URL or an empty SQLite), not load.py's default.
    floors = gunicorn("floors:app", 8321, root / "bench", workers=1, database=os.environ["DATABASE_URL"])
    servers.append(floors)
    app = gunicorn("webapp.wsgi:app", 8322, root, workers=1, database=os.environ["DATABASE_URL"])
    servers.append(app)
    floors_worker, app_worker = worker_pid(floors), worker_pid(app)
    return {
        "bare Flask route": functools.partial(http_per_request_ms, 8321, "/bare", floors_worker),
        "home, signed out": functools.partial(http_per_request_ms, 8322, "/", app_worker),
        "sign-in form": functools.partial(http_per_request_ms, 8322, "/sign-in", app_worker),
    }


def main() -> None:
    servers = []
    try:
        pages = through_gunicorn(servers) if sys.argv[1:] == ["gunicorn"] else in_process()
        for measure in pages.values():
            measure()  # warm up
        samples = {name: [] for name in pages}
        for _ in range(ROUNDS):
            for name, measure in pages.items():
                samples[name].append(measure())
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()
    bare_ms = statistics.median(samples["bare Flask route"])
    print(f"{REQUESTS} requests x {ROUNDS} rounds, CPU ms per request: median [IQR], bare/page")
    for name, values in samples.items():
        q1, _, q3 = statistics.quantiles(values, n=4)
        median = statistics.median(values)
        print(f"  {name:<20} {median:6.3f} [{q1:.3f}-{q3:.3f}]  {bare_ms / median:5.2f}")


if __name__ == "__main__":
    main()
