"""Keyed pseudonyms for identifiers: HMAC-SHA256 truncated to 16 hex characters.

The key comes from the environment variable ``PRESISI_PSEUDONYM_KEY`` or from
the git-ignored file ``config.secrets_dir()/pseudonym.key``, created on first
use with 32 random bytes (mode 0600). Without the key nobody can turn a
pseudonym back into a NIK by hashing every possible NIK; with it, a data
officer can pseudonymise one known NIK to look it up. The same key must be
used for every run whose outputs are compared or joined.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import secrets
from collections.abc import Callable, Iterable, Iterator

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard import config

log = logging.getLogger(__name__)

ENV_KEY = "PRESISI_PSEUDONYM_KEY"
KEY_FILE = "pseudonym.key"
LENGTH = 16


def key() -> bytes:
    """Return the pseudonymisation key, creating the key file on first use.

    Returns
    -------
    bytes
        The key: the UTF-8 bytes of ``PRESISI_PSEUDONYM_KEY`` when set,
        otherwise the bytes stored (hex) in the key file.
    """
    value = os.environ.get(ENV_KEY)
    if value:
        return value.encode("utf-8")
    folder = config.secrets_dir()
    path = folder / KEY_FILE
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process won the race
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_bytes(32).hex() + "\n")
            log.info("Kunci pseudonim baru dibuat di %s (new pseudonym key created)", path)
    return bytes.fromhex(path.read_text().strip())


def _shorten(digest: bytes) -> str:
    """Return the first 16 hex characters, never all digits.

    About 1 in 1,850 truncated digests are all decimal digits and would look
    like a NIK to a privacy scan; their first character is then replaced by a
    letter (deterministically), so no pseudonym is a 16-digit number.
    """
    text = digest.hex()[:LENGTH]
    return "abcdef"[int(text[0]) % 6] + text[1:] if text.isdigit() else text


def pseudonym(value: str, secret: bytes | None = None) -> str:
    """Return the 16-hex pseudonym of one already-normalised value.

    Parameters
    ----------
    value : str
        Normalised identifier (e.g. the 16 digits of a NIK).
    secret : bytes, optional
        Key; :func:`key` when omitted.

    Returns
    -------
    str
        First 16 hex characters of HMAC-SHA256(key, value) (see :func:`_shorten`).
    """
    return _shorten(
        hmac.digest(secret if secret is not None else key(), value.encode("utf-8"), hashlib.sha256)
    )


def hasher(secret: bytes) -> Callable[[str], str]:
    """Return a fast one-value pseudonym function for ``secret``.

    HMAC-SHA256 is ``H(K ^ opad || H(K ^ ipad || m))``; the two padded key
    blocks are hashed once here and the states copied per value, which is
    about twice as fast as :func:`hmac.digest` per call and gives the same
    digest.

    Parameters
    ----------
    secret : bytes
        Key.

    Returns
    -------
    callable
        ``value -> pseudonym`` (same result as :func:`pseudonym`).
    """
    block = hashlib.sha256().block_size
    padded = (hashlib.sha256(secret).digest() if len(secret) > block else secret).ljust(block, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in padded))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in padded))

    def one(value: str) -> str:
        first = inner.copy()
        first.update(value.encode("utf-8"))
        second = outer.copy()
        second.update(first.digest())
        return _shorten(second.digest())

    return one


def pseudonymise(values: pd.Series, secret: bytes | None = None) -> pd.Series:
    """Pseudonymise a column of normalised identifiers; missing stays missing.

    Each distinct value is hashed once (``pd.factorize``), then mapped back,
    so the cost follows the number of distinct identifiers, not of rows.

    Parameters
    ----------
    values : Series
        Normalised identifiers as strings; ``NA`` or empty means missing.
    secret : bytes, optional
        Key; :func:`key` when omitted.

    Returns
    -------
    Series
        ``str`` pseudonyms with the same index, ``NA`` where missing.
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    hashed = pa.array(pseudonymise_unique(uniques, secret)[:-1], type=pa.large_string())
    picked = hashed.take(pa.array(codes, mask=codes < 0)) if len(codes) else hashed.slice(0, 0)
    return pd.Series(picked, index=values.index, dtype="str")


def pseudonymise_unique(
    uniques: Iterable[object], secret: bytes | None = None, workers: int = 1
) -> np.ndarray:
    """Pseudonymise distinct values, one HMAC each.

    Parameters
    ----------
    uniques : iterable
        Normalised identifiers; ``None``/``NA``/empty means missing.
    secret : bytes, optional
        Key; :func:`key` when omitted.
    workers : int
        Processes to share the work with (a forked helper hashes part of a
        long list while this process hashes the rest; 1 = no helper).

    Returns
    -------
    ndarray
        ``object`` array of pseudonyms (``None`` where missing) with one
        extra trailing ``None``, so that ``take(codes)`` maps the ``-1``
        sentinel of :func:`pandas.factorize` to missing.
    """
    secret = secret if secret is not None else key()
    values = list(uniques)
    if workers > 1 and len(values) >= PARALLEL_MIN:
        hashed = _hash_parallel(values, secret, workers)
    else:
        hashed = _hash_list(values, secret)
    return np.array([*hashed, None], dtype=object)


#: Shortest list worth a helper process.
PARALLEL_MIN = 200_000


def _hash_list(values: list, secret: bytes) -> list[str | None]:
    one = hasher(secret)
    return [one(u) if isinstance(u, str) and u else None for u in values]


_POOL: list = []


@contextlib.contextmanager
def helpers(workers: int = 2) -> Iterator[None]:
    """Keep ``workers - 1`` helper processes for long hash lists while the block runs.

    Start it early, while the process is small: the helpers are forked and
    would otherwise look as big as the parent. Without it, everything is
    hashed in this process.

    Parameters
    ----------
    workers : int
        Processes sharing the hashing, this one included.
    """
    import multiprocessing

    if workers <= 1 or _POOL:
        yield
        return
    pool = multiprocessing.get_context("fork").Pool(workers - 1)
    _POOL.append(pool)
    try:
        yield
    finally:
        _POOL.clear()
        pool.terminate()
        pool.join()


def _hash_parallel(values: list, secret: bytes, workers: int) -> list[str | None]:
    """Hash ``values`` with the helper processes of :func:`helpers` plus this one."""
    if not _POOL:
        return _hash_list(values, secret)
    pool = _POOL[0]
    share = -(-len(values) // workers)
    pieces = [values[i : i + share] for i in range(0, len(values), share)]
    pending = [pool.apply_async(_hash_list, (piece, secret)) for piece in pieces[1:]]
    head = _hash_list(pieces[0], secret)
    rest = [p.get() for p in pending]
    return [*head, *(h for part in rest for h in part)]
