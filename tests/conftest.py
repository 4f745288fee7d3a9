"""Fixtures: one app per session, a clean database per test, and people to sign in as."""

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from flask import before_render_template, template_rendered
from flask.testing import FlaskClient
from sqlalchemy import create_engine, event, make_url, text

from webapp import create_app
from webapp.config import TestConfig
from webapp.extensions import db

ROOT = Path(__file__).resolve().parent.parent
# The suite's "now": a Monday in week 48 with no public holiday near. Tests and the demo
# data speak of dates (running placements, due feedback, weeks to confirm); the clock
# starts here and ticks on, so the suite gives the same answers on any day it is run.
SUITE_NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture(scope="session", autouse=True)
def suite_clock():
    """Every test runs as if it were SUITE_NOW (the clock ticks on from there)."""
    with time_machine.travel(SUITE_NOW, tick=True):
        yield


def compile_catalogues() -> None:
    """The .mo files are built, not committed: build them when a .po is newer."""
    for po in (ROOT / "translations").glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            subprocess.run(
                [sys.executable, "-m", "babel.messages.frontend", "compile", "-d", str(ROOT / "translations")],
                check=True,
                capture_output=True,
            )
            return


class FreshContextClient(FlaskClient):
    """Each request in its own app context, as in production: the test's own context
    (and its `g`, where Flask-Login and Flask-Babel cache the user and the locale)
    must not leak into the request."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


def worker_database(url: str, worker: str):
    """Under pytest-xdist each worker gets its own PostgreSQL database, made afresh beside
    the one TEST_DATABASE_URL names (SQLite in memory is already one per process)."""
    if not url.startswith("postgresql") or worker == "master":
        return url, None
    base = make_url(url)
    name = f"{base.database}_{worker}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    return base.set(database=name).render_as_string(hide_password=False), admin


@pytest.fixture(scope="session")
def app(worker_id):
    """The app on the test database (SQLite in memory, or TEST_DATABASE_URL, one per worker)."""
    compile_catalogues()
    url, admin = worker_database(TestConfig.SQLALCHEMY_DATABASE_URI, worker_id)

    class WorkerConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = url

    app = create_app(WorkerConfig)
    app.test_client_class = FreshContextClient
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
    if admin is not None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(autouse=True)
def clean_database(app):
    """Each test starts from empty tables, its own app context, and no page kept from another
    test (webapp/same_page.py)."""
    app.extensions.pop("same_page", None)
    with app.app_context():
        yield
        db.session.remove()
        empty_database()


def empty_database() -> None:
    """Every table emptied (what was not committed is dropped first)."""
    db.session.rollback()
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
        with db.engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def sign_in(client):
    """sign_in(user): make the test client's session belong to that user (a real session record)."""

    def _sign_in(user):
        sign_in_client(client, user)
        return client

    return _sign_in


def sign_in_client(client, user, remember: bool = False) -> str:
    """Open a session record for the user (or user id) and put its secret in the client's
    session cookie. The benchmarks in bench/ sign in with it too."""
    from webapp.accounts.models import User
    from webapp.auth.devices import SESSION_KEY, open_session

    with client.application.app_context():
        person = db.session.get(User, user) if isinstance(user, int) else db.session.merge(user)
        raw = open_session(person, remember=remember)
        db.session.commit()
    with client.session_transaction() as session:
        session[SESSION_KEY] = raw
        session.permanent = remember
    return raw


@contextmanager
def counting(engine=None) -> Iterator[list[str]]:
    """The SQL statements run inside the block, in order (the tests' and benchmarks' one way
    of counting queries)."""
    if engine is None:
        engine = db.engine
    statements: list[str] = []

    def count(_connection, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


class RenderingWatch:
    """The SQL statements sent to the database while a template renders (its context processors
    and globals included), each named after the template: templates query nothing (issue 11).
    A relationship loaded on first use while rendering counts too, even when the object it names
    was in the session already and no SQL went out this time: with other data it would."""

    def __init__(self):
        self.found: list[str] = []
        # The templates being rendered, innermost last: a page may render a partial inside it
        # (render_template from a global), and the page is not done when the partial is.
        self.rendering: list[str] = []

    def take(self) -> list[str]:
        """What was found since the last take; a new request starts outside any template (one
        that failed half-way through rendering never said it was done)."""
        found = list(self.found)
        self.found.clear()
        self.rendering.clear()
        return found


def _lazy_loaders():
    """(name, attribute, loader) of every relationship loaded on first use (lazy="select"). The
    loader is the attribute's own (SQLAlchemy's AttributeImpl.callable_), as no event tells of it."""
    for mapper in db.Model.registry.mappers:
        for relationship in mapper.relationships:
            impl = mapper.class_manager[relationship.key].impl
            if impl.callable_ is not None:
                yield f"{mapper.class_.__name__}.{relationship.key}", impl, impl.callable_


@contextmanager
def watching_rendering(app) -> Iterator[RenderingWatch]:
    """Watch every template the app renders inside the block (see RenderingWatch)."""
    watch = RenderingWatch()
    update_context = app.update_template_context
    patched_before = "update_template_context" in vars(app)

    def with_processors(context):
        watch.rendering.append("context processors")  # they run before the template: they count too
        update_context(context)

    def starting(_app, template, **_kwargs):
        watch.rendering[-1] = template.name or "a template from a string"

    def done(*_args, **_kwargs):
        watch.rendering.pop()

    def on_execute(_connection, _cursor, statement, *_args):
        if watch.rendering:
            watch.found.append(f"{watch.rendering[-1]}: {' '.join(statement.split())[:300]}")

    def watched(name, load):
        def lazy_load(state, passive, *args, **kwargs):
            if watch.rendering and state.key is not None:
                watch.found.append(f"{watch.rendering[-1]}: {name} loaded on first use")
            return load(state, passive, *args, **kwargs)

        return lazy_load

    loaders = list(_lazy_loaders())
    app.update_template_context = with_processors
    event.listen(db.engine, "before_cursor_execute", on_execute)
    for name, impl, load in loaders:
        impl.callable_ = watched(name, load)
    try:
        with before_render_template.connected_to(starting, app), template_rendered.connected_to(done, app):
            yield watch
    finally:
        event.remove(db.engine, "before_cursor_execute", on_execute)
        for _name, impl, load in loaders:
            impl.callable_ = load
        if patched_before:
            app.update_template_context = update_context
        else:
            del app.update_template_context


HX = {"HX-Request": "true"}


def pytest_report_header(config):
    return f"database: {os.environ.get('TEST_DATABASE_URL', 'sqlite:// (in memory)')}"


@pytest.fixture
def shared_app(app, tmp_path):
    """An app on a database of the suite's engine that threads can really share (a SQLite
    file, or a fresh PostgreSQL schema): the in-memory SQLite of the suite is one connection."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    schema = None
    if url.startswith("postgresql"):
        schema = f"race_{uuid.uuid4().hex[:12]}"
        admin = create_engine(url)
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
        shared = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    else:
        shared = f"sqlite:///{tmp_path / 'race.db'}"

    class SharedConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = shared

    racing = create_app(SharedConfig)
    with racing.app_context():
        db.create_all()
    yield racing
    with racing.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
    if schema:
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture
def sent_mail(app, monkeypatch):
    """The mail `flask send-mail` delivers, collected in a list instead of going to SMTP."""
    sent = []
    monkeypatch.setitem(app.config, "MAIL_SENDER", sent.append)
    return sent
