"""Immutable dataset versions: one folder per import, an ``ACTIVE`` pointer, rollback."""
