"""How a run's batches are executed: the Prefect task runner the run parameters ask for.

- ``thread`` (default) and ``sequential``: threads of the flow's own process (two, or one).
- ``dask``: prefect-dask's DaskTaskRunner. With ``--dask-address`` the batches go to that
  running scheduler's workers; without it the run starts a LocalCluster of
  ``LOCAL_CLUSTER_WORKERS`` worker processes on this machine and stops it when the run ends.

Only ``process-batch`` and ``reextract-part`` tasks are submitted to the runner; they write
their own Parquet parts and return small summaries. Planning, commit and publish run in the
flow's process whatever the runner (flows/pipeline.py).

Task runs on Dask workers report to the Prefect API themselves. Without PREFECT_API_URL every
worker process would start an embedded server of its own (seconds each, all writing to one
SQLite file), so ``prefect_api_for_workers`` starts the embedded server once, here, and hands
its address to the workers.

Import this module only after ``flows.settings.configure_prefect_environment()``: Prefect reads
its settings when it is first imported.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from flows.parameters import RUNNER_WORKERS, RunParameters

if TYPE_CHECKING:
    from prefect import Flow
    from prefect.task_runners import TaskRunner

# The LocalCluster a dask run starts without --dask-address: as many batches at once as the
# thread runner, but in processes, so extraction is not limited to one Python interpreter.
LOCAL_CLUSTER_WORKERS = RUNNER_WORKERS["dask"]
# How long to wait for a Dask scheduler to accept a connection before refusing the run.
SCHEDULER_CONNECT_TIMEOUT_S = 5.0


class RunnerError(RuntimeError):
    """The task runner cannot work as asked; the message says why and what to do."""


def local_cluster_options(workers: int = LOCAL_CLUSTER_WORKERS) -> dict[str, Any]:
    """``distributed.LocalCluster`` keyword arguments: worker processes with one thread each
    (polars already uses every core of its process), on loopback, without dashboards."""
    cores = os.cpu_count() or 1
    # Each worker is its own process with its own polars thread pool: share the cores out
    # instead of starting workers x cores threads (a user's own setting wins).
    polars_threads = os.environ.get("POLARS_MAX_THREADS") or str(max(1, cores // workers))
    return {
        "n_workers": workers,
        "threads_per_worker": 1,
        "processes": True,
        "host": "127.0.0.1",
        "dashboard_address": None,
        "env": {"POLARS_MAX_THREADS": polars_threads},
    }


def build_task_runner(runner: str, dask_address: str | None = None) -> TaskRunner[Any]:
    """The Prefect task runner for a runner name ("thread", "sequential" or "dask")."""
    if runner in ("thread", "sequential"):
        if dask_address:
            raise RunnerError(f"a Dask scheduler address needs the dask runner, not {runner!r}")
        from prefect.task_runners import ThreadPoolTaskRunner

        return ThreadPoolTaskRunner(max_workers=RUNNER_WORKERS[runner])
    if runner == "dask":
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(
            cluster_class="distributed.LocalCluster", cluster_kwargs=local_cluster_options()
        )
    raise RunnerError(f"unknown runner {runner!r}: use thread, sequential or dask")


def flow_for(parameters: RunParameters) -> Flow[..., dict[str, Any]]:
    """The pipeline flow with the task runner the parameters ask for."""
    from flows.pipeline import newsfacts_flow

    return newsfacts_flow.with_options(
        task_runner=build_task_runner(parameters.runner, parameters.dask_address)
    )


def is_loopback_address(address: str) -> bool:
    """Whether a scheduler address (scheme://host:port) is on this machine's loopback."""
    host = urlsplit(address).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def require_reachable_scheduler(address: str, timeout: float = SCHEDULER_CONNECT_TIMEOUT_S) -> None:
    """Refuse, before a run starts, a scheduler address nothing listens on (Dask itself would
    retry for 30 s and then fail the flow with a bare OSError)."""
    parts = urlsplit(address)
    try:
        with socket.create_connection((parts.hostname or "", parts.port or 0), timeout=timeout):
            pass
    except OSError as error:
        why = error.strerror or type(error).__name__
        raise RunnerError(
            f"cannot reach the Dask scheduler at {address} ({why}): is `dask scheduler` "
            "running there, and its port open to this machine?"
        ) from None


@contextmanager
def prefect_api_for_workers(parameters: RunParameters) -> Iterator[str | None]:
    """Around a run: make the Prefect API that the flow reports to reachable by task runs in
    Dask worker processes too, and yield its URL (None for thread runners, which share the
    flow's process and client).

    With PREFECT_API_URL set (a server, or the test harness) it is passed on as it is. Without
    it the embedded server starts here, once, and the run uses its URL; workers get the URL in
    the task's serialised settings and, for worker processes started by the run's
    LocalCluster, in their environment. A remote scheduler's workers cannot reach this
    machine's loopback: that needs a real server."""
    if parameters.runner != "dask":
        yield None
        return
    from prefect.settings import PREFECT_API_URL, temporary_settings

    url = PREFECT_API_URL.value()
    if not url:
        address = parameters.dask_address
        if address and not is_loopback_address(address):
            raise RunnerError(
                f"the workers of the Dask scheduler at {address} cannot report to Prefect's "
                "embedded server (it listens on this machine's loopback only). Start a server "
                "the workers can reach and point PREFECT_API_URL at it, e.g. `newsfacts ui "
                "--host 0.0.0.0` and PREFECT_API_URL=http://<this host>:4200/api"
            )
        from prefect.server.api.server import SubprocessASGIServer

        server = SubprocessASGIServer()  # the one embedded server of this process
        server.start()
        url = server.api_url
    _quiet_dask_logs()
    saved = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = url  # inherited by LocalCluster worker processes
    try:
        with temporary_settings(updates={PREFECT_API_URL: url}):
            yield url
    finally:
        if saved is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = saved


def _quiet_dask_logs() -> None:
    """Dask logs every worker start and stop at INFO; a run's output keeps warnings only (a
    user's own DASK_LOGGING__DISTRIBUTED wins, and reaches worker processes too)."""
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    level = os.environ["DASK_LOGGING__DISTRIBUTED"].upper()
    logging.getLogger("distributed").setLevel(getattr(logging, level, logging.WARNING))
