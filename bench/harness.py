"""What the bench scripts share: the app on a bench database, a signed-in test client, query
counting, timing and the median (with its interquartile range).

A script imports this module first: it puts the repository on sys.path and gives the app a
SECRET_KEY, so `webapp` and `tests` import from a plain `python bench/<script>.py`.

    from harness import bench_app, databases, drop_tables, repeat, signed_in

    for label, url in databases():              # a temporary SQLite file; BENCH_DATABASE_URL too
        app = bench_app(url)
        ...
        sample = repeat(lambda: client.get("/home/coach"), runs=7)
        print(sample.queries, f"{sample.median:.1f}")
"""

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", "bench")


from tests.conftest import FreshContextClient, counting, sign_in_client  # noqa: E402, F401  (counting: for the scripts)
from webapp import create_app  # noqa: E402
from webapp.accounts.models import Municipality, Organisation, OrganisationKind, Programme  # noqa: E402
from webapp.config import TestConfig  # noqa: E402
from webapp.extensions import db  # noqa: E402


def bench_app(database_url: str, fresh_contexts: bool = False, **settings):
    """The app as the tests configure it (TestConfig), on `database_url`, with any other
    settings. `fresh_contexts`: each test-client request in its own app context, as in
    production (the caller's context and its `g` do not leak into the request)."""
    config = type("BenchConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": database_url, **settings})
    app = create_app(config)
    if fresh_contexts:
        app.test_client_class = FreshContextClient
    return app


def bench_database_url() -> str | None:
    """BENCH_DATABASE_URL: the PostgreSQL database a script may empty and fill."""
    return os.environ.get("BENCH_DATABASE_URL")


@contextmanager
def sqlite_file(name: str = "bench.db") -> Iterator[str]:
    """The URL of a SQLite file in a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{Path(folder) / name}"


def databases(name: str = "bench.db") -> Iterator[tuple[str, str]]:
    """(label, url): a temporary SQLite file, then the BENCH_DATABASE_URL database if set."""
    with sqlite_file(name) as url:
        yield "SQLite (temporary file)", url
    if bench_database_url():
        yield "PostgreSQL", bench_database_url()


def app_per_size(sizes) -> Iterator[tuple]:
    """(size, app) for each size, on a database of its own (a temporary SQLite file, or the
    BENCH_DATABASE_URL database emptied afterwards); the caller builds and measures inside the
    app context it is given."""
    url = bench_database_url()
    for size in sizes:
        with sqlite_file(f"bench-{size}.db") as sqlite:
            app = bench_app(url or sqlite)
            with app.app_context():
                yield size, app
            drop_tables(app, drop=bool(url))


def host_of(url: str) -> str:
    """The part of a database URL worth printing: no user name or password."""
    return url.split("@")[-1]


def drop_tables(app, drop: bool = True) -> None:
    """End the session (a reader left open makes dropping the tables wait forever), drop the
    tables if `drop`, and close the engine's connections."""
    with app.app_context():
        db.session.remove()
        if drop:
            db.drop_all()
        db.engine.dispose()


def programme_with_unit(municipalities: int = 6) -> tuple[list, Organisation]:
    """Empty tables, then what a data-size script builds on (in an app context): a programme
    "Bench" of `municipalities` municipalities and its labour market unit "AME", in the first.
    (The places, and the unit: its programme is `unit.programme`.)"""
    db.drop_all()
    db.create_all()
    places = [Municipality(code=f"{n:04d}", name=f"Kommun {n}") for n in range(municipalities)]
    programme = Programme(name="Bench", municipalities=places)
    unit = Organisation(
        programme=programme, name="AME", kind=OrganisationKind.LABOUR_MARKET_UNIT, municipality=places[0]
    )
    return places, unit


def signed_in(app, user_id: int):
    """A test client with the user signed in (a session record and its cookie)."""
    client = app.test_client()
    sign_in_client(client, user_id)
    return client


def each_size(app, sizes, build, measure) -> Iterator[tuple]:
    """(size, row) for each size and each row of `measure(app, built)`, where `built` is what
    `build(size)` returned (run in an app context): the loop of a table by data size."""
    for size in sizes:
        with app.app_context():
            built = build(size)
        for row in measure(app, built):
            yield size, row


def milliseconds(work: Callable):
    """(what work() returned, how long it took in ms)."""
    start = time.perf_counter()
    result = work()
    return result, (time.perf_counter() - start) * 1000


@dataclass
class Sample:
    """Repeated runs of one request: the most statements one run made, and the times."""

    queries: int = 0
    times: list[float] = field(default_factory=list)
    response: object = None  # the last answer

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def quartiles(self) -> tuple[float, float]:
        """The first and third quartile of the times (the interquartile range)."""
        q1, _median, q3 = statistics.quantiles(self.times, n=4)
        return q1, q3


def repeat(request: Callable, runs: int, engine=None, status: int = 200, before: Callable | None = None) -> Sample:
    """Send `request()` `runs` times, each counted and timed; each answer must have `status`.
    `before()`, if given, runs before each request, neither counted nor timed."""
    sample = Sample()
    for _ in range(runs):
        if before is not None:
            before()
        with counting(engine) as statements:
            sample.response, ms = milliseconds(request)
        assert sample.response.status_code == status, sample.response.status_code
        sample.queries = max(sample.queries, len(statements))
        sample.times.append(ms)
    return sample


def spread(values: list[float]) -> str:
    """The median and the interquartile range, for a line of output."""
    q = statistics.quantiles(values, n=4)
    return f"median {statistics.median(values):6.2f} ms  IQR {q[0]:6.2f}-{q[2]:6.2f} ms"


def grown(counts: dict) -> list:
    """The keys whose query counts differ between sizes ({key: [count, ...]})."""
    return [key for key, values in counts.items() if len(set(values)) > 1]
