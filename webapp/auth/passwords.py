"""Password hashing with argon2, tuned for the project's 2-core machines.

argon2-cffi's defaults take ~0.4 s a verify here; OWASP's minimum (19 MiB, t=2, p=1)
takes ~20 ms, so many people can sign in at once without overloading the server.
Throttling (services.sign_in) stops guessing.
"""

import ctypes

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError

# glibc's mallopt() parameter for the size from which a block gets its own mapping.
M_MMAP_THRESHOLD = -3


def _give_back_large_blocks() -> None:
    """Each hash or verify borrows 19 MiB. Once glibc's malloc has freed one such block it
    raises its threshold for separate mappings to that size, so later ones come from the
    thread's arena and stay resident when freed: every gunicorn thread that ever checked a
    password kept 19 MiB (a worker grew from 92 to 150 MB after three sign-ins). A fixed
    threshold gives each block above 4 MiB its own mapping, returned to the system when
    freed. Process-wide, as it must be; only glibc has this knob (musl and macOS have none)."""
    libc = ctypes.CDLL(None)
    if hasattr(libc, "mallopt"):
        libc.mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024)


_give_back_large_blocks()
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
