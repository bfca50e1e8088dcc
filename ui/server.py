"""The studio's HTTP server side: the device cookie and the serve-mode gate of /media and metrics.

Streamlit (1.67) serves every session's pictures and sounds at ``/media/<hash>.<ext>`` and its
counters at ``/_stcore/metrics`` to anyone who can reach the port. In serve mode
(ATELIER_REQUIRE_CODE=1) these answer only devices that joined a workshop: the gate below is an
ASGI middleware given to ``st.App`` (app.py), Streamlit's supported way to add middleware, so no
Streamlit internals are patched.

How a device is known: on any page load without it, the middleware sets an HttpOnly cookie
``atelier_device`` holding a random token. The browser then sends it on the websocket (the script
reads it from ``st.context.cookies``) and on every /media request. When the code is given in the
join gate (ui/session.py), the store records that this token joined the workshop
(pipelines/store/devices.py); the gate checks that record, server side, on each guarded request.
The facilitator's computers (loopback, settings.facilitator_addresses) are let through, as in
ui/session.py.
"""
from __future__ import annotations

import time
from http.cookies import SimpleCookie

from pipelines.config import is_facilitator_address, settings

COOKIE = "atelier_device"
COOKIE_MAX_AGE = 7 * 24 * 3600
LOOPBACK = ("127.0.0.1", "::1")
GUARDED = ("/media/", "/_stcore/metrics")
_CACHE_SECONDS = 5.0


def _base_path() -> str:
    from streamlit import config

    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


def request_token(headers: list[tuple[bytes, bytes]]) -> str | None:
    """The device token from a raw ASGI header list (None when absent or malformed)."""
    for name, value in headers:
        if name == b"cookie":
            jar = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:
                continue
            if COOKIE in jar:
                token = jar[COOKIE].value
                if 20 <= len(token) <= 100 and all(c.isalnum() or c in "-_" for c in token):
                    return token
    return None


class DeviceGate:
    """ASGI middleware: give each browser a device token; in serve mode, answer /media and
    /_stcore/metrics only for joined devices (403 otherwise)."""

    def __init__(self, app):
        self.app = app
        self._joined: dict[str, float] = {}  # token -> time it was last found joined

    def _is_joined(self, token: str | None) -> bool:
        if not token:
            return False
        moment = time.monotonic()
        if moment - self._joined.get(token, -1e9) < _CACHE_SECONDS:
            return True
        from pipelines.store import Store
        from pipelines.store.devices import Devices

        if Devices(Store(wait_seconds=2)).lookup(token):
            self._joined[token] = moment
            return True
        self._joined.pop(token, None)
        return False

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = request_token(scope.get("headers") or [])
        path = scope.get("path", "")
        base = _base_path()
        local_path = path[len(base):] if base and path.startswith(base) else path
        client = (scope.get("client") or ("", 0))[0]
        if settings().require_code and local_path.startswith(GUARDED) and client not in LOOPBACK \
                and not is_facilitator_address(client) and not self._is_joined(token):
            await send({"type": "http.response.start", "status": 403,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
            await send({"type": "http.response.body",
                        "body": "Rejoins l'atelier avec son code. / Join the workshop with its code first.\n"
                        .encode("utf-8")})
            return
        if token is not None:
            await self.app(scope, receive, send)
            return
        from pipelines.store.devices import new_token

        cookie = (f"{COOKIE}={new_token()}; Path={base or '/'}; Max-Age={COOKIE_MAX_AGE}; HttpOnly; "
                  "SameSite=Lax").encode("latin-1")

        async def send_with_cookie(message):
            if message["type"] == "http.response.start":
                message = dict(message, headers=[*message.get("headers", []), (b"set-cookie", cookie)])
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def middleware() -> list:
    from starlette.middleware import Middleware

    return [Middleware(DeviceGate)]


def on_script_error(exc: Exception) -> bool:
    """A problem the user can fix (UserError, e.g. a database held by another program) is shown as
    its sentence, in the user's language, instead of a traceback."""
    from pipelines.i18n import UserError

    if isinstance(exc, UserError):
        import streamlit as st

        from .i18n import lang

        st.error(exc.message(lang()))
        return True
    return False
