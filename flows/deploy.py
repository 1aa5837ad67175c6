"""Serving the deployments of prefect.yaml from this process (`crosscheck serve`).

prefect.yaml is the one place the deployments and their schedules are written down.
`prefect deploy` reads it to register them for a work pool and worker; `crosscheck
serve` reads the same entries and serves them with `prefect.serve` (flow.serve for
several deployments): this process registers them with the server at PREFECT_API_URL,
polls for their scheduled runs and runs them. Ctrl-C or SIGTERM stops it, and the
schedules are paused on the way out so runs do not pile up while nothing serves them.

Only the fields serving needs are read (name, entrypoint, description, tags,
parameters, cron or interval schedules); the work pool is for `prefect deploy`.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, cast

import yaml
from prefect import Flow
from prefect.deployments.runner import EntrypointType, RunnerDeployment
from prefect.schedules import Cron, Interval, Schedule
from pydantic import BaseModel, Field, ValidationError, model_validator

from flows.settings import PROJECT_ROOT
from models.errors import TerminalError

PREFECT_YAML = PROJECT_ROOT / "prefect.yaml"


class ServeError(TerminalError, RuntimeError):
    """prefect.yaml or the Prefect server is not usable for serving."""


class ScheduleSpec(BaseModel):
    cron: str | None = None
    interval: float | None = Field(default=None, gt=0, description="seconds")
    timezone: str | None = None
    active: bool = True

    @model_validator(mode="after")
    def _one_kind(self) -> ScheduleSpec:
        if (self.cron is None) == (self.interval is None):
            raise ValueError("a schedule needs exactly one of cron or interval")
        return self

    def to_schedule(self) -> Schedule:
        if self.cron is not None:
            return Cron(self.cron, timezone=self.timezone, active=self.active)
        assert self.interval is not None
        return Interval(self.interval, timezone=self.timezone, active=self.active)


class DeploymentSpec(BaseModel):
    name: str
    entrypoint: str  # "flows/inbox.py:process_inbox", as `prefect deploy` wants it
    description: str | None = None
    tags: list[str] = Field(default_factory=list)
    parameters: dict[str, Any] = Field(default_factory=dict)
    schedules: list[ScheduleSpec] = Field(default_factory=list)

    def load_flow(self) -> Flow[..., Any]:
        """The flow object, imported as a module so runs work from any directory."""
        file, _, attr = self.entrypoint.partition(":")
        module = importlib.import_module(Path(file).with_suffix("").as_posix().replace("/", "."))
        found = getattr(module, attr, None)
        if not isinstance(found, Flow):
            raise ServeError(f"{self.entrypoint} (deployment {self.name!r}) is not a flow")
        return found

    def to_runner_deployment(self) -> RunnerDeployment:
        deployment = self.load_flow().to_deployment(
            name=self.name,
            description=self.description,
            tags=self.tags,
            parameters=self.parameters,
            schedules=[s.to_schedule() for s in self.schedules],
            entrypoint_type=EntrypointType.MODULE_PATH,
        )
        return cast(RunnerDeployment, deployment)  # sync call: not the coroutine variant


def read_deployments(path: Path = PREFECT_YAML) -> list[DeploymentSpec]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ServeError(f"cannot read {path}: {exc}") from exc
    specs = []
    for i, raw in enumerate(data.get("deployments") or []):
        try:
            specs.append(DeploymentSpec.model_validate(raw))
        except ValidationError as exc:
            raise ServeError(f"{path}: deployment #{i + 1} is invalid: {exc}") from exc
    return specs


def select(specs: list[DeploymentSpec], names: list[str] | None) -> list[DeploymentSpec]:
    if not names:
        return specs
    known = {s.name: s for s in specs}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ServeError(
            f"no deployment named {', '.join(unknown)} in prefect.yaml "
            f"(it has: {', '.join(known) or 'none'})"
        )
    return [known[n] for n in names]


def check_server() -> str:
    """The API URL of a reachable Prefect server, or a ServeError saying how to get one."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()
    if not url:
        raise ServeError(
            "PREFECT_API_URL is not set, so the runs would go to a temporary server that "
            "dies with this process. Start a server with `make ui` and run "
            "`export PREFECT_API_URL=http://127.0.0.1:4200/api` first."
        )
    with get_client(sync_client=True) as client:
        failure = client.api_healthcheck()
    if failure is not None:
        raise ServeError(f"the Prefect server at {url} does not answer: {failure}")
    return str(url)


def serve(specs: list[DeploymentSpec], limit: int = 1) -> None:
    """Register `specs` with the server and run their scheduled runs until stopped; at
    most `limit` flow runs at once (1: an inbox run never overlaps the previous one)."""
    from prefect import serve as prefect_serve

    prefect_serve(*[s.to_runner_deployment() for s in specs], limit=limit)
