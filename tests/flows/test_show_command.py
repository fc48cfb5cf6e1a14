from __future__ import annotations

import shutil
from pathlib import Path

from corpus.config import RunConfig
from corpus.pipeline import run_pipeline
from flows.cli import main
from tests.conftest import SAMPLE_CORPUS

SITE = "harbourtown-herald"


def test_show_marks_removed_lines_with_their_rule(tmp_path: Path, capsys) -> None:
    for page in (SAMPLE_CORPUS / SITE).glob("*.txt"):
        (tmp_path / "in" / SITE).mkdir(parents=True, exist_ok=True)
        shutil.copy(page, tmp_path / "in" / SITE)
    run_pipeline(RunConfig(input_dir=tmp_path / "in", output=tmp_path / "out"))
    source = f"{SITE}/2026-03-08-promenade-storm.txt"
    assert main(["show", source, "--output", str(tmp_path / "out")]) == 0
    shown = capsys.readouterr().out
    assert "site_template" in shown and "navigation" in shown
    assert "Skip to content" in shown  # the removed line itself, in place
    assert "seawall" in shown  # kept body text
    assert main(["show", "ffffffffffff", "--output", str(tmp_path / "out")]) == 2
