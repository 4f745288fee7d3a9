"""Signing in, one-time links and password changes. No request or rendering here."""

import hashlib
import secrets
import time
from datetime import timedelta

from flask import current_app, has_request_context, request, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..database import guarded_update
from ..extensions import db
from ..outbox.services import mail_user
from ..timeutil import utcnow
from . import devices, throttle
from .models import AccessToken, TokenPurpose
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
    """Check the password, unless this account or this address has tried too often lately.

    Three counters: this account from this address (5 in 15 minutes), this account from
    anywhere (50 an hour) and this address for any account (100 in 15 minutes). A stranger
    who guesses a participant's password from their own phone or network uses up only the
    first counter, which the participant's own phone does not share: the participant can
    still sign in. Shutting an account out for everyone takes over ten addresses within
    the hour, and lasts only until the hour ends; 50 guesses an hour get nowhere against
    an 8-character password. A right password gives its tries back.
    """
    name = normalise_sign_in_name(sign_in_name)
    counters = (
        ("sign-in-pair", (name, address), throttle.limit("SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS")),
        ("sign-in-account", (name,), throttle.limit("SIGN_IN_LIMIT_PER_ACCOUNT")),
        ("sign-in-address", (address,), throttle.limit("SIGN_IN_LIMIT_PER_ADDRESS")),
    )
    for scope, parts, limit in counters:
        try:
            throttle.hit(scope, parts, limit)
        except throttle.Throttled as refusal:
            raise SignInRefused(throttled=True, minutes=refusal.minutes) from None

    user = db.session.scalar(select(User).where(User.sign_in_name == name))
    ok = verify_password(user.password_hash if user else None, password) and user.is_active
    if not ok:
        raise SignInRefused()
    for scope, parts, limit in counters:
        throttle.give_back(scope, parts, limit)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def password_is_right(user: User, password: str) -> bool:
    """The signed-in person's password, asked again before a change that matters.
    Raises throttle.Throttled after too many tries."""
    throttle.hit("password-again", (str(user.id),), throttle.limit("CODE_LIMIT_PER_ACCOUNT"))
    return verify_password(user.password_hash, password)


def change_password(user: User, current: str, new_password: str) -> bool:
    """A new password, if the current one is right; every session is ended and this one reopened.
    Raises throttle.Throttled after too many tries."""
    if not password_is_right(user, current):
        return False
    user.password_hash = hash_password(new_password)
    remember = bool(devices.current_session() and devices.current_session().remember)
    devices.end_all_sessions(user)
    devices.open_session(user, remember=remember)
    return True


def disable_account(user: User) -> None:
    """The person can no longer sign in, and is signed out everywhere now."""
    user.active = False
    devices.end_all_sessions(user)


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
    db.session.add(
        AccessToken(
            user_id=user.id,
            purpose=purpose,
            token_hash=_digest(raw),
            created_at=now,
            expires_at=now + lifetime,
            created_by_id=created_by.id if created_by else None,
        )
    )
    db.session.flush()
    return raw


def issue_invitation(user: User, created_by: User | None = None) -> str:
    return issue_token(user, TokenPurpose.INVITATION, timedelta(days=current_app.config["INVITATION_DAYS"]), created_by)


def usable_token(raw: str, purpose: TokenPurpose) -> AccessToken:
    token = db.session.scalar(
        select(AccessToken)
        # The person, and their memberships for the invitation's privacy notice (its programme):
        # loaded here, so the page's template asks nothing.
        .options(joinedload(AccessToken.user).selectinload(User.memberships))
        .where(AccessToken.token_hash == _digest(raw), AccessToken.purpose == purpose)
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
    if not guarded_update(AccessToken, AccessToken.id == token.id, AccessToken.used_at.is_(None), used_at=utcnow()):
        raise TokenUnusable("used")
    token.user.password_hash = hash_password(new_password)
    db.session.flush()
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
    """Queue a reset link if the address belongs to an active user; say nothing either way.
    The mail is only queued (`flask send-mail` sends it), and known or not, the answer takes
    PASSWORD_RESET_ANSWER_SECONDS: its speed does not tell whether the address is in Vägen."""
    deadline = time.monotonic() + current_app.config["PASSWORD_RESET_ANSWER_SECONDS"]
    try:
        user = db.session.scalar(select(User).where(User.email == email.strip().casefold()))
        if user is None or not user.is_active:
            return
        lifetime = timedelta(hours=current_app.config["PASSWORD_RESET_HOURS"])
        raw = issue_token(user, TokenPurpose.PASSWORD_RESET, lifetime)
        mail_user(
            user,
            "password_reset",
            _l("Choose a new password for Vägen"),
            secret_link=absolute_url("auth.reset_password", token=raw),
            hours=current_app.config["PASSWORD_RESET_HOURS"],
        )
        db.session.flush()
    finally:
        time.sleep(max(0.0, deadline - time.monotonic()))


def send_staff_invitation(user: User, created_by: User) -> None:
    """Staff have an email: their invitation to choose a password goes by mail."""
    raw = issue_invitation(user, created_by)
    mail_user(
        user,
        "invitation",
        _l("You are invited to Vägen"),
        secret_link=absolute_url("auth.accept_invitation", token=raw),
        days=current_app.config["INVITATION_DAYS"],
        inviter=created_by,
    )
    db.session.flush()
