"""`python -m bench generate OUT --n 2000` writes a synthetic corpus; `python -m bench run ...`
is `newshygiene bench ...` (the same options)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console


def build_parser() -> argparse.ArgumentParser:
    from bench.harness import add_arguments

    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    generate = commands.add_parser("generate", help="write a synthetic news corpus")
    generate.add_argument("out", type=Path)
    generate.add_argument("--n", type=int, default=2000)
    generate.add_argument("--seed", type=int, default=0)
    generate.add_argument("--html-share", type=float, default=0.5)
    generate.add_argument("--duplicate-share", type=float, default=0.1)
    generate.add_argument("--words", type=int, default=600)
    add_arguments(commands.add_parser("run", help="the benchmark (as `newshygiene bench`)"))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "generate":
        from bench.synthetic import generate

        result = generate(
            args.out, args.n, args.seed, args.html_share, args.duplicate_share, args.words
        )
        print(json.dumps(result.as_dict(), indent=2))
        return 0
    from flows.bench_command import run

    return run(args, Console())


if __name__ == "__main__":
    sys.exit(main())
