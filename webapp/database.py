"""Database settings that differ by engine."""
from flask import Flask
from sqlalchemy import event

from .extensions import db


def init_database(app: Flask) -> None:
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "connect")
    def sqlite_pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        # Foreign keys are off by default in SQLite; WAL lets readers and a writer overlap.
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()
