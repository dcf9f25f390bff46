"""Link targets and autolink texts written as markdown-it-py writes them.

The same steps as markdown-it-py 4.3's ``normalizeLink`` and ``normalizeLinkText``
(MIT licence), copied rather than imported because importing markdown-it-py costs
more than most files take to lint; ``tests/test_body_equivalence.py`` compares them.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from contextlib import suppress

_RECODE_HOSTNAME_FOR = ("http:", "https:", "mailto:")
_DOMAIN_SEPARATORS = re.compile(r"[\x2E\u3002\uFF0E\uFF61]")
_NON_ASCII = re.compile(r"[^\0-\x7E]")


def link_target(url: str) -> str:
    """A link's target as markdown-it-py gives it (``normalizeLink``): percent-encoded."""
    import mdurl  # imported for the first link, not on every start

    parsed = mdurl.parse(url, slashes_denote_host=True)
    if parsed.hostname and (not parsed.protocol or parsed.protocol in _RECODE_HOSTNAME_FOR):
        with suppress(Exception):
            parsed = parsed._replace(hostname=_map_domain(parsed.hostname, _to_ascii))
    if not parsed.hostname or ":" not in parsed.hostname:
        return mdurl.encode(mdurl.format(parsed))
    return mdurl.format(  # encode the parts before format() adds an IPv6 host's brackets
        parsed._replace(
            protocol=parsed.protocol and mdurl.encode(parsed.protocol),
            auth=parsed.auth and mdurl.encode(parsed.auth),
            hostname=mdurl.encode(parsed.hostname),
            pathname=parsed.pathname and mdurl.encode(parsed.pathname),
            search=parsed.search and mdurl.encode(parsed.search),
            hash=parsed.hash and mdurl.encode(parsed.hash),
        )
    )


def link_text(url: str) -> str:
    """An autolink's text as markdown-it-py gives it (``normalizeLinkText``): decoded."""
    import mdurl

    parsed = mdurl.parse(url, slashes_denote_host=True)
    if parsed.hostname and (not parsed.protocol or parsed.protocol in _RECODE_HOSTNAME_FOR):
        with suppress(Exception):
            parsed = parsed._replace(hostname=_map_domain(parsed.hostname, _to_unicode))
    return mdurl.decode(mdurl.format(parsed), mdurl.DECODE_DEFAULT_CHARS + "%")


def _map_domain(domain: str, label: Callable[[str], str]) -> str:
    """Map each label of a host name; of an address, only what follows the first ``@``."""
    parts = domain.split("@")
    user = parts[0] + "@" if len(parts) > 1 else ""
    host = parts[1] if len(parts) > 1 else domain
    return user + ".".join(label(part) for part in _DOMAIN_SEPARATORS.split(host))


def _to_ascii(label: str) -> str:
    return "xn--" + codecs.encode(label, "punycode").decode() if _NON_ASCII.search(label) else label


def _to_unicode(label: str) -> str:
    if label.startswith("xn--"):
        return str(codecs.decode(label[4:].lower().encode("ascii"), "punycode"))
    return label
