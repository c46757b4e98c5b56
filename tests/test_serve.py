"""Scheduled operation: `newsfacts serve`, `newsfacts ui` and prefect.yaml.

The fast tests check the command-line refusals and the generated commands. The real-server
tests start `newsfacts ui` (a real `prefect server start` on a free loopback port, with its own
PREFECT_HOME in a temporary folder), serve the deployment with `newsfacts serve` from another
directory, trigger one run and check the warehouse it publishes. They take about a minute.
"""

from __future__ import annotations

import contextlib
import inspect
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import duckdb
import httpx
import pytest
import yaml

from flows.cli import main
from flows.settings import DB_FILE_NAME, PROJECT_ROOT, SAMPLES_DIR

CONSOLE_SCRIPT = Path(sys.executable).parent / "newsfacts"
SERVER_START_SECONDS = 180  # a cold `prefect server start` takes 15-30 s on this machine
RUN_SECONDS = 300
CRON = "0 * * * *"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def no_prefect_server() -> Iterator[None]:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        yield


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- serve: refusals ------------------------------------------------------------------------


def test_serve_without_a_server_says_how_to_start_one(
    no_prefect_server: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(["serve", "--cron", CRON, "--warehouse", str(tmp_path)], capsys)
    assert code == 1 and out == ""
    assert "PREFECT_API_URL is not set" in err
    assert "newsfacts ui --port 4200" in err
    assert 'PREFECT_API_URL=http://127.0.0.1:4200/api newsfacts serve --cron "0 * * * *"' in err


def test_serve_with_an_unreachable_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    url = f"http://127.0.0.1:{free_port()}/api"  # nothing listens there
    with temporary_settings(updates={PREFECT_API_URL: url}):
        code, _, err = run_cli(["serve", "--cron", CRON, "--warehouse", str(tmp_path)], capsys)
    assert code == 1
    assert f"cannot reach the Prefect server at {url}" in err and "Traceback" not in err


@pytest.mark.parametrize("expression", ["61 * * * *", "0 * * *", "every hour", ""])
def test_serve_refuses_an_invalid_cron_before_looking_for_a_server(
    no_prefect_server: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], expression: str
) -> None:
    code, _, err = run_cli(["serve", "--cron", expression, "--warehouse", str(tmp_path)], capsys)
    assert code == 2
    assert err.startswith(f"newsfacts serve: invalid cron expression {expression!r}: expected")
    assert "'0 * * * *'" in err


def test_serve_refuses_an_unknown_time_zone(
    no_prefect_server: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(
        ["serve", "--cron", CRON, "--timezone", "Mars/Olympus", "--warehouse", str(tmp_path)],
        capsys,
    )
    assert code == 2 and "unknown time zone 'Mars/Olympus'" in err


def test_serve_validates_the_run_parameters(
    no_prefect_server: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(
        ["serve", "--cron", CRON, str(tmp_path / "nope"), "--batch-mb", "0.0000001"], capsys
    )
    assert code == 2
    assert f"PATH: input path does not exist: {tmp_path / 'nope'}" in err


@pytest.mark.parametrize("name", ["", "a/b", "x%y"])
def test_serve_refuses_a_deployment_name_prefect_cannot_store(
    no_prefect_server: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    code, _, err = run_cli(
        ["serve", "--cron", CRON, "--name", name, "--warehouse", str(tmp_path)], capsys
    )
    assert code == 2 and "--name cannot be empty or contain" in err


def test_cron_schedules() -> None:
    from flows.serve import cron_schedule

    assert cron_schedule(CRON).cron == CRON
    assert cron_schedule("@daily", "Europe/London").timezone == "Europe/London"


def test_deployment_runs_the_flow_by_module_path(tmp_path: Path) -> None:
    from flows.parameters import validate_run_parameters
    from flows.serve import DEPLOYMENT_NAME, build_deployment, cron_schedule

    parameters = validate_run_parameters(paths=[str(SAMPLES_DIR)], warehouse=str(tmp_path))
    deployment = build_deployment(parameters, cron_schedule(CRON))
    assert deployment.name == DEPLOYMENT_NAME
    assert deployment.entrypoint == "flows.pipeline.newsfacts_flow"
    assert deployment.parameters == parameters.flow_parameters()
    assert [s.schedule.cron for s in deployment.schedules] == [CRON]  # type: ignore[union-attr]


# --- ui -------------------------------------------------------------------------------------


class Exec(Exception):
    """Raised by the stand-in for os.execv: what `newsfacts ui` would have become."""


@pytest.fixture
def exec_calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    calls: list[list[str]] = []

    def fake_execv(path: str, argv: list[str]) -> None:
        calls.append(argv)
        raise Exec

    monkeypatch.setattr(os, "execv", fake_execv)
    return calls


def test_ui_starts_prefect_server_on_loopback_with_the_run_history(
    exec_calls: list[list[str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PREFECT_HOME")  # as in a fresh shell
    port = free_port()
    with pytest.raises(Exec):
        main(["ui", "--port", str(port)])
    ((argv),) = exec_calls
    assert argv[0] == sys.executable
    assert argv[1:] == [
        "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port),
        "--ui", "--analytics-off",
    ]  # fmt: skip
    out, err = capsys.readouterr()
    assert f"Prefect UI at http://127.0.0.1:{port}" in out and err == ""
    # The server (exec'd with this environment) uses the home where `newsfacts run` keeps its
    # embedded server's database, so the UI shows those runs.
    assert os.environ["PREFECT_HOME"] == str(PROJECT_ROOT / ".prefect")
    assert f"history in {PROJECT_ROOT / '.prefect'}" in out


def test_ui_warns_when_listening_beyond_loopback(
    exec_calls: list[list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(Exec):
        main(["ui", "--host", "0.0.0.0", "--port", str(free_port())])
    assert "warning: listening on 0.0.0.0" in capsys.readouterr().err


def test_ui_refuses_a_port_in_use(
    exec_calls: list[list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, _, err = run_cli(["ui", "--port", str(port)], capsys)
    assert code == 1 and f"cannot listen on 127.0.0.1:{port}" in err and not exec_calls


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True),
     ("0.0.0.0", False), ("192.168.1.5", False), ("example.org", False)],
)  # fmt: skip
def test_is_loopback(host: str, loopback: bool) -> None:
    from flows.serve import is_loopback

    assert is_loopback(host) is loopback


# --- prefect.yaml ---------------------------------------------------------------------------


def prefect_yaml() -> dict[str, Any]:
    loaded = yaml.safe_load((PROJECT_ROOT / "prefect.yaml").read_text())
    assert isinstance(loaded, dict)
    return loaded


def test_prefect_yaml_is_a_valid_deployment_of_the_flow() -> None:
    from prefect.cli.deploy._models import PrefectYamlModel

    from flows.pipeline import newsfacts_flow
    from flows.serve import DEPLOYMENT_NAME, cron_schedule

    config = PrefectYamlModel.model_validate(prefect_yaml())
    (deployment,) = config.deployments
    assert deployment.name == DEPLOYMENT_NAME
    assert deployment.entrypoint == "flows/pipeline.py:newsfacts_flow"
    file, function = deployment.entrypoint.split(":")
    assert (PROJECT_ROOT / file).is_file()
    import flows.pipeline

    assert getattr(flows.pipeline, function) is newsfacts_flow
    signature = inspect.signature(newsfacts_flow.fn).parameters
    required = {n for n, p in signature.items() if p.default is inspect.Parameter.empty}
    assert required <= set(deployment.parameters) <= set(signature)
    (schedule,) = deployment.schedules or []
    cron = schedule.cron  # type: ignore[union-attr]
    assert cron == CRON and cron_schedule(cron, schedule.timezone)  # type: ignore[union-attr]
    assert deployment.work_pool and deployment.work_pool.name == "newsfacts-pool"


def test_prefect_yaml_parameters_pass_validation_from_the_checkout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from flows.parameters import validate_run_parameters

    (deployment,) = prefect_yaml()["deployments"]
    monkeypatch.chdir(PROJECT_ROOT)  # where `prefect deploy` sets the working directory
    parameters = validate_run_parameters(**deployment["parameters"])
    assert parameters.paths == [str(SAMPLES_DIR)]


# --- against a real Prefect server ----------------------------------------------------------


@dataclass
class Server:
    url: str  # the API, http://127.0.0.1:<port>/api
    env: dict[str, str]  # for processes that talk to it
    log: Path


def _stop(process: subprocess.Popen[bytes], timeout: float = 30, group: bool = True) -> None:
    """SIGTERM a process this test started (or its whole process group: it was started in a
    session of its own, so that is never anything else), then kill the group if need be."""
    if process.poll() is None:
        if group:
            os.killpg(process.pid, signal.SIGTERM)
        else:
            process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout)
    with contextlib.suppress(ProcessLookupError):  # leftovers: e.g. a flow run's subprocess
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(10)


def _tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def _wait_for(
    what: str, check: Callable[[], Any], timeout: float, process: subprocess.Popen[bytes], log: Path
) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        if process.poll() is not None:
            pytest.fail(f"{what}: the process exited with {process.returncode}\n{_tail(log)}")
        time.sleep(1)
    pytest.fail(f"{what}: not within {timeout} s\n{_tail(log)}")


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`newsfacts ui` on a free loopback port, with its own PREFECT_HOME."""
    root = tmp_path_factory.mktemp("prefect-server")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env |= {"PREFECT_HOME": str(root / "home"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    log = root / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(CONSOLE_SCRIPT), "ui", "--port", str(port)],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as one below
        )
    url = f"http://127.0.0.1:{port}/api"

    def healthy() -> bool:
        try:
            return httpx.get(f"{url}/health", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        _wait_for("the Prefect server", healthy, SERVER_START_SECONDS, process, log)
        yield Server(url=url, env=env | {"PREFECT_API_URL": url}, log=log)
    finally:
        _stop(process)


@pytest.fixture
def client_of(prefect_server: Server) -> Iterator[None]:
    """This process's Prefect client talks to the test server."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: prefect_server.url}):
        yield


def test_ui_serves_the_dashboard_on_loopback(prefect_server: Server) -> None:
    page = httpx.get(prefect_server.url.removesuffix("/api") + "/", timeout=10)
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "Prefect UI at http://127.0.0.1:" in prefect_server.log.read_text()


def test_serve_registers_the_schedule_and_runs_the_flow(
    prefect_server: Server, client_of: None, tmp_path: Path
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.objects import FlowRun
    from prefect.deployments import run_deployment

    from flows.serve import DEPLOYMENT_NAME, FLOW_NAME

    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES_DIR, inbox)
    warehouse = tmp_path / "warehouse"
    elsewhere = tmp_path / "cwd"  # not the checkout: the flow must load from anywhere
    elsewhere.mkdir()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        serving = subprocess.Popen(
            [
                str(CONSOLE_SCRIPT),
                "serve",
                "--cron",
                CRON,
                str(inbox),
                "--warehouse",
                "../warehouse",
            ],
            cwd=elsewhere,
            env=prefect_server.env | {"PREFECT_RUNNER_POLL_FREQUENCY": "2"},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    name = f"{FLOW_NAME}/{DEPLOYMENT_NAME}"
    try:
        with get_client(sync_client=True) as client:

            def registered() -> Any:
                try:
                    return client.read_deployment_by_name(name)
                except Exception:  # not there yet
                    return None

            deployment = _wait_for("the served deployment", registered, 120, serving, log)
            assert deployment.entrypoint == "flows.pipeline.newsfacts_flow"
            assert deployment.parameters["paths"] == [str(inbox)]
            assert deployment.parameters["warehouse"] == str(warehouse)
            assert not deployment.paused
            (schedule,) = deployment.schedules
            assert schedule.active and schedule.schedule.cron == CRON

            flow_run = run_deployment(name, timeout=RUN_SECONDS, poll_interval=2)
            assert isinstance(flow_run, FlowRun) and flow_run.state is not None
            assert flow_run.state.is_completed(), f"{flow_run.state!r}\n{_tail(log)}"

            with duckdb.connect(str(warehouse / DB_FILE_NAME), read_only=True) as con:
                row = con.execute("SELECT count(*) FROM documents").fetchone()
            assert row == (4,)

            # Stopping `serve` pauses the schedule: nothing is left to run it. (Once the flow
            # run's own process has finished: the API says Completed a moment before.)
            finished = f"Flow run {flow_run.name!r} - Finished in state Completed"
            _wait_for("the flow run process", lambda: finished in log.read_text(), 60, serving, log)
            _stop(serving, group=False)
            assert serving.returncode == 0, _tail(log)
            assert client.read_deployment_by_name(name).paused, _tail(log)
    finally:
        _stop(serving)


def test_the_server_creates_the_cron_runs(
    prefect_server: Server, client_of: None, tmp_path: Path
) -> None:
    """The server's scheduler turns the cron schedule into scheduled flow runs. (Prefect 3.8's
    scheduler fails on SQLAlchemy 2.1 -- "Can't evaluate bulk DML statement" in the server log
    -- so a deployment is registered but never runs on its schedule.)"""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId

    from flows.parameters import validate_run_parameters
    from flows.serve import build_deployment, cron_schedule

    parameters = validate_run_parameters(paths=[str(SAMPLES_DIR)], warehouse=str(tmp_path))
    deployment = build_deployment(parameters, cron_schedule(CRON), name="schedule-check")
    deployment_id = deployment.apply()
    assert isinstance(deployment_id, UUID)
    with get_client(sync_client=True) as client:

        def scheduled_runs() -> list[Any]:
            return client.read_flow_runs(
                deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id]))
            )

        deadline = time.monotonic() + 60
        while not (runs := scheduled_runs()) and time.monotonic() < deadline:
            time.sleep(2)
    assert runs, "no scheduled runs were created\n" + _tail(prefect_server.log)
    for run in runs:
        assert run.state is not None and run.state.is_scheduled()
        assert run.expected_start_time is not None
        start = run.expected_start_time
        assert (start.minute, start.second) == (0, 0), start


def test_prefect_yaml_deploys_to_a_work_pool(prefect_server: Server, client_of: None) -> None:
    """`prefect deploy` accepts prefect.yaml as it is (only the work pool must exist)."""
    from prefect.client.orchestration import get_client

    from flows.serve import DEPLOYMENT_NAME, FLOW_NAME

    prefect = [sys.executable, "-m", "prefect"]
    env = prefect_server.env | {"PREFECT_CLI_PROMPT": "false"}

    def run(*args: str) -> None:
        done = subprocess.run(
            [*prefect, *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
            timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr

    run("work-pool", "create", "newsfacts-pool", "--type", "process")
    run("--no-prompt", "deploy", "--name", DEPLOYMENT_NAME)
    with get_client(sync_client=True) as client:
        deployment = client.read_deployment_by_name(f"{FLOW_NAME}/{DEPLOYMENT_NAME}")
    assert deployment.entrypoint == "flows/pipeline.py:newsfacts_flow"
    assert deployment.work_pool_name == "newsfacts-pool"
    assert deployment.parameters == {"paths": ["samples"], "warehouse": "warehouse"}
    assert [s.schedule.cron for s in deployment.schedules] == [CRON]  # type: ignore[union-attr]
    assert deployment.pull_steps == [
        {"prefect.deployments.steps.set_working_directory": {"directory": str(PROJECT_ROOT)}}
    ]
