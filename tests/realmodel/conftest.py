"""The real-model tier: llama.cpp's llama-server with a small instruct model on
127.0.0.1, one per session, stopped after it (`make test-llm`, or
`pytest -m realmodel tests/realmodel` once tests/realmodel/provision.py has run).

Deselected by default (pyproject's addopts). Asked for, it never skips: a server that
cannot be provisioned or started fails the session with the reason. The model and the
server binary are cached (provision.py); starting the server takes a few seconds.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.realmodel import provision

MODEL_ALIAS = "qwen2.5-coder-0.5b-instruct"
CONTEXT = 8192  # tokens: the extraction prompt (~1.5k), a chunk with context, the reply
STARTUP_TIMEOUT = 180.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LlamaServer:
    """One llama-server process on a fixed port, which tests may kill and start again."""

    def __init__(self, binary: str, model: str, log: Path):
        self.binary, self.model, self.log = binary, model, log
        self.port = _free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.starts: list[float] = []  # seconds each start took, until healthy

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def command(self) -> list[str]:
        return [
            self.binary,
            "--model",
            self.model,
            "--alias",
            MODEL_ALIAS,
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--ctx-size",
            str(CONTEXT),
            "--parallel",
            "1",
            "--threads",
            str(os.cpu_count() or 1),
            # No weight repacking, which also keeps the AMX kernels out: on this
            # workplace's Xeons (amx_int8 in cpuinfo) ggml_backend_amx_mul_mat segfaults
            # in the warm-up decode. Generation runs at ~25 tokens/s without them.
            "--no-repack",
        ]

    def start(self) -> None:
        started = time.monotonic()
        with open(self.log, "ab") as log:
            log.write(f"\n=== start {time.strftime('%H:%M:%S')}\n".encode())
            self.proc = subprocess.Popen(
                self.command(), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        while time.monotonic() - started < STARTUP_TIMEOUT:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"llama-server exited with {self.proc.returncode}: "
                    + self.log.read_text(errors="replace")[-2000:]
                )
            if self.healthy():
                self.starts.append(time.monotonic() - started)
                return
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(
            f"llama-server not healthy after {STARTUP_TIMEOUT:.0f} s; see {self.log}"
        )

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=2) as r:
                return r.status == 200 and json.loads(r.read() or b"{}").get("status") == "ok"
        except (OSError, urllib.error.URLError, ValueError):
            return False

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        """SIGKILL: the server dies mid-request, as a crash or an OOM kill would."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=30)

    def completions_served(self) -> int:
        """Chat completions the server answered, from its log (a diagnostic only)."""
        text = self.log.read_text(errors="replace")
        return text.count("POST /v1/chat/completions")


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    paths = provision.ensure()
    log = tmp_path_factory.mktemp("llama") / "llama-server.log"
    server = LlamaServer(paths["server"], paths["model"], log)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        print(f"\nllama-server log: {log}; starts took {[round(s, 1) for s in server.starts]} s")


def use_server(monkeypatch: pytest.MonkeyPatch, server: LlamaServer) -> LlamaServer:
    """Make `server` (started again if a test killed it) the run's endpoint. Concurrency
    and timeout are left to their defaults for an endpoint on this machine; the judge is
    off except where a test turns it on."""
    if not server.running():
        server.start()
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("CROSSCHECK_MODEL", MODEL_ALIAS)
    monkeypatch.setenv("CROSSCHECK_JUDGE", "off")
    for var in ("CROSSCHECK_MAX_CONCURRENCY", "CROSSCHECK_LLM_TIMEOUT", "OPENAI_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    return server


@pytest.fixture
def llm(llama_server: LlamaServer, monkeypatch: pytest.MonkeyPatch) -> LlamaServer:
    """The session's server as this test's endpoint."""
    return use_server(monkeypatch, llama_server)
