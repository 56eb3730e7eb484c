"""The emulator as an HTTP server: moto's server app behind a small WSGI front.

``python -m tests.emulator --port 0`` (from the repository root) serves on
127.0.0.1, prints exactly one line, its base URL, and stops with exit status 0
on SIGTERM or SIGINT. Any account, region and dummy credentials work.

Signed API requests go to moto's ``DomainDispatcherApplication``, which
routes them by the SigV4 credential scope to the ``smsvoice`` backend
registered by :mod:`tests.emulator.moto_glue` (every other AWS service moto
knows is served too). Unsigned requests carrying a ``PinpointSMSVoiceV2.*``
target (raw HTTP clients) are served directly, and so are unsigned
``ResourceGroupsTaggingAPI_20170126.*`` ones (:mod:`.tagging`). The front adds:

* control endpoints under ``/_emulator/`` (JSON in and out)::

    GET  /_emulator/health   {"ok": true}
    GET  /_emulator/calls    [{"operation", "region", "params", "error"}, ...] oldest first
    POST /_emulator/reset    clears resources, faults, call log; config and clock to defaults
    GET  /_emulator/faults   the faults still pending
    POST /_emulator/faults   {"operation", "kind", "count", "seconds"} (or a list of them); kind:
                             throttle, server_error, latency, drop_after, not_accessible
    DELETE /_emulator/faults drops the faults still pending (state and call log stay)
    GET  /_emulator/config   the configuration
    POST /_emulator/config   {"pending_seconds": {...}, "association_seconds": S,
                              "deleted_retention_seconds": S, "phone_numbers_quota": N|null,
                              "pools_quota": N|null, "opt_out_lists_quota": N|null,
                              "registrations_quota": N|null, "sender_ids_quota": N|null,
                              "pool_release_lag_seconds": S, "client_token_ttl_seconds": S,
                              "quotas": bool, "quota_scale": K, "quota_burst_seconds": S,
                              "registration_statuses_blocking_release": [status, ...],
                              "tagging_api": "exact"|"lagging"|"denied", "tagging_lag_seconds": S,
                              "iam_policy": {policy document}|null}
                             unknown keys and bad values: 400, nothing changed
    POST /_emulator/seed     {"region", "count", "template": {RequestPhoneNumber params}, "account_id"}
                             -> {"phone_number_ids": [...]} (not in the call log)
                             or {"region", "account_id", "registrations": [{"RegistrationType",
                             "RegistrationStatus"}]} -> {"registration_ids": [...]}
                             or {"region", "account_id", "opted_out_numbers": {"opt_out_list",
                             "numbers": [E.164, ...]}} -> {"opted_out_numbers": how many the list holds}
                             (as if the end users had replied STOP)
    GET  /_emulator/state    {region: {"phone_numbers", "pools", "opt_out_lists", "registrations"}}
    GET  /_emulator/clock    {"now", "offset"}
    POST /_emulator/clock    {"advance": seconds} -> {"now", "offset"}

* ``drop_after`` faults: once the backend has acted, the front shuts the
  client's socket down before any byte of the response is written, and tells
  werkzeug the connection dropped, so clients see a closed connection.
* a JSON ``InternalServerException`` instead of werkzeug's HTML page when
  anything inside raises.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import make_server

from .control import DEFAULT_EMULATOR, Emulator
from .core import DEFAULT_ACCOUNT_ID
from .moto_glue import DROP_ENVIRON_KEY, WRAPPED_ENVIRON_KEY, register
from .protocol import CONTENT_TYPE, account_for, handle, region_and_access_key, render
from .tagging import TARGET_PREFIX as TAGGING_TARGET_PREFIX
from .validation import TARGET_PREFIX

REPO_ROOT = Path(__file__).resolve().parents[2]
StartResponse = Callable[..., Any]


class QuietRequestHandler(MotoRequestHandler):
    """moto's request handler without the per-request access log."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class _ControlError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _status_line(status: int) -> str:
    from http import HTTPStatus

    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


class EmulatorApp:
    """WSGI front: control endpoints, dropped connections, JSON errors; the rest goes to moto."""

    def __init__(self, emulator: Emulator | None = None, inner: Callable[..., Iterable[bytes]] | None = None) -> None:
        register()
        self.emulator = emulator or DEFAULT_EMULATOR
        self.inner = inner or DomainDispatcherApplication(create_backend_app)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path.startswith("/_emulator/") or path == "/_emulator":
            return self._control(environ, start_response)
        environ[WRAPPED_ENVIRON_KEY] = True
        try:
            status, headers, body = self._serve(environ)
        except Exception as error:
            import traceback

            traceback.print_exc(file=sys.stderr)
            request_id = str(uuid.uuid4())
            document = {
                "__type": "InternalServerException",
                "Message": f"Emulator server error: {type(error).__name__}: {error}",
                "RequestId": request_id,
            }
            status = "500 Internal Server Error"
            headers = [
                ("Content-Type", CONTENT_TYPE),
                ("X-Amzn-ErrorType", "InternalServerException"),
                ("x-amzn-RequestId", request_id),
            ]
            body = json.dumps(document).encode()
        if environ.get(DROP_ENVIRON_KEY):
            self._drop(environ)
        if not any(key.lower() == "content-length" for key, _value in headers):
            headers = [*headers, ("Content-Length", str(len(body)))]
        start_response(status, headers)
        return [body]

    def _serve(self, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes]:
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        if target.startswith((TARGET_PREFIX, TAGGING_TARGET_PREFIX)) and not environ.get("HTTP_AUTHORIZATION"):
            return self._serve_unsigned(environ, target)
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
            captured["status"], captured["headers"] = status, list(headers)
            return lambda data: captured.setdefault("written", []).append(data)

        iterable = self.inner(environ, capture)
        try:
            chunks = list(captured.get("written", [])) + [bytes(chunk) for chunk in iterable]
        finally:
            close = getattr(iterable, "close", None)
            if close is not None:
                close()
        return captured["status"], captured["headers"], b"".join(chunks)

    def _serve_unsigned(self, environ: dict[str, Any], target: str) -> tuple[str, list[tuple[str, str]], bytes]:
        headers = {
            key[5:].replace("_", "-").title(): value for key, value in environ.items() if key.startswith("HTTP_")
        }
        region, access_key = region_and_access_key(headers)
        outcome = handle(self.emulator, target, _read_body(environ), region, account_for(headers, access_key))
        status, response_headers, body = render(outcome)
        if outcome.drop:
            environ[DROP_ENVIRON_KEY] = True
        return _status_line(status), list(response_headers.items()), body

    @staticmethod
    def _drop(environ: dict[str, Any]) -> None:
        """Cut the client's connection without a response; werkzeug treats it as a dropped connection."""
        sock = environ.get("werkzeug.socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        raise ConnectionResetError("connection dropped by an injected drop_after fault")

    # -- control endpoints -----------------------------------------------------

    def _control(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        name = environ.get("PATH_INFO", "")[len("/_emulator/") :].strip("/")
        try:
            payload = self._json_body(environ) if method == "POST" else {}
            result = self._control_action(method, name, payload)
            status, document = 200, result
        except _ControlError as error:
            status, document = error.status, {"error": error.message}
        except (ValueError, TypeError) as error:
            status, document = 400, {"error": str(error)}
        body = json.dumps(document).encode()
        start_response(_status_line(status), [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    @staticmethod
    def _json_body(environ: dict[str, Any]) -> Any:
        raw = _read_body(environ)
        if not raw.strip():
            return {}
        try:
            return json.loads(raw)
        except ValueError as error:
            raise _ControlError(400, f"request body is not JSON: {error}") from error

    def _control_action(self, method: str, name: str, payload: Any) -> Any:
        emulator = self.emulator
        routes: dict[tuple[str, str], Callable[[], Any]] = {
            ("GET", "health"): lambda: {"ok": True},
            ("GET", "calls"): emulator.calls,
            ("POST", "reset"): lambda: (emulator.reset(), {"ok": True})[1],
            ("GET", "faults"): emulator.faults,
            ("POST", "faults"): lambda: self._add_faults(payload),
            ("DELETE", "faults"): lambda: {"faults": emulator.clear_faults()},
            ("GET", "config"): emulator.configure,
            ("POST", "config"): lambda: emulator.configure(**_object(payload)),
            ("POST", "seed"): lambda: self._seed(payload),
            ("GET", "state"): emulator.state,
            ("GET", "clock"): self._clock,
            ("POST", "clock"): lambda: self._clock(_object(payload).get("advance", 0)),
        }
        action = routes.get((method, name))
        if action is None:
            if any(route_name == name for _method, route_name in routes):
                raise _ControlError(405, f"{method} is not allowed on /_emulator/{name}")
            raise _ControlError(404, f"no control endpoint /_emulator/{name}")
        return action()

    def _add_faults(self, payload: Any) -> dict[str, Any]:
        faults = payload if isinstance(payload, list) else [payload]
        for fault in faults:
            fault = _object(fault)
            unknown = set(fault) - {"operation", "kind", "count", "seconds"}
            if unknown:
                raise ValueError(f"unknown fault keys {sorted(unknown)}")
            if "operation" not in fault or "kind" not in fault:
                raise ValueError("a fault needs 'operation' and 'kind'")
            self.emulator.add_fault(fault["operation"], fault["kind"], fault.get("count", 1), fault.get("seconds", 0))
        return {"faults": self.emulator.faults()}

    def _seed(self, payload: Any) -> dict[str, Any]:
        payload = _object(payload)
        if "opted_out_numbers" in payload:
            unknown = set(payload) - {"region", "opted_out_numbers", "account_id"}
            if unknown:
                raise ValueError(f"unknown keys {sorted(unknown)} next to 'opted_out_numbers'")
            spec = _object(payload["opted_out_numbers"])
            extra = set(spec) - {"opt_out_list", "numbers"}
            if extra:
                raise ValueError(f"opted_out_numbers: unknown keys {sorted(extra)}; known: ['numbers', 'opt_out_list']")
            count = self.emulator.seed_opted_out_numbers(
                spec.get("numbers"),
                opt_out_list=spec.get("opt_out_list", "Default"),
                region=payload.get("region", "us-east-1"),
                account_id=payload.get("account_id", DEFAULT_ACCOUNT_ID),
            )
            return {"opted_out_numbers": count}
        if "registrations" in payload:
            unknown = set(payload) - {"region", "registrations", "account_id"}
            if unknown:
                raise ValueError(f"unknown keys {sorted(unknown)} next to 'registrations'")
            ids = self.emulator.seed_registrations(
                payload["registrations"],
                region=payload.get("region", "us-east-1"),
                account_id=payload.get("account_id", DEFAULT_ACCOUNT_ID),
            )
            return {"registration_ids": ids}
        unknown = set(payload) - {"region", "count", "template", "account_id", "aws_tags"}
        if unknown:
            raise ValueError(f"unknown seed keys {sorted(unknown)}")
        template = _object(payload.get("template") or {})
        try:
            ids = self.emulator.seed(
                payload.get("count", 1),
                region=payload.get("region", "us-east-1"),
                template=template,
                account_id=payload.get("account_id", DEFAULT_ACCOUNT_ID),
                aws_tags=_object(payload.get("aws_tags") or {}),
            )
        except Exception as error:
            from .errors import EmulatorError

            if isinstance(error, EmulatorError):
                raise _ControlError(400, error.message) from error
            raise
        return {"phone_number_ids": ids}

    def _clock(self, advance: Any = 0) -> dict[str, float]:
        if isinstance(advance, bool) or not isinstance(advance, (int, float)):
            raise ValueError("advance must be a number of seconds")
        now = self.emulator.advance_clock(advance) if advance else self.emulator.clock.now()
        return {"now": now, "offset": self.emulator.clock.offset}


def _object(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"expected a JSON object, got {type(value).__name__}")
    return value


def _read_body(environ: dict[str, Any]) -> bytes:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    stream = environ.get("wsgi.input")
    if stream is None or length <= 0:
        return b""
    return stream.read(length)


# ---------------------------------------------------------------------------
# Running the server
# ---------------------------------------------------------------------------


def serve(
    host: str = "127.0.0.1",
    port: int = 0,
    ready: Callable[[str], None] | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Serve until ``stop`` is set; ``ready(url)`` is called once the socket listens."""
    os.environ.setdefault("MOTO_PORT", str(port))
    server = make_server(host, port, EmulatorApp(), threaded=True, request_handler=QuietRequestHandler)
    server.daemon_threads = True
    url = f"http://{host}:{server.server_port}"
    os.environ["MOTO_PORT"] = str(server.server_port)
    stop = stop or threading.Event()
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="emulator-http", daemon=True
    )
    thread.start()
    try:
        if ready is not None:
            ready(url)
        while not stop.wait(0.2):
            pass
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.emulator", description="Serve the Pinpoint SMS and Voice v2 emulator over HTTP."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port to bind; 0 picks a free one (default 0)")
    args = parser.parse_args(argv)
    stop = threading.Event()

    def on_signal(signum: int, frame: Any) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    def ready(url: str) -> None:
        sys.stdout.write(url + "\n")
        sys.stdout.flush()

    serve(args.host, args.port, ready=ready, stop=stop)
    return 0


class ServerProcess:
    """A running ``python -m tests.emulator`` subprocess: its ``url``, ``log_path`` and :meth:`stop`."""

    def __init__(self, process: subprocess.Popen[str], url: str, log_path: Path) -> None:
        self.process = process
        self.url = url
        self.log_path = log_path
        # Keep draining stdout so the server can never block on a full pipe.
        self._drain = threading.Thread(target=self._drain_stdout, name="emulator-stdout", daemon=True)
        self._drain.start()

    def _drain_stdout(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            for _line in self.process.stdout:  # type: ignore[union-attr]
                pass

    def stop(self, timeout: float = 10.0) -> int:
        """SIGTERM, wait, and return the exit status (killing the process if it does not stop)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._drain.join(timeout=2)
        return self.process.returncode


def start_subprocess(
    port: int = 0,
    host: str = "127.0.0.1",
    timeout: float = 30.0,
    env: dict[str, str] | None = None,
    log_path: Path | str | None = None,
) -> ServerProcess:
    """Start the server as a subprocess of this Python and wait for its URL line.

    Used by the pytest fixture, the benchmarks and the demo. stderr goes to
    ``log_path`` (a temporary file by default) so a busy server cannot fill a
    pipe; its path is in the error if the server fails to start.
    """
    if log_path is None:
        handle, name = tempfile.mkstemp(prefix="sms-voice-emulator-", suffix=".log")
        os.close(handle)
        log_path = Path(name)
    log_path = Path(log_path)
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.emulator", "--host", host, "--port", str(port)],
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=log,
            stdin=subprocess.DEVNULL,
            text=True,
            env={**os.environ, **(env or {})},
        )
    line: list[str] = []
    reader = threading.Thread(target=lambda: line.append(process.stdout.readline()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    reader.join(timeout)
    url = line[0].strip() if line else ""
    if not url.startswith("http://"):
        process.kill()
        process.wait()
        raise RuntimeError(
            f"emulator server did not start (exit {process.returncode}); see {log_path}:\n{log_path.read_text()[-2000:]}"
        )
    return ServerProcess(process, url, log_path)


@contextlib.contextmanager
def running_server(**kwargs: Any) -> Iterator[ServerProcess]:
    """``with running_server() as server: ... server.url ...``; stops the server on exit."""
    server = start_subprocess(**kwargs)
    try:
        yield server
    finally:
        server.stop()
