"""`fieldapp import-list`: import a police, beneficiary or "who to help" list from the CLI."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from fieldapp.cli.context import CliContext
from fieldapp.ingest.columns import ListKind
from fieldapp.services import lists

pass_context = click.make_pass_decorator(CliContext)


def register(group: click.Group) -> None:
    """Add the list commands to the `fieldapp` group."""
    group.add_command(import_list)


def _parse_day(text: str | None) -> date | None:
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise click.BadParameter("dd/mm/yyyy")


@click.command("import-list")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--kind",
    type=click.Choice([k.value for k in ListKind]),
    required=True,
    help="police (mức 2) | beneficiary (đối tượng ASXH) | help (cần hỗ trợ).",
)
@click.option(
    "--valid-only",
    is_flag=True,
    help="Nhập các dòng hợp lệ, bỏ dòng lỗi / Import the valid rows, skip rows with errors.",
)
@click.option(
    "--rejected-out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Lưu dòng bị từ chối (.xlsx) / Save rejected rows to this xlsx.",
)
@click.option("--as-of", default=None, help="Ngày của danh sách (dd/mm/yyyy) / Date of the list.")
@click.option("--dry-run", is_flag=True, help="Chỉ kiểm tra / Check only, import nothing.")
@pass_context
def import_list(
    ctx: CliContext,
    file: Path,
    kind: str,
    valid_only: bool,
    rejected_out: Path | None,
    as_of: str | None,
    dry_run: bool,
) -> None:
    """Nhập danh sách từ tệp xlsx, xls, ods, csv / Import a list from a file."""
    day = _parse_day(as_of)
    preview = lists.preview_list(ctx.uow(), file, kind)
    errors = preview.error_list
    for error in errors:
        click.echo(error.text("en") if ctx.lang == "en" else _both(error), err=True)
    ctx.say(
        "lists.preview_summary",
        rows=preview.parsed.data_rows,
        errors=len(preview.errors),
        restored=preview.parsed.ids_restored,
    )
    if preview.missing:
        raise lists.missing_column_error(preview.missing[0])
    if rejected_out is not None and preview.errors:
        count = lists.save_rejected(preview, preview.errors, rejected_out, lang=ctx.lang)
        ctx.say("lists.rejected_saved", count=count, path=str(rejected_out))
    if dry_run:
        return
    result = lists.import_list(ctx.uow(), preview, valid_only=valid_only, as_of=day)
    ctx.say(
        "lists.result",
        imported=result.imported,
        unchanged=result.unchanged,
        rejected=result.rejected,
        restored=result.ids_restored,
    )


def _both(error: lists.RowError) -> str:
    vi, en = error.text("vi"), error.text("en")
    return vi if vi == en else f"{vi} ({en})"
