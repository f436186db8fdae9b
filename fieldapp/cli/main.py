"""`fieldapp`: the command-line entry point. Area modules add their commands here."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from fieldapp.cli.context import ENV_USER, CliContext
from fieldapp.console import use_utf8_console
from fieldapp.domain.errors import FieldAppError
from fieldapp.i18n import LANGUAGES, both, error_text
from fieldapp.store.engine import ENV_DATABASE, resolve_database_url
from fieldapp.version import version_line

EXIT_UNEXPECTED = 1

# Each module exposes `register(group)`; add yours here (one line).
COMMAND_MODULES: tuple[str, ...] = (
    "fieldapp.cli.core",
    "fieldapp.cli.lists",  # lists: import-list
    "fieldapp.cli.documents",
    "fieldapp.cli.sync",
    "fieldapp.cli.reports",  # reports
    "fieldapp.cli.atrest",  # restore
    "fieldapp.cli.users",  # accounts: users add|rename|deactivate|set-pin|unlock|list
    "fieldapp.cli.payments",  # payments: receiver|account|export-list|history|slip
    "fieldapp.cli.teams",  # teams …, units … (village teams, schools and organisations)
    "fieldapp.cli.province",  # export-summary, keys import-province-card, province ...
)


class FieldAppGroup(click.Group):
    """Turns a FieldAppError into one line in the user's language and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand; say our errors instead of showing a traceback."""
        try:
            return super().invoke(ctx)
        except FieldAppError as error:
            lang = ctx.obj.lang if isinstance(ctx.obj, CliContext) else "vi"
            line = (
                error_text(error, "en") if lang == "en" else both(error.message_id, **error.params)
            )
            click.echo(line, err=True)
            ctx.exit(error.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as error:
            lang = ctx.obj.lang if isinstance(ctx.obj, CliContext) else "vi"
            ctx.exit(_unexpected(error, lang))


@click.group(cls=FieldAppGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    envvar=ENV_DATABASE,
    help="SQLite file or database URL (default: the user's data folder).",
)
@click.option(
    "--user",
    "user_name",
    envvar=ENV_USER,
    help="Người dùng thực hiện (hỏi mã PIN, hoặc $FIELDAPP_PIN) / Acting user (PIN asked).",
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    envvar="FIELDAPP_LANG",
    default="vi",
    show_default=True,
    help="Language of messages: vi (Tiếng Việt) or en (English).",
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, _param, value: _print_version(ctx, value),
    help="Show the version and build date, then exit.",
)
@click.pass_context
def cli(ctx: click.Context, db: str | None, user_name: str | None, lang: str) -> None:
    """FieldApp: hỗ trợ định danh điện tử và chi trả an sinh xã hội không dùng tiền mặt.

    FieldApp: e-ID activation and cashless social-security payments, offline.
    """
    context = CliContext(db_url=resolve_database_url(db), lang=lang, user_name=user_name)
    ctx.obj = context
    ctx.call_on_close(context.close)


def _print_version(ctx: click.Context, value: bool) -> None:
    """`--version`: the same line as About and the diagnostics (version, build date, commit)."""
    if value and not ctx.resilient_parsing:
        click.echo(version_line())
        ctx.exit()


def build_cli() -> click.Group:
    """The group with every area's commands registered (once)."""
    if not cli.commands:
        for name in COMMAND_MODULES:
            importlib.import_module(name).register(cli)
    return cli


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code: 0 ok, 2 usage, 3 invalid, 4 not found, ..."""
    use_utf8_console()
    group = build_cli()
    try:
        result = group.main(args=argv, prog_name="fieldapp", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo(both("cli.aborted"), err=True)
        return 1
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except Exception as error:
        return _unexpected(error)
    return result if isinstance(result, int) else 0


def _unexpected(error: Exception, lang: str = "vi") -> int:
    """Log the traceback (masked) and say one line; never print SQL or its parameters."""
    from fieldapp.services import diagnostics

    diagnostics.log_unexpected(error, face="cli")
    click.echo(diagnostics.unexpected_line(error, lang), err=True)
    return EXIT_UNEXPECTED


if __name__ == "__main__":
    sys.exit(main())
