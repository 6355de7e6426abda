"""What keeps people out of where they do not belong: form tokens, request limits, headers.

* **Links.** The facilitator's link and the participants' join link carry different tokens of 32
  random bytes (:func:`secrets.token_urlsafe`); each participant gets a private token of their
  own when they join, so a participant can reach and change only their own submission. Tokens
  are compared in constant time.
* **Cross-site request forgery.** Every form and every script request carries a token signed
  with the session's secret for the one who may send it (HMAC-SHA256); a request whose
  ``Origin`` is another site is refused as well.
* **Bounded requests.** A request body larger than :data:`MAX_BODY` bytes is refused (413) and
  each client (address) and each participant token has a budget of requests per minute (429).
* **Nothing leaves the room.** The pages load only their own files (a content security policy
  of ``'self'``), send no referrer to another site, and are never cached.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections import defaultdict, deque
from collections.abc import Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Largest request body accepted, in bytes (a submission is well under 2 KB).
MAX_BODY = 64 * 1024

#: Requests per minute: ``(scope, limit)``. ``post`` counts every form or script request from
#: one address; ``token`` every write by one participant; ``join`` new participants from one
#: address (a room behind one router joins from one address).
DEFAULT_LIMITS: Mapping[str, int] = {"request": 1200, "post": 600, "token": 30, "join": 120}

#: Headers sent with every page.
SECURITY_HEADERS: Mapping[str, str] = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "referrer-policy": "same-origin",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


def form_token(secret: str, principal: str) -> str:
    """The anti-forgery token of a principal (``facilitator``, ``join`` or a participant's
    token): an HMAC of the session secret, so it cannot be made without the secret."""
    return hmac.new(secret.encode(), f"csrf:{principal}".encode(), hashlib.sha256).hexdigest()


def same(a: str | None, b: str | None) -> bool:
    """Constant-time comparison of two tokens."""
    if not a or not b:
        return False
    return hmac.compare_digest(a.encode(), b.encode())


class RateLimiter:
    """Sliding-window request counts per key (thread-safe, in memory).

    Examples
    --------
    >>> limiter = RateLimiter({"post": 2})
    >>> [limiter.allow("post", "1.2.3.4", now=t) for t in (0, 1, 2, 61)]
    [True, True, False, True]
    """

    def __init__(self, limits: Mapping[str, int] | None = None, window: float = 60.0) -> None:
        self.limits = dict(DEFAULT_LIMITS if limits is None else limits)
        self.window = window
        self._hits: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, scope: str, key: str, now: float | None = None) -> bool:
        """Count one request of ``key`` in ``scope``; False if it exceeds the limit."""
        limit = self.limits.get(scope)
        if limit is None:
            return True
        moment = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits[(scope, key)]
            while hits and hits[0] <= moment - self.window:
                hits.popleft()
            if len(hits) >= limit:
                return False
            hits.append(moment)
            return True


class GuardMiddleware:
    """Refuse oversized bodies (413) and too many requests (429); add the security headers.

    A pure ASGI middleware: it reads the announced length first and also counts the bytes as
    they arrive, so a body without a length cannot be larger either.
    """

    def __init__(self, app: ASGIApp, limiter: RateLimiter, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.limiter = limiter
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("?", 0))[0]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if not self.limiter.allow("request", client) or (
            scope["method"] == "POST" and not self.limiter.allow("post", client)
        ):
            await _plain(send, 429, "Too many requests; wait a minute and try again.")
            return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _plain(send, 413, "The request is too large.")
            return
        received = 0
        too_large = False

        async def limited_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    too_large = True
                    raise _TooLargeError
            return message

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _TooLargeError:
            await _plain(send, 413, "The request is too large.")


class _TooLargeError(Exception):
    pass


async def _plain(send: Send, status: int, body: str) -> None:
    data = body.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(data)).encode()),
                *((k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})
