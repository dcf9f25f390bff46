"""The one kind of error a user is shown as a line, not a traceback.

Every input pmlint cannot use (configuration, a path, a baseline, an export, a
file to write) raises a subclass, whose message names the file and, where it
can, the line. The command line prints it as one line and exits 2; anything
else that escapes is a bug in pmlint.
"""

from __future__ import annotations


class UserError(Exception):
    """Something the user gave cannot be used; the message says what and where."""
