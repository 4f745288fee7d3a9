"""Signing in, one-time links and password changes. No request or rendering here."""
import hashlib
import secrets
from datetime import timedelta

from flask import current_app, has_request_context, request, url_for
from flask_babel import force_locale, gettext as _, ngettext
from sqlalchemy import delete, func, select, update

from ..accounts.models import User
from ..extensions import db
from ..outbox.services import send_mail
from ..timeutil import utcnow
from .models import AccessToken, LoginAttempt, TokenPurpose
from .passwords import hash_password, needs_rehash, verify_password


class SignInRefused(Exception):
    """Wrong name or password, or too many failures: the message says which."""

    def __init__(self, throttled: bool = False, minutes: int = 0):
        super().__init__("throttled" if throttled else "invalid")
        self.throttled = throttled
        self.minutes = minutes


class TokenUnusable(Exception):
    def __init__(self, reason: str):  # "unknown", "expired" or "used"
        super().__init__(reason)
        self.reason = reason


def normalise_sign_in_name(name: str) -> str:
    return name.strip().casefold()


def sign_in(sign_in_name: str, password: str, address: str) -> User:
    """Check the password, unless the name or the address has failed too often lately."""
    config = current_app.config
    name = normalise_sign_in_name(sign_in_name)
    now = utcnow()
    window_start = now - timedelta(minutes=config["LOGIN_WINDOW_MINUTES"])
    if _failures_since(window_start, LoginAttempt.sign_in_name == name) >= config["LOGIN_MAX_FAILURES_PER_NAME"] or \
            _failures_since(window_start, LoginAttempt.address == address) >= config["LOGIN_MAX_FAILURES_PER_ADDRESS"]:
        raise SignInRefused(throttled=True, minutes=config["LOGIN_WINDOW_MINUTES"])

    user = db.session.scalar(select(User).where(User.sign_in_name == name))
    ok = verify_password(user.password_hash if user else None, password) and user.is_active
    db.session.add(LoginAttempt(sign_in_name=name, address=address, succeeded=ok, at=now))
    # Attempts older than a day are no longer needed for throttling.
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.at < now - timedelta(days=1)))
    db.session.commit()
    if not ok:
        raise SignInRefused()
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        db.session.commit()
    return user


def _failures_since(start, condition) -> int:
    return db.session.scalar(
        select(func.count()).select_from(LoginAttempt).where(condition, LoginAttempt.at >= start, ~LoginAttempt.succeeded)
    )


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(user: User, purpose: TokenPurpose, lifetime: timedelta, created_by: User | None = None) -> str:
    """A fresh one-time link secret; earlier unused links of the same kind stop working."""
    now = utcnow()
    db.session.execute(
        update(AccessToken)
        .where(AccessToken.user_id == user.id, AccessToken.purpose == purpose, AccessToken.used_at.is_(None))
        .values(expires_at=now)
    )
    raw = secrets.token_urlsafe(32)
    db.session.add(AccessToken(
        user_id=user.id, purpose=purpose, token_hash=_digest(raw), created_at=now, expires_at=now + lifetime,
        created_by_id=created_by.id if created_by else None,
    ))
    db.session.commit()
    return raw


def issue_invitation(user: User, created_by: User | None = None) -> str:
    return issue_token(user, TokenPurpose.INVITATION, timedelta(days=current_app.config["INVITATION_DAYS"]), created_by)


def usable_token(raw: str, purpose: TokenPurpose) -> AccessToken:
    token = db.session.scalar(
        select(AccessToken).where(AccessToken.token_hash == _digest(raw), AccessToken.purpose == purpose)
    )
    if token is None:
        raise TokenUnusable("unknown")
    if token.used_at is not None:
        raise TokenUnusable("used")
    if token.expires_at <= utcnow():
        raise TokenUnusable("expired")
    return token


def redeem_token(raw: str, purpose: TokenPurpose, new_password: str) -> User:
    """Set the password and spend the link, in one step that cannot happen twice."""
    token = usable_token(raw, purpose)
    # The guarded update makes a double submit (two taps, a retry) spend the link once.
    spent = db.session.execute(
        update(AccessToken).where(AccessToken.id == token.id, AccessToken.used_at.is_(None)).values(used_at=utcnow())
    )
    if spent.rowcount != 1:
        db.session.rollback()
        raise TokenUnusable("used")
    token.user.password_hash = hash_password(new_password)
    db.session.commit()
    return token.user


def latest_invitation(user: User) -> AccessToken | None:
    return db.session.scalar(
        select(AccessToken)
        .where(AccessToken.user_id == user.id, AccessToken.purpose == TokenPurpose.INVITATION)
        .order_by(AccessToken.id.desc())
        .limit(1)
    )


DEVELOPMENT_BASE_URL = "http://127.0.0.1:5000"


def public_base_url() -> str:
    """The configured public address; in development, where it may be unset, the address the
    request came to (or the development server's, outside a request)."""
    configured = current_app.config.get("PUBLIC_BASE_URL")
    if configured:
        return configured.rstrip("/")
    if has_request_context():
        return request.host_url.rstrip("/")
    return DEVELOPMENT_BASE_URL


def absolute_url(endpoint: str, **values) -> str:
    """Links that leave the app (mail, QR codes, the calendar feed) use the public address."""
    return public_base_url() + url_for(endpoint, **values)


def request_password_reset(email: str) -> None:
    """Mail a reset link if the address belongs to an active user; say nothing either way."""
    user = db.session.scalar(select(User).where(User.email == email.strip().casefold()))
    if user is None or not user.is_active:
        return
    raw = issue_token(user, TokenPurpose.PASSWORD_RESET, timedelta(hours=current_app.config["PASSWORD_RESET_HOURS"]))
    link = absolute_url("auth.reset_password", token=raw)
    with force_locale(user.preferred_language or "sv"):
        send_mail(
            user.email,
            _("Choose a new password for Vägen"),
            ngettext("Hello %(name)s,\n\nOpen this link to choose a new password. It works once, for %(num)d hour:\n%(link)s\n\nIf you did not ask for this, you can ignore this message.",
                     "Hello %(name)s,\n\nOpen this link to choose a new password. It works once, for %(num)d hours:\n%(link)s\n\nIf you did not ask for this, you can ignore this message.",
                     current_app.config["PASSWORD_RESET_HOURS"], name=user.called, link=link),
        )
    db.session.commit()


def send_staff_invitation(user: User, created_by: User) -> None:
    """Staff have an email: their invitation to choose a password goes by mail."""
    raw = issue_invitation(user, created_by)
    link = absolute_url("auth.accept_invitation", token=raw)
    with force_locale(user.preferred_language or "sv"):
        send_mail(
            user.email,
            _("You are invited to Vägen"),
            ngettext("Hello %(name)s,\n\n%(inviter)s has given you an account in Vägen. Open this link to choose your password. It works once, for %(num)d day:\n%(link)s",
                     "Hello %(name)s,\n\n%(inviter)s has given you an account in Vägen. Open this link to choose your password. It works once, for %(num)d days:\n%(link)s",
                     current_app.config["INVITATION_DAYS"], name=user.called, inviter=created_by.full_name, link=link),
        )
    db.session.commit()
