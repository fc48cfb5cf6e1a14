"""Benchmark harness for newshygiene: a synthetic news corpus and the `newshygiene bench` runner.

Kept apart from `corpus`/`flows` because it measures them: it only drives the public command
line (`newshygiene run` in subprocesses) and the library's own building blocks, so numbers
reflect what a user gets.
"""
