"""Roles, data scope, small-cell suppression and the audit log."""
