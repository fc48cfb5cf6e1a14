"""Benchmark evaluation: how well the real pipeline (and two baselines) does on the shared sets.

The metrics are reimplemented here, one small module per benchmark, as pure functions over
in-memory predictions and ground truth, so they can be unit-tested on hand-made cases and
checked against each benchmark's reference `score.py` (tests do that by subprocess; nothing
here imports from the benchmark folder). `runner` is the only module that touches files and
runs the pipeline; `baselines` holds trafilatura-alone and the C4 line filter.
"""
