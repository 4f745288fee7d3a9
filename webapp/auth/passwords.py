"""Password hashing with argon2, tuned for the project's 2-core machines.

argon2-cffi's defaults take ~0.4 s a verify here; OWASP's minimum (19 MiB, t=2, p=1)
takes ~20 ms, so many people can sign in at once without overloading the server.
Throttling (services.sign_in) stops guessing.
"""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError

HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Verified against when the sign-in name is unknown, so both cases take the same time.
_DUMMY_HASH = HASHER.hash("no such user")


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return HASHER.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return HASHER.check_needs_rehash(password_hash)
