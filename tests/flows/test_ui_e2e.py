"""End to end, where operators look: a real Prefect server, a real run, a real browser.

Starts `prefect server start` (flows.server), runs `newshygiene run` on the sample corpus in a
subprocess pointed at it (the session's test harness would otherwise capture the run), opens
the flow run's Artifacts tab in headless Chromium, and checks that the numbers the UI shows are
the manifest's. Screenshots of the tab and of the opened summary are saved in the test's tmp
dir. Skipped, saying why, when Chromium or Playwright is missing (`scripts/install-system-deps`
installs Chromium).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from flows.server import local_prefect_server
from tests.conftest import PROJECT, SAMPLE_CORPUS

CHROMIUM = os.environ.get("NEWSHYGIENE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
RUN_OPTIONS = ["--shard-size", "8", "--output"]
UI_TIMEOUT_MS = 90_000  # the SPA's first load on two busy cores can take a while

# Every markdown table the artifact page renders, with the heading above it.
TABLES_JS = """
() => {
  const tables = {};
  let heading = null;
  for (const el of document.querySelectorAll('h1, h2, h3, h4, table')) {
    if (el.tagName !== 'TABLE') { heading = el.textContent.trim(); continue; }
    const rows = [...el.querySelectorAll('tr')].map(
      tr => [...tr.querySelectorAll('th, td')].map(cell => cell.textContent.trim()));
    if (heading && !(heading in tables)) tables[heading] = rows;
  }
  return tables;
}
"""


@pytest.fixture(scope="module")
def chromium() -> str:
    if not Path(CHROMIUM).is_file():
        pytest.skip(
            f"Chromium not installed at {CHROMIUM}: the Prefect UI end-to-end test needs it "
            "(scripts/install-system-deps installs it; NEWSHYGIENE_CHROMIUM points elsewhere)"
        )
    pytest.importorskip("playwright.sync_api", reason="the `playwright` package is not installed")
    return CHROMIUM


def _post(api_url: str, path: str, body: dict[str, Any]) -> Any:
    request = urllib.request.Request(
        f"{api_url}{path}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def _as_mapping(rows: list[list[str]]) -> dict[str, str]:
    """A two-column table (name, number) as a dict, without its header row."""
    return {row[0]: row[1] for row in rows[1:]}


def test_artifacts_tab_shows_the_manifest_numbers(chromium: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    started = time.monotonic()
    output = tmp_path / "dataset"
    with local_prefect_server(tmp_path / "prefect-server") as api_url:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
        env.update(
            PREFECT_API_URL=api_url,
            PREFECT_HOME=str(tmp_path / "prefect-client"),
            PREFECT_SERVER_ANALYTICS_ENABLED="false",
        )
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "flows.cli",
                "run",
                str(SAMPLE_CORPUS),
                *RUN_OPTIONS,
                str(output),
            ],
            cwd=PROJECT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stdout + run.stderr
        manifest = json.loads((output / "manifest.json").read_text())
        counts = manifest["counts"]
        flow_runs = _post(api_url, "/flow_runs/filter", {"sort": "START_TIME_DESC"})
        assert [r["state_type"] for r in flow_runs] == ["COMPLETED"]
        flow_run = flow_runs[0]

        ui_url = api_url.removesuffix("/api")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch_persistent_context(
                str(tmp_path / "chromium-profile"),  # a fresh profile: no first-run state
                executable_path=chromium,
                headless=True,
                args=CHROMIUM_ARGS,
                viewport={"width": 1400, "height": 1000},
            )
            try:
                page = browser.new_page()
                page.set_default_timeout(UI_TIMEOUT_MS)
                page.goto(f"{ui_url}/runs/flow-run/{flow_run['id']}")
                wait = {"timeout": UI_TIMEOUT_MS}
                expect(page.get_by_text(flow_run["name"]).first).to_be_visible(**wait)
                page.get_by_role("tablist").get_by_text("Artifacts", exact=True).click()

                # Each artifact is a card (a link named by type and key) with its description.
                summary = page.get_by_role("link", name="markdown clean-corpus-summary")
                expect(summary).to_contain_text(
                    f"{counts['inputs']} inputs → {counts['articles']} articles, "
                    f"{counts['duplicates']} duplicates, {counts['quarantined']} quarantined",
                    **wait,
                )
                for name in (
                    "table clean-corpus-quarantine",
                    "markdown clean-corpus-sample",
                    "markdown clean-corpus-dataset-card",
                    "progress clean-corpus-progress",
                ):
                    expect(page.get_by_role("link", name=name)).to_be_visible(**wait)
                page.screenshot(path=str(tmp_path / "flow-run-artifacts.png"), full_page=True)

                summary.click()  # the artifact page renders the markdown
                expect(page.get_by_role("heading", name="This run")).to_be_visible(**wait)
                tables = page.evaluate(TABLES_JS)
                page.screenshot(path=str(tmp_path / "summary-artifact.png"), full_page=True)

                # The summary links to the dataset card's artifact (the UI opens a new tab).
                with browser.expect_page() as opened:
                    page.get_by_role("link", name="open it here").click()
                card = opened.value
                heading = card.get_by_role("heading", name=f"Dataset card: {manifest['dataset']}")
                expect(heading).to_be_visible(**wait)
                expect(card.get_by_text(manifest["run_id"]).first).to_be_visible(**wait)
                card.screenshot(path=str(tmp_path / "dataset-card-artifact.png"))
            finally:
                browser.close()

    header, values = tables["This run"][0], tables["This run"][1]
    shown = dict(zip(header, values, strict=True))
    assert {k: int(shown[k]) for k in ("inputs", "articles", "duplicates", "quarantined")} == {
        k: counts[k] for k in ("inputs", "articles", "duplicates", "quarantined")
    }
    assert shown["balanced"] == "yes"
    as_text = {k: str(v) for k, v in manifest["quarantine_by_reason"].items()}
    assert _as_mapping(tables["Quarantine reasons"]) == as_text
    as_text = {k: str(v) for k, v in manifest["removed_by_rule"].items()}
    assert _as_mapping(tables["Lines removed by rule"]) == as_text
    as_text = {k: str(v) for k, v in manifest["articles_by_site"].items()}
    assert _as_mapping(tables["Articles by site"]) == as_text
    assert (tmp_path / "flow-run-artifacts.png").stat().st_size > 10_000
    assert (tmp_path / "summary-artifact.png").stat().st_size > 10_000
    print(f"ui e2e: {time.monotonic() - started:.1f} s; screenshots in {tmp_path}")
