"""Configuration from the environment: nothing secret lives in the repository."""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

INSTANCE = Path(__file__).resolve().parent.parent / "instance"


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE / 'vagen.db'}")
    # Heroku-style URLs and plain "postgresql://" both mean psycopg 3 here.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = _database_url()
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    BABEL_DEFAULT_LOCALE = "sv"
    BABEL_DEFAULT_TIMEZONE = "Europe/Stockholm"
    BABEL_TRANSLATION_DIRECTORIES = "../translations"
    # A phone left on a form for hours must still be able to save: the CSRF token
    # lives as long as the session instead of Flask-WTF's default hour.
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # Sessions live on the server (auth/devices.py). Staff, and anyone who did not tick
    # "keep me signed in", are signed out after SESSION_IDLE_MINUTES without a request and
    # SESSION_ABSOLUTE_HOURS after signing in. A participant who ticked it on their own phone
    # stays signed in for SESSION_IDLE_DAYS_REMEMBERED idle days, at most
    # SESSION_ABSOLUTE_DAYS_REMEMBERED days in all.
    SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
    SESSION_ABSOLUTE_HOURS = int(os.environ.get("SESSION_ABSOLUTE_HOURS", "12"))
    SESSION_IDLE_DAYS_REMEMBERED = int(os.environ.get("SESSION_IDLE_DAYS_REMEMBERED", "7"))
    SESSION_ABSOLUTE_DAYS_REMEMBERED = int(os.environ.get("SESSION_ABSOLUTE_DAYS_REMEMBERED", "14"))
    # Only a "keep me signed in" cookie outlives the browser, and never its session record.
    PERMANENT_SESSION_LIFETIME = timedelta(days=SESSION_ABSOLUTE_DAYS_REMEMBERED)
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    # Outgoing mail: queued in the outbox, sent by `flask send-mail` over SMTP (MAIL_SERVER).
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "1") == "1"
    MAIL_FROM = os.environ.get("MAIL_FROM", "vagen@localhost")
    MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "8"))
    # A callable taking an email.message.EmailMessage instead of SMTP (tests collect into a list).
    MAIL_SENDER = None
    # Notifications beyond the app (issue 17), sent by `flask send-notifications`.
    NOTIFY_MAX_ATTEMPTS = int(os.environ.get("NOTIFY_MAX_ATTEMPTS", "8"))
    # SMS: SMS_PROVIDER=46elks sends through 46elks' HTTP API; unset, texts go to the log.
    SMS_PROVIDER = os.environ.get("SMS_PROVIDER")
    SMS_API_URL = os.environ.get("SMS_API_URL", "https://api.46elks.com/a1/sms")
    SMS_API_USERNAME = os.environ.get("SMS_API_USERNAME")
    SMS_API_PASSWORD = os.environ.get("SMS_API_PASSWORD")
    SMS_FROM = os.environ.get("SMS_FROM", "Vagen")
    # Web Push (VAPID): without a private key, nobody is offered push.
    VAPID_PUBLIC_KEY = os.environ.get("VAPID_PUBLIC_KEY")
    VAPID_PRIVATE_KEY = os.environ.get("VAPID_PRIVATE_KEY")
    VAPID_SUBJECT = os.environ.get("VAPID_SUBJECT", "mailto:vagen@localhost")
    # Links in mail, QR codes and the calendar feed need the address people reach the app at.
    # Required when serving in production; in development (unset) the request's own host is used.
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL") or None
    # Cookies (session, language) only over HTTPS, and HSTS (security.py), once the public
    # address is https, unless SESSION_COOKIE_SECURE says otherwise.
    SESSION_COOKIE_SECURE = (
        os.environ.get("SESSION_COOKIE_SECURE", "1" if (PUBLIC_BASE_URL or "").startswith("https") else "0") == "1"
    )
    # Documents (CVs, certificates): kept outside the web root, each file under a random name.
    DOCUMENTS_DIR = os.environ.get("DOCUMENTS_DIR", str(INSTANCE / "documents"))
    DOCUMENT_MAX_BYTES = int(os.environ.get("DOCUMENT_MAX_MB", "10")) * 1024 * 1024
    INVITATION_DAYS = 7
    PASSWORD_RESET_HOURS = 2
    # Behind a reverse proxy, how many proxies' X-Forwarded-For/-Proto/-Host to trust, so that
    # per-address limits see the phone's address and links say https (0: no proxy).
    TRUSTED_PROXY_HOPS = int(os.environ.get("TRUSTED_PROXY_HOPS", "0"))
    # Throttling (auth/throttle.py): (tries, minutes). Sign-in counts per account from one
    # address, per account from anywhere and per address; a right password gives its try back.
    SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS = (5, 15)
    SIGN_IN_LIMIT_PER_ACCOUNT = (50, 60)
    SIGN_IN_LIMIT_PER_ADDRESS = (100, 15)
    CODE_LIMIT_PER_ACCOUNT = (5, 15)
    PASSWORD_FORGOT_LIMIT_PER_ADDRESS = (10, 60)
    PASSWORD_FORGOT_LIMIT_PER_EMAIL = (3, 60)
    LINK_LIMIT_PER_ADDRESS = (20, 15)
    LINK_LIMIT_PER_ACCOUNT = (10, 15)
    MAIL_FORM_LIMIT_PER_USER = (30, 60)
    MAIL_FORM_LIMIT_PER_ADDRESS = (60, 60)
    # Every answer to "forgot my password" takes this long, known address or not.
    PASSWORD_RESET_ANSWER_SECONDS = float(os.environ.get("PASSWORD_RESET_ANSWER_SECONDS", "0.4"))


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-only-not-secret"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = False
    MAIL_SERVER = None
    PUBLIC_BASE_URL = "http://localhost"
    PASSWORD_RESET_ANSWER_SECONDS = 0.0
    DOCUMENTS_DIR = tempfile.mkdtemp(prefix="vagen-test-documents-")
