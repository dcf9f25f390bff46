"""HTTP for ``pmlint sync``: at most a few requests in flight, bounded retries, and
credentials that go only where the user (not the repository) allowed them.

A repository's configuration may come from a pull request, so it chooses where
tickets are asked about but never where a token may go: a token is sent over
https (plain http only to a loopback address), and only to its kind's default
API host or to a host named with ``--allow-host`` or ``PMLINT_ALLOW_HOSTS``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import ipaddress
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx

from pmlint import __version__

T = TypeVar("T")
#: The API host a token of each kind is meant for; any other host must be allowed.
DEFAULT_HOSTS = {"github": "api.github.com", "gitlab": "gitlab.com"}
ALLOW_HOSTS_ENV = "PMLINT_ALLOW_HOSTS"
_PHRASES = {
    400: "bad request",
    403: "no access",
    404: "not found",
    410: "gone",
    429: "rate limited",
}


class Failed(Exception):
    """A request that did not give an answer; the message is one line, e.g. 'not found (404)'.

    ``detail`` keeps the start of the error's body, for the clients that read it.
    """

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


class Refused(Failed):
    """The tracker refused the credentials (401)."""


@dataclass(frozen=True)
class Policy:
    """Timeouts, retries and parallelism; tests shorten the waits."""

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    attempts: int = 4  # tries per request, the first included
    backoff: float = 1.0  # the first wait after a failure; doubled each time
    longest_wait: float = 90.0  # a Retry-After or rate-limit reset further away is a failure
    budget: float = 300.0  # seconds all requests of a run may spend waiting
    in_flight: int = 4


class Credentials:
    """Request headers that carry a secret; their repr never shows it."""

    def __init__(self, headers: Mapping[str, str], variable: str) -> None:
        self.headers = dict(headers)
        self.variable = variable

    def __repr__(self) -> str:
        return f"Credentials(from ${self.variable})"


@dataclass(frozen=True)
class AllowList:
    """Hosts (``host`` or ``host:port``) a token may be sent to beside its kind's default."""

    hosts: frozenset[str] = frozenset()

    @classmethod
    def of(cls, given: Iterable[str], environment: str | None) -> AllowList:
        named = [*given, *(environment or "").split(",")]
        return cls(frozenset(host.strip().lower() for host in named if host.strip()))

    def refusal(self, url: str, kind: str) -> str | None:
        """Why a token of ``kind`` may not be sent to ``url``; None when it may."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme != "https" and not (parts.scheme == "http" and is_loopback(host)):
            return f"{url} is not https"
        if host == DEFAULT_HOSTS.get(kind) and parts.port in (None, 443):
            return None
        port = parts.port or (443 if parts.scheme == "https" else 80)
        if host in self.hosts or f"{host}:{port}" in self.hosts or f"[{host}]:{port}" in self.hosts:
            return None
        return f"{host}:{port} is not an allowed host"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Reply:
    data: Any
    headers: httpx.Headers


def pause(seconds: float) -> None:
    """Wait before a retry (a module function, so tests can count the waits)."""
    time.sleep(seconds)


def now() -> float:
    """The wall clock, which Retry-After dates and rate-limit resets are given in."""
    return time.time()


def _nothing() -> None:
    """No progress to show."""


class Session:
    """One run's HTTP client: counts requests, spends one waiting budget, sends in parallel."""

    def __init__(self, policy: Policy | None = None) -> None:
        self.policy = policy or Policy()
        self._lock = threading.Lock()
        self.requests = 0
        self._waited = 0.0
        self.client = httpx.Client(
            timeout=httpx.Timeout(self.policy.read_timeout, connect=self.policy.connect_timeout),
            follow_redirects=False,  # a redirect never carries a token to another host
            limits=httpx.Limits(max_connections=self.policy.in_flight),
            headers={"User-Agent": f"pmlint/{__version__}", "Accept": "application/json"},
        )

    def close(self) -> None:
        self.client.close()

    def run(
        self, jobs: Sequence[Callable[[], T]], done: Callable[[], None] = lambda: None
    ) -> list[T]:
        """Call every job, at most ``in_flight`` at once; results in the jobs' order."""
        results: dict[int, T] = {}
        with ThreadPoolExecutor(max_workers=self.policy.in_flight) as pool:
            futures = {pool.submit(job): index for index, job in enumerate(jobs)}
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                done()
        return [results[index] for index in range(len(jobs))]

    def send(
        self,
        method: str,
        url: str,
        base: str,
        credentials: Credentials | None,
        **options: Any,
    ) -> Reply:
        """Send one request, retrying what may pass, and return its JSON.

        ``url`` must be on the origin of ``base`` (the tracker's API): a
        pagination link pointing elsewhere is refused, with or without a token.
        """
        if _origin(url) != _origin(base):
            raise Failed(f"refused to follow a link to another host ({urlsplit(url).netloc})")
        headers = {**options.pop("headers", {}), **(credentials.headers if credentials else {})}
        reason = "no answer"
        for attempt in range(self.policy.attempts):
            with self._lock:
                self.requests += 1
            try:
                response = self.client.request(method, url, headers=headers, **options)
            except httpx.TimeoutException:
                reason, wait = "timed out", self._backoff(attempt)
            except httpx.TransportError as error:
                reason, wait = f"cannot connect ({type(error).__name__})", self._backoff(attempt)
            else:
                if response.is_success:
                    return Reply(_json(response), response.headers)
                if response.status_code == 401:
                    raise Refused("credentials refused (401)")
                reason = _phrase(response.status_code)
                if not _retryable(response):
                    raise Failed(reason, response.text[:4000])
                hinted = self._hinted(response, attempt)
                if hinted is None:
                    raise Failed(f"{reason}, {self._until(response)}")
                wait = hinted
            if attempt + 1 < self.policy.attempts and not self._spend(wait):
                raise Failed(f"{reason}; gave up after {attempt + 1} tries")
        raise Failed(f"{reason}; gave up after {self.policy.attempts} tries")

    def _backoff(self, attempt: int) -> float:
        return float(self.policy.backoff * 2**attempt)

    def _hinted(self, response: httpx.Response, attempt: int) -> float | None:
        """The wait the tracker asks for, the backoff when it asks none; None if too long."""
        wait = _retry_after(response.headers.get("retry-after"), now())
        reset = response.headers.get("x-ratelimit-reset")
        if wait is None and response.headers.get("x-ratelimit-remaining") == "0" and reset:
            wait = max(0.0, float(reset) - now()) if reset.isdigit() else None
        if wait is None:
            wait = self._backoff(attempt)
        return wait if wait <= self.policy.longest_wait else None

    def _until(self, response: httpx.Response) -> str:
        reset = response.headers.get("x-ratelimit-reset", "")
        if reset.isdigit():
            moment = dt.datetime.fromtimestamp(int(reset), dt.UTC)
            return f"limited until {moment:%Y-%m-%d %H:%M:%S} UTC"
        return "asked to wait longer than pmlint waits"

    def _spend(self, wait: float) -> bool:
        """Wait, if the run's waiting budget allows it."""
        with self._lock:
            if self._waited + wait > self.policy.budget:
                return False
            self._waited += wait
        pause(wait)
        return True


def _origin(url: str) -> tuple[str, str | None, int | None]:
    parts = urlsplit(url)
    return parts.scheme, parts.hostname, parts.port


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        raise Failed(f"malformed response (not JSON, HTTP {response.status_code})") from None


def _phrase(status: int) -> str:
    if status >= 500:
        return f"server error ({status})"
    return f"{_PHRASES.get(status, 'HTTP error')} ({status})"


def _retryable(response: httpx.Response) -> bool:
    """5xx, 429, and GitHub's rate limits, which answer 403."""
    if response.status_code >= 500 or response.status_code == 429:
        return True
    limited = response.headers.get("x-ratelimit-remaining") == "0"
    return response.status_code == 403 and (limited or "retry-after" in response.headers)


def _retry_after(value: str | None, now: float) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - now)
