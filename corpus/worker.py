"""What every worker of the process pool starts with, loaded once for all of them.

`corpus.executors.ProcessExecutor` forks its workers from multiprocessing's fork server, and
the fork server imports this module before it forks any: it `load`s the workers' `PRELOAD`
(the stage functions with every module they use, and both language models). Each worker
then starts with all of it in memory, shared copy-on-write, instead of importing and
loading it itself (about 1 s of CPU a worker, spent while the run is still planning).
Importing this module is that loading; nothing else imports it.
"""

from __future__ import annotations

from corpus.executors import PRELOAD, load

load(PRELOAD)
