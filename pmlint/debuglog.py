"""pmlint's debug messages (shown under ``--debug``), sent without importing ``logging``.

Importing ``logging`` costs about 3 ms, a commit hook's run included. A message can only
be shown once something has set logging up (``--debug``, or a program embedding pmlint),
and that has imported it; until then the message would be dropped, so it is not built.
"""

from __future__ import annotations

import sys


class _Log:
    """``log.debug(...)`` as a ``logging.getLogger("pmlint")`` would take it."""

    def debug(self, message: str, *args: object, exc_info: bool = False) -> None:
        logging = sys.modules.get("logging")
        if logging is not None:
            logger = logging.getLogger("pmlint")
            logger.debug(message, *args, exc_info=exc_info, stacklevel=2)


log = _Log()
