"""Vägen: the application factory. It reads like a table of contents."""

import os
import sys
from pathlib import Path

from flask import Flask

from .config import Config


def create_app(config: type | None = None) -> Flask:
    app = Flask(__name__, template_folder="../templates", static_folder="../static")
    load_config(app, config or Config)
    init_extensions(app)
    init_i18n(app)
    register_blueprints(app)
    register_hooks(app)
    register_errors(app)
    register_cli(app)
    return app


def load_config(app: Flask, config: type) -> None:
    app.config.from_object(config)
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("Set SECRET_KEY in the environment (see README.md).")
    if not app.config.get("PUBLIC_BASE_URL") and not (app.testing or app.debug) and _serving():
        # Links in invitations and calendar feeds would point nowhere: refuse to start.
        raise RuntimeError("Set PUBLIC_BASE_URL in the environment, e.g. https://vagen.example.se (see README.md).")
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if hops := app.config["TRUSTED_PROXY_HOPS"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Only as many X-Forwarded-* entries as there are proxies we run are believed.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def _serving() -> bool:
    """Serving requests (gunicorn, `flask run`), not a maintenance command such as
    `flask db upgrade` or `flask translate compile`."""
    if os.environ.get("FLASK_RUN_FROM_CLI") != "true":
        return True
    return "run" in sys.argv[1:]


def init_extensions(app: Flask) -> None:
    from . import models  # noqa: F401  (every table known to db.metadata)
    from .access import init_access
    from .auth.session import init_login
    from .database import init_database
    from .extensions import csrf, db, htmx
    from .input import init_input
    from .outbox.sms import init_sms
    from .privacy.readlog import init_read_log
    from .security import init_security_headers
    from .static_files import init_static_files
    from .transaction import init_transactions
    from .urls import init_template_urls
    from .widget_attributes import use_fast_html_params

    db.init_app(app)
    init_migrations(app, db)
    csrf.init_app(app)
    htmx.init_app(app)
    init_login(app)
    init_access(app)
    init_input(app)
    init_security_headers(app)
    init_static_files(app)
    init_template_urls(app)
    init_database(app)
    init_transactions(app)
    init_read_log(app)
    init_sms(app)
    use_fast_html_params()


def init_migrations(app: Flask, db) -> None:
    """Alembic (11 MB in memory) only where migrations can run: commands and tests.
    A serving worker never upgrades the schema, so it does not carry it."""
    if _serving() and not app.testing:
        return
    from flask_migrate import Migrate

    Migrate(app, db, render_as_batch=True)


def init_i18n(app: Flask) -> None:
    from .i18n import init_i18n as setup

    setup(app)


def register_blueprints(app: Flask) -> None:
    from .account.routes import bp as account
    from .accounts.routes import bp as accounts
    from .attendance.routes import bp as attendance
    from .auth.routes import bp as auth
    from .catalogue.routes import bp as catalogue
    from .documents.routes import bp as documents
    from .enrolment.routes import bp as enrolment
    from .feedback.routes import bp as feedback
    from .home.routes import bp as home
    from .messages.routes import bp as messages
    from .notifications.routes import bp as notifications
    from .outbox.routes import bp as outbox
    from .participants.routes import bp as participants
    from .placements.routes import bp as placements
    from .plans.routes import bp as plans
    from .privacy.routes import bp as privacy
    from .pwa.routes import bp as pwa
    from .ratings.routes import bp as ratings
    from .results.routes import bp as results
    from .team.routes import bp as team

    for blueprint in (
        home,
        auth,
        account,
        accounts,
        participants,
        enrolment,
        outbox,
        plans,
        ratings,
        catalogue,
        placements,
        feedback,
        attendance,
        results,
        privacy,
        notifications,
        team,
        messages,
        documents,
        pwa,
    ):
        app.register_blueprint(blueprint)


def register_hooks(app: Flask) -> None:
    """Where one feature's work shows up in another's: every hook between features, here and
    nowhere else (no registration by importing a module)."""
    from .attendance.reminders import absences_recorded, unconfirmed_attendance_weeks
    from .catalogue.cache import watch_catalogue_changes
    from .catalogue.services import activity_days
    from .documents.storage import init_storage
    from .feedback.reminding import feedback_due
    from .notifications.channels import queue_deliveries
    from .notifications.header import init_header_count
    from .notifications.services import after_record, connect_events
    from .placements.reminding import unanswered_proposals
    from .placements.services import placement_days
    from .plans.appointments import appointments
    from .plans.reminding import meetings_tomorrow, steps_due_tomorrow
    from .ratings.reminding import ratings_due
    from .reminders import register_reminders
    from .request_memo import watch_kept_lookups
    from .results.esf import esf_follow_ups_due
    from .results.reminding import months_to_certify
    from .week import register_sources

    # A participant's week (home page "this week", the calendar feed).
    register_sources(app, placement_days, activity_days, appointments)
    # What `flask send-reminders` sends, in this order.
    register_reminders(
        app,
        # Supervisors (mail and a notification), as before.
        unconfirmed_attendance_weeks,
        feedback_due,
        esf_follow_ups_due,
        # Participants and coaches: notifications, once each (issue 17).
        meetings_tomorrow,
        steps_due_tomorrow,
        ratings_due,
        months_to_certify,
        unanswered_proposals,
        absences_recorded,
    )
    # Every event (webapp/events.py) tells the people it names: a notification each, in the
    # same transaction; the header shows how many are unread.
    connect_events()
    init_header_count(app)
    # Beyond the app: SMS, Web Push, e-mail, queued with the notification (`flask send-notifications`).
    after_record(app, queue_deliveries)
    # Document files follow the transaction: removed on commit of a deletion, or on rollback of an upload.
    init_storage(app)
    # The open-data answers are kept until the catalogue changes.
    watch_catalogue_changes()
    # A lookup kept for the request (@kept_for_the_request) is forgotten on any write.
    watch_kept_lookups()


def register_errors(app: Flask) -> None:
    from .errors import register_errors as setup

    setup(app)


def register_cli(app: Flask) -> None:
    from .demo.scale import seed_scale_command
    from .demo.seed import seed_demo_command
    from .notifications.delivery import send_notifications_command
    from .outbox.delivery import send_mail_command
    from .privacy.retention import apply_retention_command
    from .reminders import send_reminders_command
    from .translate import translate_command

    app.cli.add_command(translate_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(seed_scale_command)
    app.cli.add_command(send_reminders_command)
    app.cli.add_command(apply_retention_command)
    app.cli.add_command(send_mail_command)
    app.cli.add_command(send_notifications_command)
