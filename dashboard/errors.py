"""Errors meant for people: one clear Bahasa sentence, English in parentheses."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix (a file that cannot be read, a missing source).

    The message is shown as is, so it names the file and the problem in
    Bahasa Indonesia with an English gloss in parentheses. The CLI prints it
    without a traceback and exits with ``exit_code``.
    """

    exit_code = 2

    def __init__(self, message: str, *, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
