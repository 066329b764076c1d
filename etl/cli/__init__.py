"""The `arms-explorer` command (Typer), one module per group of commands.

`app` (the Typer app) and `main` (the entry point: our errors as one sentence, exit status 2) are
in `etl.cli.entry`; the commands in `store_commands` (ingest, releases, remove), `query_commands`
(transfers, deals, reconcile), `service_commands` (fetch, serve, brief) and, for check, search
and diff, `etl.verify.commands`; `common` holds their shared options and output.
"""

from etl.cli.entry import app, main

__all__ = ["app", "main"]
