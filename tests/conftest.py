"""Shared fixtures. Prefect's test harness takes ~25 s to start, so it starts once per session
and only when a test that runs the flow asks for it."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from flows.settings import SAMPLES_DIR, configure_prefect_environment

configure_prefect_environment()


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


RunPipeline = Callable[..., dict[str, Any]]


@pytest.fixture
def run_pipeline(prefect_harness: None) -> RunPipeline:
    from flows.pipeline import newsfacts_flow

    def run(paths: list[Path], warehouse: Path, **options: Any) -> dict[str, Any]:
        return newsfacts_flow(paths=[str(p) for p in paths], warehouse=str(warehouse), **options)

    return run


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """A writable copy of the bundled samples."""
    target = tmp_path / "inbox"
    shutil.copytree(SAMPLES_DIR, target)
    return target
