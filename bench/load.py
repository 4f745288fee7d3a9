"""Load benchmark: Vägen's key pages under gunicorn, side by side with two floors.

    apt-get install -y wrk
    FLASK_APP=webapp:create_app DATABASE_URL=$URL SECRET_KEY=x flask seed-scale   # once
    BENCH_DATABASE_URL=$URL .venv/bin/python bench/load.py                        # one run
    BENCH_DATABASE_URL=$URL BENCH_RUNS=3 BENCH_SECONDS=10 .venv/bin/python bench/load.py

Starts gunicorn (2 workers x 4 threads) on the app and on bench/floors.py (a bare Flask
route and a plain Flask + SQLAlchemy + Jinja page with 2 queries and 15 rows), signs in the
demo people that `flask seed-scale` printed, and drives each page with wrk at 16
connections for a fixed time. Prints req/s, p50/p90/p99, bytes on the wire per response,
the ratio to both floors, whether each key page meets issue 14's item 3, and the workers'
memory after the run. The app is served with bench/served.py's one page more, the
signed-in floor: what every signed-in page costs before it shows anything, measured
alongside. With several runs: the median, and the spread (lowest-highest req/s).
"failed": non-2xx/3xx answers and timeouts."""

import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from harness import ROOT

from webapp.demo.scale_data import DEMO_COACH as COACH
from webapp.demo.scale_data import DEMO_SUPERVISOR as SUPERVISOR
from webapp.demo.seed import DEMO_PASSWORD as PASSWORD

PYTHON_BIN = Path(sys.executable).parent
DATABASE = os.environ.get("BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/vagen_scale")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
RUNS = int(os.environ.get("BENCH_RUNS", "1"))
APP_PORT, FLOOR_PORT = 8311, 8312
# The app refuses to serve without the address it is served at (links in mail and calendars).
os.environ.setdefault("PUBLIC_BASE_URL", f"http://127.0.0.1:{APP_PORT}")


def gunicorn(target: str, port: int, chdir: Path, workers: int = 2, database: str = DATABASE) -> subprocess.Popen:
    """gunicorn (`workers` x 4 threads, gthread) serving `target` on `database`, once it answers.
    The one starter of the benchmarks: bench/memory.py and bench/fixed_cost.py use it too."""
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "BENCH_DATABASE_URL": database,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only"),
        # As the README's production command serves it: two malloc arenas for four threads.
        "MALLOC_ARENA_MAX": os.environ.get("MALLOC_ARENA_MAX", "2"),
    }
    process = subprocess.Popen(
        [
            str(PYTHON_BIN / "gunicorn"),
            "-w",
            str(workers),
            "--threads",
            "4",
            "-k",
            "gthread",
            "-b",
            f"127.0.0.1:{port}",
            "--chdir",
            str(chdir),
            "--log-level",
            "warning",
            target,
        ],
        env=env,
        start_new_session=True,
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return process
        except urllib.error.HTTPError:
            return process
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn on {port} did not start")


def sign_in(name: str, port: int = APP_PORT) -> tuple[str, str]:
    """The session cookie header and the CSRF token of a signed-in demo person."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"
    page = opener.open(f"{base}/sign-in").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"', page)
    token = token.group(1) or token.group(2)
    data = urllib.parse.urlencode({"csrf_token": token, "sign_in_name": name, "password": PASSWORD}).encode()
    opener.open(f"{base}/sign-in", data=data).read()
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    home = opener.open(f"{base}/").read().decode()
    token = re.search(r'"X-CSRFToken": "([^"]+)"', home).group(1)
    return cookie, token


def lookup() -> dict:
    """Ids for the demo people's pages, from the database."""
    from sqlalchemy import select

    from webapp import create_app
    from webapp.accounts.models import User
    from webapp.attendance.models import AttendanceWeek
    from webapp.config import Config
    from webapp.extensions import db
    from webapp.placements.models import Placement

    class BenchConfig(Config):
        SECRET_KEY = "bench-only"
        SQLALCHEMY_DATABASE_URI = DATABASE
        PUBLIC_BASE_URL = os.environ["PUBLIC_BASE_URL"]

    with create_app(BenchConfig).app_context():
        supervisor = db.session.scalar(select(User).where(User.sign_in_name == SUPERVISOR))
        placement = db.session.scalars(
            select(Placement).where(Placement.supervisor_id == supervisor.id).order_by(Placement.id)
        ).first()
        waiting = db.session.scalar(
            select(AttendanceWeek.monday)
            .where(AttendanceWeek.placement_id == placement.id, AttendanceWeek.confirmed_at.is_(None))
            .order_by(AttendanceWeek.monday)
        )
        confirmed = db.session.scalar(
            select(AttendanceWeek.monday)
            .where(AttendanceWeek.placement_id == placement.id, AttendanceWeek.confirmed_at.is_not(None))
            .order_by(AttendanceWeek.monday.desc())
        )
        participant = db.session.get(User, placement.participant_id)
        return {
            "placement": placement.id,
            "participant": participant.id,
            "participant_name": participant.sign_in_name,
            "waiting": waiting.isoformat(),
            "confirmed": confirmed.isoformat(),
            "month": f"{confirmed:%Y-%m}",
        }


def pages(ids: dict) -> list[tuple[str, str, str, str | None]]:
    """(name, who, path, POST body or None)."""
    p, pl = ids["participant"], ids["placement"]
    return [
        ("participant home", "participant", "/home/participant", None),
        ("plan", "participant", "/plan", None),
        ("attendance (participant)", "participant", "/attendance/mine", None),
        ("coach home / caseload", "coach", "/home/coach", None),
        ("caseload search", "coach", "/home/coach?q=Amina", None),
        ("participant seen by coach", "coach", f"/participants/{p}", None),
        ("feedback (coach)", "coach", f"/feedback/participants/{p}", None),
        ("supervisor home", "supervisor", "/home/supervisor", None),
        ("supervisor week", "supervisor", f"/attendance/weeks/{pl}/{ids['waiting']}", None),
        ("monthly report", "supervisor", f"/attendance/reports/{pl}/{ids['month']}", None),
        ("confirm POST (confirmed week)", "supervisor", f"/attendance/weeks/{pl}/{ids['confirmed']}/confirm", ""),
        ("openings search", "coach", "/openings/?kind=internship", None),
        ("catalogue search (public)", "public", "/activities/?q=orientering", None),
    ]


def seconds(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def wrk(url: str, cookie: str | None, body: str | None, token: str | None) -> dict:
    # A 10 s timeout: wrk leaves slower answers out of its latencies (the default is 2 s).
    command = [
        "wrk",
        "-t",
        "2",
        "-c",
        str(CONNECTIONS),
        "-d",
        f"{SECONDS}s",
        "--timeout",
        "10s",
        "--latency",
        "-H",
        "Accept-Encoding: br, gzip",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    script = None
    if body is not None:
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(
                f'wrk.method = "POST"\nwrk.body = "csrf_token={token}"\n'
                'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
            )
        command += ["-s", script.name]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    if script:
        os.unlink(script.name)
    latency = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)", output, re.M))
    count, read = re.search(r"(\d+) requests in [\d.]+\w+, ([\d.]+\w+) read", output).groups()
    size = (
        float(re.match(r"[\d.]+", read).group())
        * {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}[re.search(r"[A-Z]+", read).group()]
    )
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    timeouts = re.search(r"timeout (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": seconds(latency["50"]),
        "p90": seconds(latency["90"]),
        "p99": seconds(latency["99"]),
        "bytes": size / max(1, int(count)),
        "errors": (int(errors.group(1)) if errors else 0) + (int(timeouts.group(1)) if timeouts else 0),
    }


def worker_memory(master: subprocess.Popen) -> list[tuple[int, int]]:
    """(VmRSS, VmHWM) in MB of each of the master's workers: resident now, and at the most."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        rss, hwm = (int(re.search(rf"{key}:\s+(\d+)", status).group(1)) for key in ("VmRSS", "VmHWM"))
        sizes.append((round(rss / 1024), round(hwm / 1024)))
    return sizes


def worker_rss(master: subprocess.Popen) -> list[int]:
    """Resident memory (MB) of the master's worker processes."""
    return [rss for rss, _peak in worker_memory(master)]


def main() -> None:
    ids = lookup()
    servers = [gunicorn("served:app", APP_PORT, ROOT / "bench"), gunicorn("floors:app", FLOOR_PORT, ROOT / "bench")]
    try:
        sessions = {
            "public": (None, None),
            "coach": sign_in(COACH),
            "supervisor": sign_in(SUPERVISOR),
            "participant": sign_in(ids["participant_name"]),
        }
        targets = [
            ("floor: bare Flask route", f"http://127.0.0.1:{FLOOR_PORT}/bare", "public", None),
            ("floor: plain 2-query page", f"http://127.0.0.1:{FLOOR_PORT}/plain", "public", None),
            ("no-query page (sign-in)", f"http://127.0.0.1:{APP_PORT}/sign-in", "public", None),
            ("signed-in floor (empty page)", f"http://127.0.0.1:{APP_PORT}/bench/signed-in-floor", "participant", None),
        ]
        targets += [(name, f"http://127.0.0.1:{APP_PORT}{path}", who, body) for name, who, path, body in pages(ids)]
        results = {name: [] for name, *_ in targets}
        for run in range(RUNS):
            for name, url, who, body in targets:
                cookie, token = sessions[who]
                results[name].append(wrk(url, cookie, body, token))
            print(f"run {run + 1} of {RUNS} done", file=sys.stderr)
        report(results, key_pages=[name for name, *_ in pages(ids)])
        print(f"worker RSS after the run (MB): app {worker_rss(servers[0])}, floors {worker_rss(servers[1])}")
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()


def report(results: dict, key_pages: list[str]) -> None:
    median = {name: {key: statistics.median(r[key] for r in runs) for key in runs[0]} for name, runs in results.items()}
    bare, plain = median["floor: bare Flask route"]["rps"], median["floor: plain 2-query page"]["rps"]
    print(f"{CONNECTIONS} connections, {SECONDS} s per page, {RUNS} run(s): medians; spread = lowest-highest req/s")
    print(
        f"{'page':<32}{'req/s':>8}{'spread':>14}{'p50 ms':>8}{'p90 ms':>8}{'p99 ms':>8}{'bytes':>8}"
        f"{'/plain':>8}{'/bare':>7}{'failed':>8}  targets (item 3: plain's req/s, p90 <= 150 ms)"
    )
    for name, m in median.items():
        rates = [r["rps"] for r in results[name]]
        spread = f"{min(rates):.0f}-{max(rates):.0f}"
        print(
            f"{name:<32}{m['rps']:>8.0f}{spread:>14}{m['p50'] * 1000:>8.1f}{m['p90'] * 1000:>8.1f}"
            f"{m['p99'] * 1000:>8.1f}{m['bytes']:>8.0f}{m['rps'] / plain:>8.2f}{m['rps'] / bare:>7.2f}"
            f"{m['errors']:>8.0f}  {_targets(m, plain) if name in key_pages else ''}"
        )


def _targets(m: dict, plain: float) -> str:
    """Whether a key page meets issue 14's item 3."""
    rate = "req/s met" if m["rps"] >= plain else "req/s NOT met"
    latency = "p90 met" if m["p90"] <= 0.150 else "p90 NOT met"
    return f"{rate}, {latency}"


if __name__ == "__main__":
    main()
