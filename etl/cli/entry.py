"""The `arms-explorer` command: ingest SIPRI exports, inspect releases, query and reconcile.

Every error a user can cause is printed as one sentence on stderr with exit status 2.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import typer

# Each command imports what it needs when it runs: `--help` or a usage error must not pay for
# pandas, pyarrow, pandera and the dashboard (issue 12: the command line's start-up time).
from etl.cli import query_commands, service_commands, store_commands
from etl.cli.common import echo, echo_err
from etl.errors import ArmsExplorerError, permission_sentence
from etl.verify.commands import register as _register_verify

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Explore the SIPRI Arms Transfers Database locally. TIV figures are a volume index "
    "(SIPRI trend-indicator values, millions), not money.",
)

# The commands in the order `--help` lists them: the store, the register, beyond the store, then
# the verify package's own (`check`, `search`, `diff`: etl/verify/commands.py).
store_commands.register(app)
query_commands.register(app)
service_commands.register(app)
_register_verify(app)


def _usage_error_types() -> tuple[type[BaseException], ...]:
    """The exception classes a usage error arrives as: Typer 0.2x raises those of its bundled copy
    of click (`typer._click`), older Typer those of click itself; both where both exist."""
    import importlib

    found: list[type[BaseException]] = []
    for module, name in (("typer.exceptions", "TyperException"), ("typer._click.exceptions", "ClickException"),
                         ("click.exceptions", "ClickException")):
        with contextlib.suppress(ImportError, AttributeError):
            found.append(getattr(importlib.import_module(module), name))
    return tuple(found)


def _usage_sentence(exc: BaseException) -> str:
    """A usage error as one line: click's message, with where to look for the right usage."""
    format_message = getattr(exc, "format_message", None)
    message = format_message() if callable(format_message) else str(exc)
    message = " ".join(str(message).split()).rstrip(".")
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", None) or "arms-explorer"
    return f"{message}; see `{command} --help`."


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the command, turning our errors into one sentence and exit status 2."""
    try:
        code = app(args=argv, prog_name="arms-explorer", standalone_mode=False)
        if isinstance(code, int):
            return code
    except ArmsExplorerError as exc:
        echo_err(f"error: {exc.message}")
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        echo_err("aborted")
        return 130
    except PermissionError as exc:  # one our sentences do not name yet: still a sentence
        if exc.filename:
            echo_err(f"error: {permission_sentence(Path(exc.filename))}")
        else:
            echo_err("error: permission denied reading or writing a file of the store")
        return 2
    except Exception as exc:  # usage errors (click's, whichever copy) and anything unexpected
        if type(exc).__name__ == "NoArgsIsHelpError":  # no arguments: the help, as --help gives it
            echo(exc.format_message())  # type: ignore[attr-defined]
            return 0
        if isinstance(exc, _usage_error_types()):
            echo_err(f"error: {_usage_sentence(exc)}")
            return 2
        echo_err(
            f"internal error: {exc.__class__.__name__}: {exc}. Please report this with the command you ran."
        )
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
