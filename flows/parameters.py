"""The parameters of a newsfacts run, validated before anything runs.

One pydantic model serves the command line (``newsfacts run`` and ``newsfacts serve``) and
the flow, so a run started from the CLI, a schedule or the Prefect UI is refused with the same
clear message. Validation only looks: it never creates the warehouse.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator

from flows.readers import Limits

KIB = 1024
MIB = 1024**2
GIB = 1024**3

DEFAULT_BATCH_BYTES = 32 * MIB
# Upper bounds keep a typo (a size in bytes given as megabytes) from exhausting memory: a batch
# is held in memory by each of the two concurrent tasks, an article several times over.
MAX_BATCH_BYTES = 4 * GIB
MAX_ARTICLE_BYTES = 1 * GIB
MAX_FILE_BYTES = 1024 * GIB

Runner = Literal["thread", "sequential", "dask"]
# How many batches a runner processes at once ("dask": the default LocalCluster's worker
# processes; a cluster at --dask-address has as many as it has).
RUNNER_WORKERS: dict[str, int] = {"thread": 2, "sequential": 1, "dask": 2}
# Dask scheduler address schemes a run can connect to (dask's default is tcp).
DASK_SCHEMES = ("tcp", "tls")


class ParameterError(ValueError):
    """Run parameters were refused: ``problems`` is (parameter, message) pairs; the message
    has one line per problem."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("\n".join(f"{name}: {message}" for name, message in problems))
        self.problems = problems


def _size(n: int) -> str:
    for unit, scale in (("GiB", GIB), ("MiB", MIB), ("KiB", KIB)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n} bytes"


def _is_within(inner: Path, outer: Path) -> bool:
    return inner == outer or inner.is_relative_to(outer)


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


class RunParameters(BaseModel):
    """What ``flows.pipeline.newsfacts_flow`` is called with, plus the task runner."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    paths: list[str]
    warehouse: str
    full_refresh: bool = False
    max_article_bytes: int = Limits.max_article_bytes
    max_file_bytes: int = Limits.max_file_bytes
    batch_bytes: int = DEFAULT_BATCH_BYTES
    # Extractor names are checked where the extractors are (the CLI and the flow).
    reextract: list[str] | None = None
    runner: Runner = "thread"
    # A running Dask scheduler (tcp://host:port); with runner "dask" only. Without it, a run
    # starts a LocalCluster of its own (flows/runners.py).
    dask_address: str | None = None

    @field_validator("paths")
    @classmethod
    def _inputs_exist_and_are_readable(cls, paths: list[str]) -> list[str]:
        if not paths:
            raise ValueError("give at least one input file or folder")
        problems: list[str] = []
        missing = [p for p in paths if not os.path.exists(p)]
        if missing:
            problems.append("input path does not exist: " + ", ".join(missing))
        for given in paths:
            if given in missing:
                continue
            path = Path(given)
            if not (path.is_dir() or path.is_file()):
                problems.append(f"input path is not a regular file or folder: {given}")
            elif path.is_dir() and not os.access(path, os.R_OK | os.X_OK):
                problems.append(f"input folder is not readable: {given}")
            elif path.is_file() and not os.access(path, os.R_OK):
                problems.append(f"input file is not readable: {given}")
        if problems:
            raise ValueError("; ".join(problems))
        # Absolute, so a scheduled run started from another working directory reads the same.
        return [os.path.abspath(p) for p in paths]

    @field_validator("warehouse")
    @classmethod
    def _warehouse_is_a_writable_folder(cls, warehouse: str, info: ValidationInfo) -> str:
        if not warehouse.strip():
            raise ValueError("the warehouse path is empty")
        path = Path(os.path.abspath(warehouse))
        # A warehouse inside an input folder would ingest its own reports on the next run.
        for given in info.data.get("paths", []):  # absent when the paths were refused
            root = Path(given).resolve()
            if root.is_dir() and _is_within(path.resolve(), root):
                raise ValueError(
                    f"the warehouse {warehouse} is inside the input folder {given}: "
                    "the next run would read its own output; choose a folder elsewhere"
                )
        if path.exists():
            if not path.is_dir():
                raise ValueError(f"the warehouse is not a folder: {warehouse}")
            if not os.access(path, os.W_OK | os.X_OK):
                raise ValueError(f"the warehouse folder is not writable: {warehouse}")
        else:
            parent = _nearest_existing(path.parent)
            if not parent.is_dir():
                raise ValueError(f"cannot create the warehouse {warehouse}: {parent} is a file")
            if not os.access(parent, os.W_OK | os.X_OK):
                raise ValueError(
                    f"cannot create the warehouse {warehouse}: {parent} is not writable"
                )
        return str(path)

    @field_validator("batch_bytes")
    @classmethod
    def _sane_batch(cls, value: int) -> int:
        return _within_bounds("batch size", value, MAX_BATCH_BYTES)

    @field_validator("max_article_bytes")
    @classmethod
    def _sane_article_limit(cls, value: int) -> int:
        return _within_bounds("article size limit", value, MAX_ARTICLE_BYTES)

    @field_validator("max_file_bytes")
    @classmethod
    def _sane_file_limit(cls, value: int) -> int:
        return _within_bounds("file size limit", value, MAX_FILE_BYTES)

    @field_validator("dask_address")
    @classmethod
    def _dask_scheduler_address(cls, address: str | None, info: ValidationInfo) -> str | None:
        if address is None:
            return None
        if info.data.get("runner", "dask") != "dask":  # absent when the runner was refused
            raise ValueError(
                f"a Dask scheduler address needs the dask runner (--runner dask), "
                f"not {info.data['runner']!r}"
            )
        return normalise_dask_address(address)

    def flow_parameters(self) -> dict[str, Any]:
        """Keyword arguments for ``newsfacts_flow`` (the runner is applied to the flow, not
        passed to it)."""
        return self.model_dump(exclude={"runner", "dask_address"})

    @property
    def workers(self) -> int:
        return RUNNER_WORKERS[self.runner]


def normalise_dask_address(address: str) -> str:
    """``scheme://host:port`` of a Dask scheduler (``host:port`` means tcp), or a ValueError
    saying what a scheduler address looks like."""
    example = "expected a Dask scheduler address such as tcp://10.0.0.5:8786"
    given = address.strip()
    scheme, separator, rest = given.partition("://")
    if not separator:
        scheme, rest = "tcp", given
    if scheme not in DASK_SCHEMES:
        raise ValueError(
            f"unsupported scheme {scheme!r} in {address!r}: use one of "
            f"{', '.join(s + '://' for s in DASK_SCHEMES)}; {example}"
        )
    problem = ValueError(f"not a host:port address: {address!r}; {example}")
    try:
        parsed = urlsplit(f"{scheme}://{rest}")
        port = parsed.port
    except ValueError:  # a port that is not a number or out of range, a broken [IPv6]
        raise problem from None
    extra = "@" in parsed.netloc or parsed.path or parsed.query or parsed.fragment
    if not parsed.hostname or not port or extra:
        raise problem
    host = f"[{parsed.hostname}]" if ":" in parsed.hostname else parsed.hostname
    return f"{scheme}://{host}:{port}"


def _within_bounds(what: str, value: int, maximum: int) -> int:
    if value <= 0:
        raise ValueError(f"the {what} must be more than 0 bytes, got {value}")
    if value > maximum:
        raise ValueError(f"the {what} must be at most {_size(maximum)}, got {_size(value)}")
    return value


def validation_problems(error: ValidationError) -> list[tuple[str, str]]:
    """(parameter, message) per problem, without pydantic's boilerplate."""
    problems = []
    for problem in error.errors(include_url=False):
        where = ".".join(str(part) for part in problem["loc"]) or "parameters"
        problems.append((where, problem["msg"].removeprefix("Value error, ")))
    return problems


def validate_run_parameters(**values: Any) -> RunParameters:
    """The run parameters, or a ParameterError saying what is wrong with them."""
    try:
        return RunParameters(**values)
    except ValidationError as error:
        raise ParameterError(validation_problems(error)) from None
