"""Keyed pseudonyms for identifiers: HMAC-SHA256 truncated to 16 hex characters.

The key comes from the environment variable ``PRESISI_PSEUDONYM_KEY`` or from
the git-ignored file ``config.secrets_dir()/pseudonym.key``, created on first
use with 32 random bytes (mode 0600). Without the key nobody can turn a
pseudonym back into a NIK by hashing every possible NIK; with it, a data
officer can pseudonymise one known NIK to look it up. The same key must be
used for every run whose outputs are compared or joined.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets

import numpy as np
import pandas as pd

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
    secret = secret if secret is not None else key()
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    hashed = np.array(
        [None if not u else _shorten(hmac.digest(secret, u.encode("utf-8"), hashlib.sha256)) for u in uniques]
        + [None],
        dtype=object,
    )
    return pd.Series(hashed[codes], index=values.index, dtype="str")
