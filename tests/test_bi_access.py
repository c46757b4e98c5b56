"""BI tools connect the way Superset and Metabase do -- SQLAlchemy with duckdb-engine, read-only
-- and must be able to query every mart while a run publishes: no lock error, and never a
half-published warehouse."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import duckdb
import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.pool import NullPool

from flows.lake import Lake
from flows.publish import publish
from flows.settings import DB_FILE_NAME, SQL_DIR
from tests.conftest import RunPipeline

MARTS = sorted(p.stem for p in (SQL_DIR / "views").glob("*.sql"))
REPUBLISHES = 6


def _republish(warehouse: str, times: int) -> None:
    """What a run's publish step does, again and again: build, check, rename over."""
    for i in range(times):
        publish(Path(warehouse), Lake(Path(warehouse)), f"bi-test-{i}")


def _engine(db: Path) -> Engine:
    # Exactly a BI tool's connection: a SQLAlchemy URL and read-only access.
    return create_engine(f"duckdb:///{db}", connect_args={"read_only": True}, poolclass=NullPool)


def _counts(db: Path) -> dict[str, int]:
    with _engine(db).connect() as conn:
        counts = {m: conn.execute(text(f"SELECT count(*) FROM {m}")).scalar_one() for m in MARTS}
        # A consistent snapshot: the evidence view covers every fact.
        counts["facts"] = conn.execute(text("SELECT count(*) FROM facts")).scalar_one()
        return counts


def test_bi_tool_reads_every_mart_while_a_run_publishes(
    run_pipeline: RunPipeline, inbox: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "warehouse"
    run_pipeline([inbox], warehouse)
    db = warehouse / DB_FILE_NAME
    expected = _counts(db)
    assert expected["facts"] > 0 and expected["fact_evidence"] == expected["facts"]
    assert expected["company_facts"] > 0

    publisher = multiprocessing.get_context("spawn").Process(
        target=_republish, args=(str(warehouse), REPUBLISHES)
    )
    publisher.start()
    reads = 0
    deadline = time.monotonic() + 300
    try:
        while (publisher.is_alive() or reads < 3) and time.monotonic() < deadline:
            assert _counts(db) == expected  # whole warehouses only: old or new, never a mix
            reads += 1
    finally:
        publisher.join(timeout=300)
    assert publisher.exitcode == 0
    assert reads >= 3
    # The publisher really replaced the file under the readers.
    assert not list(warehouse.glob(f".{DB_FILE_NAME}.*.building"))


@pytest.mark.parametrize("version", ["v1.0.0", "v1.2.0"])
def test_storage_version_can_be_pinned_for_older_readers(
    run_pipeline: RunPipeline, inbox: Path, tmp_path: Path, version: str
) -> None:
    warehouse = tmp_path / "warehouse"
    run_pipeline([inbox], warehouse)
    publish(warehouse, Lake(warehouse), "pinned", storage_version=version)
    con = duckdb.connect(str(warehouse / DB_FILE_NAME), read_only=True)
    try:
        tags = con.execute(
            "SELECT tags FROM duckdb_databases() WHERE database_name = current_database()"
        ).fetchone()
    finally:
        con.close()
    assert tags is not None and tags[0]["storage_version"].startswith(version)
