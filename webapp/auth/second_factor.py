"""A second factor for staff: an authenticator app (TOTP, RFC 6238) and one-time recovery codes.

Coaches and admins may enrol; a programme may require it of its coaches and admins, who are
then sent to enrol after signing in. Participants are never asked: many share phones and
have no authenticator, and their data is what staff see, not what they hold.
"""

import hashlib
import secrets

import pyotp
from sqlalchemy import delete, select

from ..accounts.models import Role, User
from ..database import guarded_update
from ..extensions import db
from ..timeutil import utcnow
from . import throttle
from .models import RecoveryCode, SecondFactor

ISSUER = "Vägen"
MAY_ENROL = (Role.COACH, Role.ORGANISATION_ADMIN, Role.PROGRAMME_ADMIN)
RECOVERY_CODES = 10
STEP_SECONDS = 30


def may_enrol(user: User) -> bool:
    return user.has_any_role(*MAY_ENROL)


def enrolled(user: User) -> SecondFactor | None:
    factor = db.session.get(SecondFactor, user.id)
    return factor if factor is not None and factor.confirmed_at is not None else None


def required_for(user: User) -> bool:
    """A programme the person is a coach or admin in asks for a second factor."""
    return any(m.organisation.programme.require_second_factor for m in user.memberships if m.role in MAY_ENROL)


def pending_secret(user: User) -> str:
    """The secret being enrolled: the same one on every reload of the page until confirmed."""
    factor = db.session.get(SecondFactor, user.id)
    if factor is None:
        factor = SecondFactor(user_id=user.id, secret=pyotp.random_base32(), created_at=utcnow())
        db.session.add(factor)
        db.session.flush()
    return factor.secret


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.sign_in_name, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The QR code as inline SVG (no image request, nothing the content policy refuses)."""
    import segno  # only setting up a second factor needs it

    return segno.make(uri, error="m").svg_inline(
        scale=5, border=2, dark="#000", light="#fff", title=None, omitsize=True
    )


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def _normalised(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _matching_step(factor: SecondFactor, code: str) -> int | None:
    """The time step the code belongs to (this one or a neighbour, for clocks a little off)."""
    code = _normalised(code)
    if not (code.isdigit() and len(code) == 6):
        return None
    totp, now = pyotp.TOTP(factor.secret), utcnow()
    current = totp.timecode(now)
    for step in (current - 1, current, current + 1):
        if secrets.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def confirm(user: User, code: str) -> list[str] | None:
    """Turn the pending secret on if the code fits; return new recovery codes to show once."""
    factor = db.session.get(SecondFactor, user.id)
    if factor is None:
        return None
    throttle.hit("second-factor", (str(user.id),), throttle.limit("CODE_LIMIT_PER_ACCOUNT"))
    step = _matching_step(factor, code)
    if step is None:
        return None
    factor.confirmed_at, factor.last_step = utcnow(), step
    return new_recovery_codes(user)


def new_recovery_codes(user: User) -> list[str]:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [f"{secrets.token_hex(4)}-{secrets.token_hex(4)}" for _ in range(RECOVERY_CODES)]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_digest(_normalised(code))) for code in codes)
    db.session.flush()
    return codes


def check(user: User, code: str) -> bool:
    """A code from the app (each used once) or an unused recovery code. Raises throttle.Throttled."""
    throttle.hit("second-factor", (str(user.id),), throttle.limit("CODE_LIMIT_PER_ACCOUNT"))
    factor = enrolled(user)
    if factor is None:
        return False
    step = _matching_step(factor, code)
    if step is not None:
        # Guarded: two requests with the same code cannot both pass.
        return guarded_update(
            SecondFactor, SecondFactor.user_id == user.id, SecondFactor.last_step < step, last_step=step
        )
    return guarded_update(
        RecoveryCode,
        RecoveryCode.user_id == user.id,
        RecoveryCode.code_hash == _digest(_normalised(code)),
        RecoveryCode.used_at.is_(None),
        used_at=utcnow(),
    )


def recovery_codes_left(user: User) -> int:
    return len(
        db.session.scalars(
            select(RecoveryCode.id).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
        ).all()
    )


def disable(user: User) -> None:
    db.session.execute(delete(SecondFactor).where(SecondFactor.user_id == user.id))
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.flush()
