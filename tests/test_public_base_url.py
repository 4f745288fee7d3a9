"""PUBLIC_BASE_URL: a production server without it refuses to start (its invitation links,
QR codes and calendar feeds would point nowhere); in development the request's host is used."""

import pytest

from webapp import create_app
from webapp.auth.services import absolute_url
from webapp.config import Config, TestConfig


class Production(Config):
    SECRET_KEY = "x"
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    PUBLIC_BASE_URL = None


class Development(TestConfig):
    TESTING = False
    DEBUG = True
    PUBLIC_BASE_URL = None


def test_production_without_a_public_address_does_not_start(monkeypatch):
    monkeypatch.delenv("FLASK_RUN_FROM_CLI", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    with pytest.raises(RuntimeError, match="PUBLIC_BASE_URL"):
        create_app(Production)


def test_maintenance_commands_run_without_it(monkeypatch):
    monkeypatch.setenv("FLASK_RUN_FROM_CLI", "true")
    monkeypatch.setattr("sys.argv", ["flask", "db", "upgrade"])
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    assert create_app(Production).config["PUBLIC_BASE_URL"] is None


def test_development_links_use_the_host_the_request_came_to(monkeypatch):
    monkeypatch.delenv("FLASK_RUN_FROM_CLI", raising=False)
    app = create_app(Development)
    with app.test_request_context("/", base_url="http://192.168.1.20:5000"):
        assert absolute_url("auth.sign_in") == "http://192.168.1.20:5000" + "/sign-in"


def test_a_configured_address_wins(app):
    with app.test_request_context("/", base_url="http://internal:8000"):
        assert absolute_url("auth.sign_in").startswith("http://localhost/")
