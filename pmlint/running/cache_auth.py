"""Sign what the cache stores with a key only this user has, so a committed cache is ignored.

A repository can commit a ``.pmlint_cache/`` whose results say its files are
clean, and a pull request can change one (empty a file's rows). Its keys are
computable by anyone, so they prove nothing. Every cache file and journal line
therefore carries an HMAC-SHA256 made with a random key kept in the user's own
cache folder (``platformdirs.user_cache_dir("pmlint")/cache.key``, or the file
``PMLINT_CACHE_KEY`` names), outside any repository. What does not carry a valid
signature was not written by pmlint for this user on this machine, and is
treated as absent: recomputed and rewritten.

The key is 32 random bytes, created once with exclusive creation and mode 0600.
One that is a link, not a regular file, owned by someone else or readable by
others is not used: the run goes on without a cache.
"""

from __future__ import annotations

import hmac
import os
import secrets
import stat
from functools import cache
from pathlib import Path

from pmlint.debuglog import log

KEY_FILE = "cache.key"
KEY_BYTES = 32
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
#: Length of a signature in hex, as stored before each file and journal line.
SIGNATURE_LENGTH = 64


def key_path() -> Path:
    named = os.environ.get("PMLINT_CACHE_KEY")
    if named:
        return Path(named)
    import platformdirs  # only a run that uses the cache needs it

    return Path(platformdirs.user_cache_dir("pmlint", appauthor=False)) / KEY_FILE


@cache
def user_key() -> bytes | None:
    """This user's key, made on first use; None when it cannot be made or trusted."""
    path = key_path()
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    except OSError as error:
        log.debug("cache disabled: key %s not usable: %s", path, error)
        return None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
        with open(descriptor, "wb") as handle:
            handle.write(secrets.token_bytes(KEY_BYTES))
        return _read(path)
    except OSError as error:  # e.g. made by another run at the same instant: next run uses it
        log.debug("cache disabled: key %s not made: %s", path, error)
        return None


def _read(path: Path) -> bytes:
    descriptor = os.open(path, os.O_RDONLY | _NOFOLLOW)
    with open(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"{path} is not a regular file")
        if os.name == "posix" and (info.st_uid != os.getuid() or info.st_mode & 0o077):
            raise OSError(f"{path} must belong to this user with mode 0600")
        key = handle.read(KEY_BYTES + 1)
    if len(key) != KEY_BYTES:
        raise OSError(f"{path} does not hold a {KEY_BYTES}-byte key")
    return key


def sign(key: bytes, name: str, data: bytes) -> str:
    """The signature of ``data`` stored as the cache file or journal ``name``."""
    return hmac.digest(key, name.encode() + b"\0" + data, "sha256").hex()


def verify(key: bytes, name: str, signature: bytes, data: bytes) -> bool:
    return hmac.compare_digest(sign(key, name, data).encode(), signature)
