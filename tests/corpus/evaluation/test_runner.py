"""The runner on tiny hand-made benchmarks: the real pipeline, mapped back by source_path."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from corpus.evaluation.runner import run_all

STORY = [
    "The Harbor Transit Authority will cut weekend ferry service to Gull Island from March, "
    "its board decided on Tuesday, blaming a shortage of licensed deckhands.",
    "Island residents packed the meeting to object. Shop owner Daniel Reyes said the earlier "
    "evening departure would end dinner trade on Saturdays, when most visitors come.",
]
OTHER = [
    "The county library will open on Sundays from next month after volunteers offered to "
    "staff the reading room, the library board announced on Wednesday evening.",
    "Librarian Joan Ito said the trial would run for six months and that children's story "
    "hours would move to Sunday afternoons if families turned up in good numbers.",
]


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")


def _hygiene(root: Path) -> None:
    labels = []
    for name, title, body in (("a", "Ferry service cut", STORY), ("b", "Library opens", OTHER)):
        lines = [
            {"text": title, "label": "title", "kind": "title"},
            {"text": "Advertisement", "label": "boilerplate", "kind": "advertisement"},
            *({"text": p, "label": "body", "kind": "paragraph"} for p in body),
        ]
        raw = root / "raw" / "site01" / f"{name}.txt"
        raw.parent.mkdir(parents=True, exist_ok=True)
        raw.write_text("\n\n".join(line["text"] for line in lines), encoding="utf-8")
        labels.append(
            {"path": f"site01/{name}.txt", "site": "site01", "title": title, "author": None,
             "body": body, "lines": lines}
        )  # fmt: skip
    _write_jsonl(root / "labels.jsonl", labels)


def _dedup(root: Path) -> None:
    docs = {
        "raw/one/orig.txt": ("Ferry service cut", STORY, "c1", True),
        "raw/two/copy.txt": ("Gull Island ferries cut", STORY, "c1", False),
        "raw/one/lib.txt": ("Library opens", OTHER, "s1", True),
    }
    labels = []
    for path, (title, body, cluster, original) in docs.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("\n\n".join([title, *body]), encoding="utf-8")
        labels.append(
            {"path": path, "cluster": cluster, "original": original, "jaccard5": 1.0,
             "strength": "original" if original else "syndicated", "transforms": []}
        )  # fmt: skip
    _write_jsonl(root / "labels.jsonl", labels)
    _write_jsonl(
        root / "hard_negatives.jsonl",
        [{"a": "raw/one/orig.txt", "b": "raw/one/lib.txt", "kind": "same_topic"}],
    )


def _scrapinghub(root: Path) -> None:
    (root / "html").mkdir(parents=True)
    truth = {}
    for key, title, body in (("p1", "Ferry service cut", STORY), ("p2", "Library", OTHER)):
        html = (
            f"<html><head><title>{title}</title></head><body><nav>Home | News</nav><article>"
            f"<h1>{title}</h1>{''.join(f'<p>{p}</p>' for p in body)}</article></body></html>"
        )
        (root / "html" / f"{key}.html.gz").write_bytes(gzip.compress(html.encode()))
        truth[key] = {"articleBody": "\n\n".join(body), "url": f"https://example.com/{key}"}
    (root / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")


def test_run_all_on_hand_made_benchmarks(tmp_path: Path) -> None:
    _hygiene(tmp_path / "hygiene-dev")
    _dedup(tmp_path / "dedup-dev")
    _scrapinghub(tmp_path / "extraction" / "scrapinghub")
    messages: list[str] = []
    results = run_all(tmp_path, log=messages.append)
    assert results["missing"] == ["wcxb"]
    bench = results["benchmarks"]

    hygiene = bench["hygiene"]["systems"]
    assert hygiene["newshygiene"]["metrics"]["line_f1"] == 1.0
    assert hygiene["newshygiene"]["metrics"]["body_f1"] == 1.0
    assert hygiene["trafilatura"] is None
    assert hygiene["c4"]["metrics"]["line_recall"] == 1.0  # "Advertisement" has no end mark

    dedup = bench["dedup"]
    assert dedup["pipeline"]["duplicates"] == 1
    assert dedup["systems"]["newshygiene"]["metrics"]["ari"] == 1.0
    assert dedup["systems"]["newshygiene"]["groups"]["hard_negative_merge_rate"] == {
        "same_topic": 0.0
    }

    sh = bench["scrapinghub"]["systems"]
    assert sh["newshygiene"]["metrics"]["body_recall"] == 1.0
    assert sh["trafilatura"]["metrics"]["body_recall"] == 1.0
    assert any("wcxb" in m and "skipped" in m for m in messages)


def test_limit_runs_on_a_subset_with_the_same_layout(tmp_path: Path) -> None:
    _hygiene(tmp_path / "hygiene-dev")
    results = run_all(tmp_path, only=["hygiene"], limit=1, with_baselines=False)
    result = results["benchmarks"]["hygiene"]
    assert result["documents"] == 1
    assert result["pipeline"]["articles"] == 1
    assert result["systems"]["newshygiene"]["metrics"]["body_f1"] == 1.0
