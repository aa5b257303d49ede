"""What the server lets in and what it tells browsers: one ASGI middleware.

- **Host check**: a request must name the server by an address it serves (localhost,
  127.0.0.1, [::1] or the address it binds), so a web page on another site that
  re-points its own domain at 127.0.0.1 (DNS rebinding) gets 421, not the corpus.
- **Origin check**: a browser request that changes something (POST …) from another
  origin gets 403: no other site can add articles from a visitor's browser. CORS
  is off (no ``Access-Control-Allow-*`` header unless the ``cors_origins`` setting
  names origins, which may then read).
- **Body limit**: a request body over the ``max_post_bytes`` setting gets 413
  before anything parses it.
- **Headers** on every response: a Content-Security-Policy without inline scripts
  or styles (the page's own files only; ``/docs`` also loads Swagger UI from its
  CDN and allows its one inline script by hash), ``nosniff``, no framing, no
  referrer.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The page and the API: only their own files, nothing inline, nothing framed.
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'")
#: Swagger UI at /docs: its CDN, and its one inline script by hash (added at start-up).
DOCS_CSP = ("default-src 'self'; script-src 'self' https://cdn.jsdelivr.net {hashes}; "
            "style-src 'self' https://cdn.jsdelivr.net; img-src 'self' data: "
            "https://fastapi.tiangolo.com; connect-src 'self'; object-src 'none'; "
            "base-uri 'none'; frame-ancestors 'none'")
HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
#: Addresses that always name this machine.
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _host_name(value: str) -> str:
    """``example.org:8765`` → ``example.org``; ``[::1]:8765`` → ``::1``."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class Guard:
    """The middleware (see the module docstring). ``hosts``: names the server answers to
    (empty: any, for a server bound to every address); ``cors_origins``: origins that may
    read the API from their pages; ``max_body``: largest request body in bytes."""

    def __init__(self, app: ASGIApp, *, hosts: Iterable[str], cors_origins: Iterable[str],
                 max_body: int, docs_csp: str) -> None:
        self.app = app
        self.hosts = frozenset(_host_name(h) for h in hosts)
        self.cors = frozenset(o.rstrip("/") for o in cors_origins if o)
        self.max_body = max_body
        self.docs_csp = docs_csp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        reply = self._headers(scope, headers.get("origin"))
        host = _host_name(headers.get("host", ""))
        if self.hosts and host not in self.hosts:
            await _answer(send, 421, f"unknown host {host!r}: this server answers to "
                          f"{', '.join(sorted(self.hosts))}", reply)
            return
        origin = headers.get("origin")
        if scope["method"] in _UNSAFE and origin and not self._same_origin(origin, headers):
            await _answer(send, 403, f"requests from {origin} may not change this corpus", reply)
            return
        if scope["method"] in _UNSAFE:
            body = await _body(receive, self.max_body)
            if body is None:
                await _answer(send, 413, f"request body over {self.max_body} bytes "
                              "(setting max_post_bytes)", reply)
                return
            receive = _replay(body, receive)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *reply]
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _same_origin(self, origin: str, headers: dict[str, str]) -> bool:
        if origin.rstrip("/") in self.cors:
            return True
        own = headers.get("host", "")
        return origin.split("://", 1)[-1].rstrip("/").lower() == own.lower()

    def _headers(self, scope: Scope, origin: str | None) -> list[tuple[bytes, bytes]]:
        path = scope.get("path", "")
        csp = self.docs_csp if path in ("/docs", "/docs/oauth2-redirect") else PAGE_CSP
        out = [(b"content-security-policy", csp.encode()),
               *((k.encode(), v.encode()) for k, v in HEADERS.items())]
        if origin and origin.rstrip("/") in self.cors:
            out += [(b"access-control-allow-origin", origin.rstrip("/").encode()),
                    (b"vary", b"Origin")]
        return out


async def _body(receive: Receive, limit: int) -> list[Message] | None:
    """Every body message of the request, or None once the body passes ``limit`` bytes."""
    messages, size = [], 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages
        size += len(message.get("body", b""))
        if size > limit:
            return None
        if not message.get("more_body", False):
            return messages


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """A ``receive`` that hands the app the body already read, then waits as usual."""
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed


async def _answer(send: Send, status: int, detail: str,
                  headers: list[tuple[bytes, bytes]]) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()), *headers]})
    await send({"type": "http.response.body", "body": body})
