"""Vägen: the application factory. It reads like a table of contents."""
from pathlib import Path

from flask import Flask

from .config import Config


def create_app(config: type | None = None) -> Flask:
    app = Flask(__name__, template_folder="../templates", static_folder="../static")
    load_config(app, config or Config)
    init_extensions(app)
    init_i18n(app)
    register_blueprints(app)
    register_errors(app)
    register_cli(app)
    return app


def load_config(app: Flask, config: type) -> None:
    app.config.from_object(config)
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("Set SECRET_KEY in the environment (see README.md).")
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)


def init_extensions(app: Flask) -> None:
    from . import models  # noqa: F401  (every table known to db.metadata)
    from .access import init_access
    from .auth.session import init_login
    from .database import init_database
    from .extensions import csrf, db, htmx, migrate
    from .security import init_security_headers
    from .static_files import init_static_files
    from .transaction import init_transactions

    db.init_app(app)
    migrate.init_app(app, db, render_as_batch=True)
    csrf.init_app(app)
    htmx.init_app(app)
    init_login(app)
    init_access(app)
    init_security_headers(app)
    init_static_files(app)
    init_database(app)
    init_transactions(app)


def init_i18n(app: Flask) -> None:
    from .i18n import init_i18n as setup

    setup(app)


def register_blueprints(app: Flask) -> None:
    from .accounts.routes import bp as accounts
    from .attendance import reminders as attendance_reminders  # noqa: F401  (registers its reminder)
    from .attendance.routes import bp as attendance
    from .auth.routes import bp as auth
    from .catalogue.routes import bp as catalogue
    from .enrolment.routes import bp as enrolment
    from .feedback.routes import bp as feedback
    from .home.routes import bp as home
    from .outbox.routes import bp as outbox
    from .participants.routes import bp as participants
    from .placements import services as placement_days  # noqa: F401  (registers its "this week" source)
    from .placements.routes import bp as placements
    from .plans.routes import bp as plans
    from .ratings.routes import bp as ratings

    for blueprint in (home, auth, accounts, participants, enrolment, outbox, plans, ratings, catalogue, placements,
                      feedback, attendance):
        app.register_blueprint(blueprint)


def register_errors(app: Flask) -> None:
    from .errors import register_errors as setup

    setup(app)


def register_cli(app: Flask) -> None:
    from .demo.scale import seed_scale_command
    from .demo.seed import seed_demo_command
    from .reminders import send_reminders_command
    from .translate import translate_command

    app.cli.add_command(translate_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(seed_scale_command)
    app.cli.add_command(send_reminders_command)
