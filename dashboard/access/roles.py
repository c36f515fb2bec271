"""Roles and who has them, from ``dashboard/settings/roles.toml``.

Roles: ``admin`` (everything, uploads, no suppression), ``provinsi`` (all
regions, small cells hidden), ``kabupaten`` (own kabupaten in detail, other
regions only inside the province total, small cells hidden), ``presenter``
(overview pages and presenter mode, small cells hidden). Users are matched
by e-mail (case-insensitive); a ``[domains."x"]`` entry gives a role to every
address of a domain unless the address has its own entry.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from dashboard import settings
from dashboard.errors import UserError

ROLES = ("admin", "provinsi", "kabupaten", "presenter")
KAB_CODE = re.compile(r"^18\.\d{2}$")

#: Page keys each role sees (``None`` = every page).
PAGES: dict[str, frozenset[str] | None] = {
    "admin": None,
    "provinsi": frozenset(
        {
            "summary",
            "map",
            "presenter",
            "profile",
            "compare",
            "timeliness",
            "targeting",
            "disparity",
            "simulation",
            "quality",
            "methodology",
            "region_map",
        }
    ),
    "kabupaten": frozenset(
        {
            "summary",
            "map",
            "profile",
            "compare",
            "timeliness",
            "targeting",
            "disparity",
            "quality",
            "methodology",
            "region_map",
        }
    ),
    "presenter": frozenset({"summary", "map", "presenter", "profile"}),
}


@dataclass(frozen=True)
class User:
    """A signed-in (or local) user.

    Attributes
    ----------
    email : str
        Login e-mail, or ``lokal`` in local mode.
    role : str
        One of :data:`ROLES`.
    kabupaten : str or None
        Kabupaten code for the ``kabupaten`` role.
    local : bool
        Local mode without login.
    """

    email: str
    role: str
    kabupaten: str | None = None
    local: bool = False

    @property
    def is_admin(self) -> bool:
        """Whether the user may upload and sees unsuppressed data."""
        return self.role == "admin"


def _user(email: str, entry: dict, local: bool = False) -> User:
    role = str(entry.get("role", "")).strip().lower()
    if role not in ROLES:
        raise UserError(
            f"Peran {role!r} untuk {email} tidak dikenal; pilih {', '.join(ROLES)} (unknown role)"
        )
    kab = entry.get("kabupaten")
    if role == "kabupaten" and not (isinstance(kab, str) and KAB_CODE.match(kab)):
        raise UserError(
            f'Pengguna {email}: peran kabupaten butuh kode kabupaten seperti "18.01" (kabupaten code missing)'
        )
    return User(email, role, kab if role == "kabupaten" else None, local)


def lookup(email: str | None, table: dict | None = None) -> User | None:
    """Return the user for an e-mail from the roles file, ``None`` when unknown.

    Parameters
    ----------
    email : str or None
        Login e-mail.
    table : dict, optional
        Parsed roles file (default: read :func:`dashboard.settings.roles_file`).

    Returns
    -------
    User or None
        The user, or ``None`` when neither the address nor its domain is listed.
    """
    if not email:
        return None
    table = table if table is not None else settings.read_toml(settings.roles_file())
    key = email.strip().lower()
    users = {str(k).lower(): v for k, v in table.get("users", {}).items()}
    if key in users:
        return _user(key, users[key])
    domains = {str(k).lower(): v for k, v in table.get("domains", {}).items()}
    domain = key.rsplit("@", 1)[-1]
    if "@" in key and domain in domains:
        return _user(key, domains[domain])
    return None


def local_mode() -> bool:
    """Return whether local mode without login is switched on (``PRESISI_LOCAL_MODE=1``)."""
    return os.environ.get("PRESISI_LOCAL_MODE", "").strip().lower() in ("1", "true", "ya", "yes")


def local_user() -> User:
    """Return the local-mode user: role ``PRESISI_LOCAL_ROLE`` (default admin), kabupaten ``PRESISI_LOCAL_KABUPATEN``."""
    role = os.environ.get("PRESISI_LOCAL_ROLE", "admin").strip().lower() or "admin"
    entry = {"role": role, "kabupaten": os.environ.get("PRESISI_LOCAL_KABUPATEN", "18.01")}
    return _user("lokal", entry, local=True)


def allowed_pages(user: User) -> frozenset[str] | None:
    """Return the page keys the user sees (``None`` = all); the upload page is admin-only."""
    return PAGES[user.role]
