"""Where things live, and the environment the embedded Prefect server needs."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = PROJECT_ROOT / "samples"
SQL_DIR = PROJECT_ROOT / "sql"
DB_FILE_NAME = "newsfacts.duckdb"

# Prefect's embedded server needs 15-30 s to start on a cold machine; its default limit is 20 s.
PREFECT_STARTUP_TIMEOUT_SECONDS = "180"


def default_warehouse() -> Path:
    return Path(os.environ.get("NEWSFACTS_WAREHOUSE") or "warehouse")


def storage_version() -> str | None:
    """The DuckDB storage format the warehouse file is written in, for older readers: e.g.
    ``v1.0.0`` lets every DuckDB >= 1.0 open it. Unset: DuckDB's own default."""
    return os.environ.get("NEWSFACTS_DUCKDB_STORAGE_VERSION") or None


def configure_prefect_environment() -> None:
    """Set Prefect's defaults for embedded runs, before prefect is imported.

    A user's own settings win: only unset variables are filled in."""
    home = PROJECT_ROOT / ".prefect"
    if not (PROJECT_ROOT / "pyproject.toml").exists():  # installed as a wheel, not a checkout
        home = Path.home() / ".newsfacts" / "prefect"
    os.environ.setdefault("PREFECT_HOME", str(home))
    os.environ.setdefault(
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", PREFECT_STARTUP_TIMEOUT_SECONDS
    )
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_UI_ENABLED", "false")
