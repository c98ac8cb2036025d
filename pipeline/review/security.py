"""Safe on a shared office PC: only the person who started the app may use it.

- the server binds to 127.0.0.1 only (:mod:`junheng.review.server`), and requests naming another
  host are refused (a web page elsewhere cannot reach it by DNS rebinding);
- the URL it opens carries a random token; the first request with it gets an HttpOnly,
  SameSite=Strict cookie and is sent on without the token, every other request needs the cookie;
- every POST carries the page's CSRF token (a hidden field of each form, or the
  ``X-CSRF-Token`` header of the page's script), checked by :func:`checked_form`, and its
  ``Origin``, when the browser sends one, must be the app's own;
- every response forbids framing, inline scripts and outside resources (CSP ``'self'``).

Report text is escaped by the templates (autoescape), never here.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from urllib.parse import urlencode

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "junheng_review"
HOSTS = ("127.0.0.1", "localhost")
HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",  # no-referrer would make Origin "null"
    "cache-control": "no-store",
}


@dataclass(frozen=True, slots=True)
class Secrets:
    """The URL token (who may use the app) and the CSRF token (which pages may post)."""

    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))


class CsrfError(Exception):
    """A POST without the page's token, or from another origin."""


def _same(a: str | None, b: str) -> bool:
    return a is not None and secrets.compare_digest(a.encode(), b.encode())


async def checked_form(request: Request) -> FormData:
    """The POST's form, once its CSRF token and origin are checked (:class:`CsrfError`)."""
    found: Secrets = request.app.state.secrets
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
        raise CsrfError(origin)
    form = await request.form()
    token = form.get("csrf")
    if not _same(token if isinstance(token, str) else None, found.csrf) and not _same(
        request.headers.get("x-csrf-token"), found.csrf
    ):
        raise CsrfError("token")
    return form


class Guard:
    """ASGI middleware: the host, the token or its cookie, and the security headers."""

    def __init__(self, app: ASGIApp, secrets_: Secrets) -> None:
        self.app = app
        self.secrets = secrets_

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        response = self._refuse(request)
        if response is not None:
            await response(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)

    def _refuse(self, request: Request) -> Response | None:
        if (request.url.hostname or "") not in HOSTS:
            return PlainTextResponse("只接受本机访问 (127.0.0.1)", status_code=400)
        if _same(request.cookies.get(COOKIE), self.secrets.token):
            return None
        if _same(request.query_params.get("token"), self.secrets.token):
            rest = {k: v for k, v in request.query_params.items() if k != "token"}
            target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(COOKIE, self.secrets.token, httponly=True, samesite="strict")
            return response
        return PlainTextResponse(
            "请使用 junheng review 启动时给出的链接（含 token）打开本页。", status_code=403
        )
