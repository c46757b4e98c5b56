"""Scheduled operation: serve the newsfacts flow on a cron schedule, and start the Prefect UI.

``newsfacts serve`` registers the deployment ``newsfacts-run/newsfacts-scheduled`` with a
running Prefect server and runs its flow runs in this process's subprocesses; it listens on no
port itself. ``newsfacts ui`` starts that server (``prefect server start``) on loopback with the
PREFECT_HOME embedded runs use, so it also shows their history.

Import this module only after ``flows.settings.configure_prefect_environment()``: Prefect reads
its settings when it is first imported.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
from typing import TYPE_CHECKING, Any

from flows.parameters import RunParameters

if TYPE_CHECKING:
    from prefect import Flow
    from prefect.client.schemas.schedules import CronSchedule
    from prefect.deployments.runner import RunnerDeployment

FLOW_NAME = "newsfacts-run"
DEPLOYMENT_NAME = "newsfacts-scheduled"
DEFAULT_UI_HOST = "127.0.0.1"
DEFAULT_UI_PORT = 4200

START_A_SERVER = """\
no Prefect server is configured (PREFECT_API_URL is not set). A schedule needs a long-running
server to keep it. Start one, then serve against it, e.g. in two terminals:

  newsfacts ui --port 4200
  PREFECT_API_URL=http://127.0.0.1:4200/api newsfacts serve --cron "0 * * * *" [PATH ...]

(`newsfacts ui` runs `prefect server start --host 127.0.0.1` with the project's PREFECT_HOME;
any Prefect 3 server works.)"""


class ServeError(RuntimeError):
    """Scheduling could not start; the message says why and what to do."""


def cron_schedule(expression: str, timezone: str | None = None) -> CronSchedule:
    """A Prefect cron schedule, or a ServeError explaining the expected form."""
    from prefect.client.schemas.schedules import CronSchedule
    from pydantic import ValidationError

    try:
        return CronSchedule(cron=expression, timezone=timezone)
    except ValidationError as error:
        fields = {str(problem["loc"][0]) for problem in error.errors() if problem["loc"]}
        if "timezone" in fields:
            raise ServeError(
                f"unknown time zone {timezone!r}: use an IANA name such as 'UTC' or 'Europe/London'"
            ) from None
        raise ServeError(
            f"invalid cron expression {expression!r}: expected five fields "
            "'minute hour day-of-month month day-of-week', e.g. '0 * * * *' (every hour, on the "
            "hour), '*/15 * * * *' (every 15 minutes) or '@daily'"
        ) from None


def configured_api_url() -> str | None:
    """The Prefect API this process would talk to (environment or active profile)."""
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value() or None


def require_server() -> str:
    """The URL of a configured, reachable Prefect server, or a ServeError saying how to start
    one. Never falls back to an embedded server: it would stop when this process stops."""
    url = configured_api_url()
    if not url:
        raise ServeError(START_A_SERVER)
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        problem = client.api_healthcheck()
    if problem is not None:
        raise ServeError(
            f"cannot reach the Prefect server at {url} ({type(problem).__name__}: {problem}); "
            "is `newsfacts ui` (or `prefect server start`) running, and PREFECT_API_URL right?"
        )
    return url


def flow_for(parameters: RunParameters) -> Flow[..., dict[str, Any]]:
    """The pipeline flow with the task runner the parameters ask for (flows/runners.py)."""
    from flows.runners import flow_for as flow_with_runner

    return flow_with_runner(parameters)


def deployment_options(
    parameters: RunParameters, schedule: CronSchedule, name: str = DEPLOYMENT_NAME
) -> dict[str, Any]:
    """What the scheduled deployment is made of (``Flow.serve`` / ``Flow.to_deployment``)."""
    from prefect.types.entrypoint import EntrypointType

    return {
        "name": name,
        "schedules": [schedule],
        "parameters": parameters.flow_parameters(),
        "description": "newsfacts: ingest new or changed files and publish the warehouse",
        "tags": ["newsfacts"],
        "entrypoint_type": EntrypointType.MODULE_PATH,
    }


def build_deployment(
    parameters: RunParameters, schedule: CronSchedule, name: str = DEPLOYMENT_NAME
) -> RunnerDeployment:
    """The scheduled deployment, not yet registered (``.apply()`` registers it)."""
    from prefect.deployments.runner import RunnerDeployment

    deployment = flow_for(parameters).to_deployment(
        **deployment_options(parameters, schedule, name)
    )
    assert isinstance(deployment, RunnerDeployment)  # the sync API, outside an event loop
    return deployment


def serve(
    parameters: RunParameters,
    schedule: CronSchedule,
    name: str = DEPLOYMENT_NAME,
) -> None:
    """Register the scheduled deployment and run its flow runs until interrupted (Ctrl-C or
    SIGTERM), then pause it: with nothing left to run them, scheduled runs would only pile up
    as late. Opens no port."""
    try:
        # Flow.serve keeps this flow object (with its task runner) and runs each flow run in a
        # subprocess started from it, so neither the working directory nor the entrypoint
        # matter.
        flow_for(parameters).serve(
            **deployment_options(parameters, schedule, name), webserver=False
        )
    finally:
        # Prefect pauses on shutdown too, but its SIGTERM handler exits before that finishes.
        try:
            pause(name)
        except Exception as error:  # the server is gone, or the deployment never registered
            print(f"newsfacts serve: could not pause {name}: {error}", file=sys.stderr)


def pause(name: str = DEPLOYMENT_NAME) -> None:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        deployment = client.read_deployment_by_name(f"{FLOW_NAME}/{name}")
        client.pause_deployment(deployment.id)


# --- ui -------------------------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def ui_command(host: str = DEFAULT_UI_HOST, port: int = DEFAULT_UI_PORT) -> list[str]:
    """``prefect server start`` with the UI on, analytics off, bound to host:port."""
    return [
        sys.executable,
        "-m",
        "prefect",
        "server",
        "start",
        "--host",
        host,
        "--port",
        str(port),
        "--ui",
        "--analytics-off",
    ]


def ui_url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def require_free_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            raise ServeError(
                f"cannot listen on {host}:{port} ({error.strerror}): is a Prefect server "
                "already running there? Choose another with --port"
            ) from None
