"""`newsfacts run --runner dask [--dask-address ...]`: the task runner, its parameters, and a
run on a 2-worker LocalCluster that must publish what the thread runner publishes."""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flows.cli import main
from flows.parameters import ParameterError, RunParameters, validate_run_parameters
from flows.pipeline import InputFile, discover, make_batches
from flows.runners import (
    LOCAL_CLUSTER_WORKERS,
    RunnerError,
    build_task_runner,
    flow_for,
    is_loopback_address,
    local_cluster_options,
    prefect_api_for_workers,
    require_reachable_scheduler,
)
from flows.settings import SAMPLES_DIR
from tests.helpers import query
from transforms.schemas import PUBLISHED_TABLES


def parameters(tmp_path: Path, **values: Any) -> RunParameters:
    return validate_run_parameters(
        paths=[str(SAMPLES_DIR)], warehouse=str(tmp_path / "wh"), **values
    )


def refusal(tmp_path: Path, **values: Any) -> dict[str, str]:
    with pytest.raises(ParameterError) as refused:
        parameters(tmp_path, **values)
    return dict(refused.value.problems)


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- building the task runner ---------------------------------------------------------------


@pytest.mark.parametrize(("runner", "threads"), [("thread", 2), ("sequential", 1)])
def test_thread_runners(runner: str, threads: int) -> None:
    from prefect.task_runners import ThreadPoolTaskRunner

    built = build_task_runner(runner)
    assert isinstance(built, ThreadPoolTaskRunner)
    assert built._max_workers == threads


def test_dask_without_an_address_starts_a_local_cluster_of_processes() -> None:
    from prefect_dask import DaskTaskRunner

    built = build_task_runner("dask")
    assert isinstance(built, DaskTaskRunner)
    assert built.address is None and built.cluster_class == "distributed.LocalCluster"
    options = built.cluster_kwargs
    assert options["n_workers"] == LOCAL_CLUSTER_WORKERS == 2
    assert options["processes"] is True and options["threads_per_worker"] == 1
    assert options["host"] == "127.0.0.1" and options["dashboard_address"] is None


def test_dask_with_an_address_connects_to_that_scheduler() -> None:
    from prefect_dask import DaskTaskRunner

    built = build_task_runner("dask", "tcp://10.0.0.5:8786")
    assert isinstance(built, DaskTaskRunner)
    assert built.address == "tcp://10.0.0.5:8786" and not built.cluster_kwargs


def test_local_workers_share_the_cores_between_their_polars_pools(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("POLARS_MAX_THREADS", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert local_cluster_options(2)["env"] == {"POLARS_MAX_THREADS": "4"}
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert local_cluster_options(2)["env"] == {"POLARS_MAX_THREADS": "1"}
    monkeypatch.setenv("POLARS_MAX_THREADS", "3")  # the user's own setting wins
    assert local_cluster_options(2)["env"] == {"POLARS_MAX_THREADS": "3"}


def test_bad_runner_combinations_are_refused() -> None:
    with pytest.raises(RunnerError, match="unknown runner 'ray'"):
        build_task_runner("ray")
    with pytest.raises(RunnerError, match="needs the dask runner"):
        build_task_runner("thread", "tcp://127.0.0.1:8786")


def test_flow_for_applies_the_runner(tmp_path: Path) -> None:
    from prefect_dask import DaskTaskRunner

    flow = flow_for(parameters(tmp_path, runner="dask", dask_address="tcp://127.0.0.1:8786"))
    assert isinstance(flow.task_runner, DaskTaskRunner)
    assert flow.task_runner.address == "tcp://127.0.0.1:8786"


# --- parameters -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("tcp://10.0.0.5:8786", "tcp://10.0.0.5:8786"),
        ("10.0.0.5:8786", "tcp://10.0.0.5:8786"),
        (" tls://scheduler.internal:8786 ", "tls://scheduler.internal:8786"),
        ("tcp://[::1]:8786", "tcp://[::1]:8786"),
    ],
)
def test_dask_addresses_are_normalised(tmp_path: Path, given: str, kept: str) -> None:
    chosen = parameters(tmp_path, runner="dask", dask_address=given)
    assert chosen.dask_address == kept
    flow_parameters = chosen.flow_parameters()
    assert "dask_address" not in flow_parameters and "runner" not in flow_parameters


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("http://10.0.0.5:8786", "unsupported scheme 'http'"),
        ("tcp://10.0.0.5", "not a host:port address"),
        ("tcp://10.0.0.5:port", "not a host:port address"),
        ("tcp://10.0.0.5:70000", "not a host:port address"),
        ("tcp://:8786", "not a host:port address"),
        ("tcp://10.0.0.5:8786/path", "not a host:port address"),
        ("tcp://user@10.0.0.5:8786", "not a host:port address"),
        ("tcp://[::1:8786", "not a host:port address"),
        ("", "not a host:port address"),
    ],
)
def test_bad_dask_addresses_are_refused_clearly(tmp_path: Path, given: str, message: str) -> None:
    found = refusal(tmp_path, runner="dask", dask_address=given)["dask_address"]
    assert message in found and "such as tcp://10.0.0.5:8786" in found


def test_an_address_needs_the_dask_runner(tmp_path: Path) -> None:
    found = refusal(tmp_path, dask_address="tcp://10.0.0.5:8786")
    assert found == {
        "dask_address": "a Dask scheduler address needs the dask runner (--runner dask), "
        "not 'thread'"
    }


def test_an_unknown_runner_names_the_known_ones(tmp_path: Path) -> None:
    found = refusal(tmp_path, runner="threads", dask_address="tcp://10.0.0.5:8786")
    assert set(found) == {"runner"}  # no second, confusing message about the address
    assert all(f"'{name}'" in found["runner"] for name in ("thread", "sequential", "dask"))


# --- the command line -----------------------------------------------------------------------


def test_cli_bad_address_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            *("run", "--warehouse", str(tmp_path / "wh")),
            *("--runner", "dask", "--dask-address", "http://10.0.0.5:8786"),
        ]
    )
    assert code == 2
    assert capsys.readouterr().err.startswith(
        "newsfacts run: --dask-address: unsupported scheme 'http'"
    )


def test_cli_address_without_the_dask_runner_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["run", "--warehouse", str(tmp_path / "wh"), "--dask-address", "tcp://h:8786"])
    assert code == 2 and "--dask-address: a Dask scheduler address needs the dask runner" in (
        capsys.readouterr().err
    )


def test_cli_unknown_runner_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["run", "--runner", "ray"])
    err = capsys.readouterr().err
    assert exited.value.code == 2 and "invalid choice: 'ray'" in err and "'dask'" in err


def test_cli_unreachable_scheduler_is_refused_before_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    address = f"tcp://127.0.0.1:{closed_port()}"
    code = main(
        ["run", "--warehouse", str(tmp_path / "wh"), "--runner", "dask", "--dask-address", address]
    )
    assert code == 1
    assert f"cannot reach the Dask scheduler at {address}" in capsys.readouterr().err
    assert not (tmp_path / "wh").exists()


@pytest.mark.parametrize(
    ("argv", "runner", "address"),
    [
        ([], "thread", None),
        (["--runner", "sequential"], "sequential", None),
        (["--runner", "dask"], "dask", None),
        (["--runner", "dask", "--dask-address", "SCHEDULER"], "dask", "SCHEDULER"),
    ],
)
def test_cli_runs_the_flow_with_the_chosen_runner(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    runner: str,
    address: str | None,
) -> None:
    import contextlib

    import flows.runners

    chosen: list[tuple[RunParameters, dict[str, Any]]] = []

    def fake_flow_for(parameters: RunParameters) -> Any:
        def run(**kwargs: Any) -> dict[str, Any]:
            chosen.append((parameters, kwargs))
            return {}  # printing the summary is not under test here

        return run

    api_contexts: list[str] = []

    @contextlib.contextmanager
    def fake_api(parameters: RunParameters) -> Iterator[None]:
        api_contexts.append(parameters.runner)  # the embedded server is not started here
        yield

    monkeypatch.setattr(flows.runners, "flow_for", fake_flow_for)
    monkeypatch.setattr(flows.runners, "prefect_api_for_workers", fake_api)
    monkeypatch.setattr("flows.cli.print_run_summary", lambda summary: None)
    with socket.socket() as scheduler:  # something listening, for the reachability check
        scheduler.bind(("127.0.0.1", 0))
        scheduler.listen()
        listening = f"tcp://127.0.0.1:{scheduler.getsockname()[1]}"
        argv = [listening if a == "SCHEDULER" else a for a in argv]
        code = main(["run", "--warehouse", str(tmp_path / "wh"), *argv])
    assert code == 0, capsys.readouterr().err
    ((parameters, kwargs),) = chosen
    assert parameters.runner == runner and api_contexts == [runner]
    assert parameters.dask_address == (listening if address else None)
    assert "runner" not in kwargs and "dask_address" not in kwargs
    if runner == "dask":
        where = listening if address else "a local cluster of 2 worker processes"
        assert f"Processing batches on Dask: {where}." in capsys.readouterr().out


# --- the Prefect API the workers report to --------------------------------------------------


def test_loopback_addresses() -> None:
    assert is_loopback_address("tcp://127.0.0.1:8786")
    assert is_loopback_address("tcp://localhost:8786")
    assert is_loopback_address("tcp://[::1]:8786")
    assert not is_loopback_address("tcp://10.0.0.5:8786")
    assert not is_loopback_address("tcp://scheduler.internal:8786")


def test_reachable_scheduler() -> None:
    with socket.socket() as scheduler:
        scheduler.bind(("127.0.0.1", 0))
        scheduler.listen()
        require_reachable_scheduler(f"tcp://127.0.0.1:{scheduler.getsockname()[1]}")
    with pytest.raises(RunnerError, match="cannot reach the Dask scheduler"):
        require_reachable_scheduler(f"tcp://127.0.0.1:{closed_port()}", timeout=2)


def test_thread_runs_leave_the_prefect_api_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with prefect_api_for_workers(parameters(tmp_path)) as url:
        assert url is None and "PREFECT_API_URL" not in os.environ


def test_dask_workers_get_the_configured_api(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    chosen = parameters(tmp_path, runner="dask", dask_address="tcp://10.0.0.5:8786")
    with temporary_settings(updates={PREFECT_API_URL: "http://prefect.internal:4200/api"}):
        with prefect_api_for_workers(chosen) as url:
            assert url == "http://prefect.internal:4200/api"
            # Local worker processes inherit it from the environment.
            assert os.environ["PREFECT_API_URL"] == url
            assert PREFECT_API_URL.value() == url
        assert "PREFECT_API_URL" not in os.environ


def test_remote_workers_cannot_use_the_embedded_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    chosen = parameters(tmp_path, runner="dask", dask_address="tcp://10.0.0.5:8786")
    with (
        temporary_settings(restore_defaults={PREFECT_API_URL}),
        pytest.raises(RunnerError, match="cannot report to Prefect's embedded server"),
        prefect_api_for_workers(chosen),
    ):
        pass


# --- a whole run on a 2-worker LocalCluster -------------------------------------------------

GENERATED_TXT = 160
FEEDS, FEED_LINES = 4, 30
DUPLICATED = 5  # articles of .txt files repeated in the last feed (credited to the .txt file)


def generated_article(fake: Any, i: int) -> tuple[str, str]:
    """(title, body) of a plausible business news article, different for every i."""
    company, rival = fake.company(), fake.company()
    person, city = fake.name(), fake.city()
    year = 2010 + i % 10
    title = f"{company} reports {fake.word()} quarter"
    body = (
        f"{city} (Reuters) - {company} said on {fake.day_of_week()} that revenue rose "
        f"{5 + i % 40}.{i % 10}% to ${1 + i % 90}.{i % 7} billion in the {fake.month_name()} "
        f"quarter of {year}, ahead of {rival}.\n\n"
        f'"We expect to sell {2 + i % 50} million units next year," chief executive {person} '
        f"said in a statement. {company} plans to cut {100 + 10 * i} jobs by March {year + 1} "
        f"and ranks {1 + i % 5}th in its market, according to Gartner.\n\n"
        f"{fake.paragraph(nb_sentences=3)}\n"
    )
    return title, body


def write_inputs(folder: Path) -> None:
    """The bundled samples, generated .txt articles, JSONL feeds (one repeating articles of
    .txt files), and two files that are rejected."""
    from faker import Faker

    fake = Faker("en_US")
    Faker.seed(7)
    random.seed(7)
    folder.mkdir()
    shutil.copytree(SAMPLES_DIR, folder / "samples")
    articles = [generated_article(fake, i) for i in range(GENERATED_TXT + FEEDS * FEED_LINES)]
    for i, (title, body) in enumerate(articles[:GENERATED_TXT]):
        (folder / f"article_{i:03d}.txt").write_text(f"{title}\n\n{body}", encoding="utf-8")
    feeds = articles[GENERATED_TXT:]
    for n in range(FEEDS):
        chunk = feeds[n * FEED_LINES : (n + 1) * FEED_LINES]
        if n == FEEDS - 1:
            chunk += articles[:DUPLICATED]
        lines = [
            json.dumps(
                {"id": f"f{n}-{j}", "title": t, "body": b, "date": f"2015-0{1 + n}-1{j % 10}"}
            )
            for j, (t, b) in enumerate(chunk)
        ]
        lines.append('{"id": 1, "body": ["not", "text"]}')  # an invalid record
        (folder / f"feed_{n}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)


# Differ between two runs by design: the run that wrote a row, and when.
RUN_BOOKKEEPING = {"run_id", "part_id", "started_at", "finished_at"}


def published(warehouse: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every published table, rows sorted, without run bookkeeping columns."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    for table in PUBLISHED_TABLES:
        columns = [
            name
            for (name,) in query(
                warehouse,
                "SELECT column_name FROM duckdb_columns() WHERE table_name = "
                f"'{table.name}' ORDER BY column_index",
            )
            if name not in RUN_BOOKKEEPING
        ]
        select = ", ".join(f'"{c}"' for c in columns)
        tables[table.name] = query(warehouse, f'SELECT {select} FROM "{table.name}" ORDER BY ALL')
    return tables


@pytest.fixture
def local_cluster(monkeypatch: pytest.MonkeyPatch, prefect_harness: None) -> Iterator[Any]:
    """A LocalCluster with the options a dask run starts by default (2 worker processes), its
    workers started the way a cluster's are: with PREFECT_API_URL in their environment."""
    from distributed import LocalCluster
    from prefect.settings import PREFECT_API_URL

    monkeypatch.setenv("PREFECT_API_URL", str(PREFECT_API_URL.value()))
    monkeypatch.setenv("DASK_LOGGING__DISTRIBUTED", "warning")
    with LocalCluster(**local_cluster_options()) as cluster:
        yield cluster


def test_dask_run_publishes_what_the_thread_run_publishes(
    tmp_path: Path, local_cluster: Any
) -> None:
    from distributed import Client

    inputs = tmp_path / "inputs"
    write_inputs(inputs)
    small_batches = 8 * 1024  # ~10 files per batch: many batches, finishing in any order
    common = {"paths": [str(inputs)], "batch_bytes": small_batches}

    def run_on_both(**values: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        """The summaries of a run with the thread runner and of the same on the cluster."""
        threads = validate_run_parameters(**values, warehouse=str(tmp_path / "threads"))
        thread_summary = flow_for(threads)(**threads.flow_parameters())
        dask = validate_run_parameters(
            **values,
            warehouse=str(tmp_path / "dask"),
            runner="dask",
            dask_address=local_cluster.scheduler_address,
        )
        with prefect_api_for_workers(dask):
            dask_summary = flow_for(dask)(**dask.flow_parameters())
        return thread_summary, dask_summary

    thread_summary, dask_summary = run_on_both(**common)

    with Client(local_cluster) as client:
        executed = client.run(lambda dask_worker: dask_worker.state.executed_count)
    files = [
        InputFile(str(root), relative, file.stat().st_size, 0, None)
        for root, relative, file, _ in discover([inputs])
    ]
    batches = len(make_batches(files, small_batches))
    # Every batch ran as a task in a worker process, and both workers took some.
    assert batches >= 10
    assert len(executed) == 2 and all(executed.values()), executed
    assert sum(executed.values()) == batches

    assert thread_summary["documents_added"] == 4 + GENERATED_TXT + FEEDS * FEED_LINES
    for count in ("files_seen", "files_new", "files_rejected", "documents_added", "facts_added"):
        assert dask_summary[count] == thread_summary[count], count
    assert dask_summary["row_counts"] == thread_summary["row_counts"]
    want, got = published(tmp_path / "threads"), published(tmp_path / "dask")
    for table in want:
        assert got[table] == want[table], f"{table} differs between the thread and dask runs"
    # The repeated articles are credited to the .txt files they were first seen in.
    credited = query(
        tmp_path / "dask", "SELECT count(*) FROM documents WHERE source_path = 'feed_3.jsonl'"
    )
    assert credited == [(FEED_LINES,)]

    # Re-extraction (rules changed) maps the lake's parts over the workers the same way.
    thread_summary, dask_summary = run_on_both(**common, reextract=["quotes"])
    assert dask_summary["documents_reextracted"] == thread_summary["documents_reextracted"] > 0
    want, got = published(tmp_path / "threads"), published(tmp_path / "dask")
    for table in want:
        assert got[table] == want[table], f"{table} differs after re-extraction on dask"
