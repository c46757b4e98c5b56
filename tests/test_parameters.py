"""Run parameters (flows/parameters.py): what is refused, with which message, and how
`newsfacts run` reports it. No Prefect server involved."""

from __future__ import annotations

import inspect
import os
from pathlib import Path
from typing import Any

import pytest

from flows.cli import main
from flows.parameters import (
    GIB,
    MIB,
    ParameterError,
    RunParameters,
    validate_run_parameters,
)
from flows.settings import SAMPLES_DIR


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text("Sony said revenue rose 5 percent.")
    return folder


def problems(**values: Any) -> dict[str, str]:
    with pytest.raises(ParameterError) as refused:
        validate_run_parameters(**values)
    return dict(refused.value.problems)


def test_valid_parameters_are_made_absolute(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    parameters = validate_run_parameters(paths=["inbox"], warehouse="wh")
    assert parameters.paths == [str(inbox)]
    assert parameters.warehouse == str(tmp_path / "wh")
    assert (parameters.runner, parameters.workers) == ("thread", 2)
    assert not (tmp_path / "wh").exists(), "validation must not create the warehouse"


def test_flow_parameters_match_the_flow_signature(inbox: Path, tmp_path: Path) -> None:
    from flows.pipeline import newsfacts_flow

    signature = inspect.signature(newsfacts_flow.fn)
    parameters = validate_run_parameters(paths=[str(inbox)], warehouse=str(tmp_path / "wh"))
    passed = parameters.flow_parameters()
    assert set(passed) <= set(signature.parameters)
    for name, parameter in signature.parameters.items():
        if parameter.default is inspect.Parameter.empty:
            assert name in passed
        elif name in passed:
            assert passed[name] == parameter.default, f"default of {name} differs from the flow"


def test_missing_inputs_are_all_named(tmp_path: Path) -> None:
    found = problems(paths=[str(tmp_path / "a"), str(tmp_path / "b")], warehouse=str(tmp_path))
    assert found == {"paths": f"input path does not exist: {tmp_path / 'a'}, {tmp_path / 'b'}"}


def test_no_inputs(tmp_path: Path) -> None:
    assert problems(paths=[], warehouse=str(tmp_path))["paths"].startswith("give at least one")


def test_an_input_that_is_not_a_file_or_folder(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    found = problems(paths=[str(fifo)], warehouse=str(tmp_path / "wh"))
    assert found["paths"] == f"input path is not a regular file or folder: {fifo}"


def test_unreadable_inputs(inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, which can read anything: deny access the way os.access would.
    real_access = os.access
    denied = {str(inbox), str(inbox / "a.txt")}
    monkeypatch.setattr(os, "access", lambda p, mode: str(p) not in denied and real_access(p, mode))
    found = problems(paths=[str(inbox), str(inbox / "a.txt")], warehouse=str(tmp_path / "wh"))
    assert found["paths"] == (
        f"input folder is not readable: {inbox}; input file is not readable: {inbox / 'a.txt'}"
    )


def test_warehouse_that_is_a_file(inbox: Path, tmp_path: Path) -> None:
    file = tmp_path / "wh"
    file.write_text("")
    assert problems(paths=[str(inbox)], warehouse=str(file)) == {
        "warehouse": f"the warehouse is not a folder: {file}"
    }


def test_warehouse_under_a_file(inbox: Path, tmp_path: Path) -> None:
    (tmp_path / "f").write_text("")
    found = problems(paths=[str(inbox)], warehouse=str(tmp_path / "f" / "wh"))
    assert found["warehouse"].endswith(f"{tmp_path / 'f'} is a file")


def test_warehouse_that_cannot_be_written(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing, parent = tmp_path / "existing", tmp_path / "locked"
    existing.mkdir()
    parent.mkdir()
    real_access = os.access
    denied = {str(existing), str(parent)}
    monkeypatch.setattr(os, "access", lambda p, mode: str(p) not in denied and real_access(p, mode))
    assert problems(paths=[str(inbox)], warehouse=str(existing)) == {
        "warehouse": f"the warehouse folder is not writable: {existing}"
    }
    assert problems(paths=[str(inbox)], warehouse=str(parent / "new" / "wh")) == {
        "warehouse": f"cannot create the warehouse {parent / 'new' / 'wh'}: {parent} is not "
        "writable"
    }


@pytest.mark.parametrize("where", [".", "wh", "sub/wh"])
def test_warehouse_inside_an_input_folder(inbox: Path, where: str) -> None:
    warehouse = os.path.normpath(inbox / where)
    found = problems(paths=[str(inbox)], warehouse=warehouse)
    assert found == {
        "warehouse": f"the warehouse {warehouse} is inside the input folder {inbox}: the next "
        "run would read its own output; choose a folder elsewhere"
    }


def test_warehouse_inside_an_input_folder_through_a_symlink(inbox: Path, tmp_path: Path) -> None:
    (tmp_path / "link").symlink_to(inbox)
    found = problems(paths=[str(inbox)], warehouse=str(tmp_path / "link" / "wh"))
    assert "is inside the input folder" in found["warehouse"]


def test_warehouse_beside_inputs_is_fine(inbox: Path, tmp_path: Path) -> None:
    # Beside the input folder, and in the folder holding an input file given by name.
    validate_run_parameters(paths=[str(inbox)], warehouse=str(tmp_path / "wh"))
    validate_run_parameters(paths=[str(inbox / "a.txt")], warehouse=str(inbox / "wh"))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("batch_bytes", 0, "the batch size must be more than 0 bytes, got 0"),
        ("batch_bytes", -5, "the batch size must be more than 0 bytes, got -5"),
        ("batch_bytes", 5 * GIB, "the batch size must be at most 4 GiB, got 5 GiB"),
        ("max_article_bytes", 0, "the article size limit must be more than 0 bytes, got 0"),
        ("max_article_bytes", 2 * GIB, "the article size limit must be at most 1 GiB, got 2 GiB"),
        ("max_file_bytes", 2048 * GIB, "the file size limit must be at most 1.02e+03 GiB, got"),
    ],
)
def test_sizes_must_be_sane(
    inbox: Path, tmp_path: Path, field: str, value: int, message: str
) -> None:
    found = problems(paths=[str(inbox)], warehouse=str(tmp_path / "wh"), **{field: value})
    assert found[field].startswith(message)


def test_sizes_within_bounds_are_kept(inbox: Path, tmp_path: Path) -> None:
    parameters = validate_run_parameters(
        paths=[str(inbox)],
        warehouse=str(tmp_path / "wh"),
        batch_bytes=1,
        max_article_bytes=1 * GIB,
        max_file_bytes=64 * MIB,
    )
    assert (parameters.batch_bytes, parameters.max_article_bytes) == (1, GIB)


def test_runner(inbox: Path, tmp_path: Path) -> None:
    common: dict[str, Any] = {"paths": [str(inbox)], "warehouse": str(tmp_path / "wh")}
    assert validate_run_parameters(**common, runner="sequential").workers == 1
    message = problems(**common, runner="ray")["runner"]
    assert all(f"'{r}'" in message for r in ("thread", "sequential", "dask"))
    assert "runner" not in RunParameters(**common).flow_parameters()


def test_unknown_parameters_are_refused(inbox: Path, tmp_path: Path) -> None:
    found = problems(paths=[str(inbox)], warehouse=str(tmp_path / "wh"), batch_mb=32)
    assert found == {"batch_mb": "Extra inputs are not permitted"}


def test_every_problem_is_reported_on_its_own_line(tmp_path: Path) -> None:
    with pytest.raises(ParameterError) as refused:
        validate_run_parameters(paths=[str(tmp_path / "nope")], warehouse="", batch_bytes=0)
    assert str(refused.value).splitlines() == [
        f"paths: input path does not exist: {tmp_path / 'nope'}",
        "warehouse: the warehouse path is empty",
        "batch_bytes: the batch size must be more than 0 bytes, got 0",
    ]


# --- the command line -----------------------------------------------------------------------


def test_run_names_the_command_line_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["run", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "wh"), "--batch-mb", "5000"]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"newsfacts run: PATH: input path does not exist: {tmp_path / 'nope'}",
        "  --batch-mb: the batch size must be at most 4 GiB, got 4.88 GiB",
    ]
    assert not (tmp_path / "wh").exists()


def test_run_refuses_a_warehouse_inside_its_input(
    inbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["run", str(inbox), "--warehouse", str(inbox / "wh")])
    assert code == 2 and "is inside the input folder" in capsys.readouterr().err
    assert not (inbox / "wh").exists()


def test_run_bad_runner_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["run", "--runner", "ray"])
    assert exited.value.code == 2 and "invalid choice: 'ray'" in capsys.readouterr().err


@pytest.mark.parametrize(("runner", "workers"), [("thread", 2), ("sequential", 1)])
def test_run_calls_the_flow_with_the_validated_parameters(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    runner: str,
    workers: int,
) -> None:
    import flows.runners

    calls: list[tuple[int, dict[str, Any]]] = []
    real_flow_for = flows.runners.flow_for

    def fake_flow_for(parameters: RunParameters) -> Any:
        real = real_flow_for(parameters)
        max_workers = real.task_runner._max_workers  # type: ignore[attr-defined]

        def run(**kwargs: Any) -> dict[str, Any]:
            calls.append((max_workers, kwargs))
            return {
                "run_id": "r",
                "database": "db",
                "files_seen": 4,
                "files_new": 4,
                "files_changed": 0,
                "files_skipped": 0,
                "files_rejected": 0,
                "documents_added": 4,
                "row_counts": {},
            }

        return run

    monkeypatch.setattr(flows.runners, "flow_for", fake_flow_for)
    monkeypatch.chdir(tmp_path)
    code = main(["run", "--warehouse", "wh", "--batch-mb", "1", "--runner", runner])
    assert code == 0, capsys.readouterr().err
    ((max_workers, kwargs),) = calls
    assert max_workers == workers
    assert kwargs["paths"] == [str(SAMPLES_DIR)]
    assert kwargs["warehouse"] == str(tmp_path / "wh")
    assert kwargs["batch_bytes"] == MIB and "runner" not in kwargs
