"""One Prefect test API for the whole session, isolated from any user profile.

Only flow tests pay for it: the harness (a local API server on a temporary SQLite database)
starts once, lazily, the first time a test here asks for it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def prefect_api() -> Iterator[None]:
    home = tempfile.mkdtemp(prefix="newshygiene-prefect-")
    os.environ["PREFECT_HOME"] = home
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ.pop("PREFECT_API_URL", None)
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
