"""`fieldapp payments ...`: who receives a payment, its account, the monthly list (issue 19)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from fieldapp.cli.context import CliContext
from fieldapp.cli.lazy import lazy_module
from fieldapp.domain.payments import PaymentHolder
from fieldapp.domain.permissions import Action

if TYPE_CHECKING:
    from fieldapp.documents import pdf
    from fieldapp.services import documents, payment_list, payments
else:
    pdf = lazy_module("fieldapp.documents.pdf")
    documents = lazy_module("fieldapp.services.documents")
    payment_list = lazy_module("fieldapp.services.payment_list")
    payments = lazy_module("fieldapp.services.payments")

pass_context = click.make_pass_decorator(CliContext)
_ID = click.option("--id", "personal_id", required=True, help="Số định danh / Personal ID.")
_HOLDER = click.option(
    "--holder",
    type=click.Choice([h.value for h in PaymentHolder]),
    default=PaymentHolder.SELF.value,
    show_default=True,
    help="Chính đối tượng / người được ủy quyền / người giám hộ (self, proxy, guardian).",
)


def register(group: click.Group) -> None:
    """Add the `payments` group to the `fieldapp` group."""
    group.add_command(payments_group)


@click.group("payments")
def payments_group() -> None:
    """Người nhận trợ cấp, tài khoản, danh sách chi trả / Receivers, accounts, payment list."""


@payments_group.command("receiver")
@_ID
@_HOLDER
@click.option("--name", "receiver_name", default="", help="Họ tên người nhận / Their name.")
@click.option("--relation", default="", help="Quan hệ với đối tượng / Relation.")
@click.option("--receiver-id", default=None, help="Số định danh người nhận / Their ID.")
@pass_context
def receiver(
    ctx: CliContext,
    personal_id: str,
    holder: str,
    receiver_name: str,
    relation: str,
    receiver_id: str | None,
) -> None:
    """Ghi ai nhận trợ cấp / Record who receives a beneficiary's payment."""
    user = ctx.actor(Action.RECORD_RECEIVER)
    done = payments.record_receiver(
        ctx.uow(), personal_id, holder=PaymentHolder(holder), receiver_name=receiver_name,
        relation=relation, receiver_id=receiver_id, user_id=user.id,
        point_id=user.support_point_id,
    )  # fmt: skip
    ctx.say("payments.receiver.saved", name=done.card.citizen.full_name)


@payments_group.command("account")
@_ID
@_HOLDER
@click.option("--bank", required=True, help="Ngân hàng / Bank.")
@click.option("--number", required=True, help="Số tài khoản / Account number.")
@pass_context
def account(ctx: CliContext, personal_id: str, holder: str, bank: str, number: str) -> None:
    """Ghi tài khoản nhận trợ cấp / Record the account a payment goes into (shown masked)."""
    user = ctx.actor(Action.RECORD_ACCOUNT)
    done = payments.record_account(
        ctx.uow(), personal_id, holder=PaymentHolder(holder), bank=bank, account_number=number,
        user_id=user.id, point_id=user.support_point_id,
    )  # fmt: skip
    summary = payments.payment_summary(done.card)
    ctx.say(
        "payments.account.saved",
        name=done.card.citizen.full_name,
        account=f"{summary.bank} {summary.account_masked}",
    )


@payments_group.command("export-list")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--show-numbers",
    is_flag=True,
    help="Hiện đầy đủ số tài khoản lần này / Account numbers in full for this export.",
)
@pass_context
def export_list(ctx: CliContext, out: Path, show_numbers: bool) -> None:
    """Danh sách chi trả: bổ sung, thay đổi từ lần trước / The monthly list (police, admin)."""
    done = payment_list.export_payment_list(
        ctx.uow(), out, actor=ctx.actor(Action.EXPORT_PAYMENT_LIST), unmasked=show_numbers
    )
    ctx.say("paylist.done", rows=done.rows)


@payments_group.command("history")
@pass_context
def history(ctx: CliContext) -> None:
    """Các lần xuất danh sách chi trả / Earlier payment lists: who, when, how many."""
    records = payment_list.payment_list_history(
        ctx.uow(), actor=ctx.actor(Action.EXPORT_PAYMENT_LIST)
    )
    for record in records:
        full = ctx.text("desk.yes" if record.unmasked else "desk.no")
        when = f"{record.exported_at:%Y-%m-%d %H:%M}Z"
        click.echo("\t".join((when, record.user_name, str(record.rows), full)))


@payments_group.command("slip")
@_ID
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def slip(ctx: CliContext, personal_id: str, out: Path) -> None:
    """Phiếu hướng dẫn ủy quyền cho gia đình / The family's authorisation checklist (A5)."""
    ctx.actor(Action.PRINT_SLIPS)
    rendered = documents.render(documents.build_authorisation_slip(ctx.uow(), personal_id))
    pdf.write_pdf(rendered.pdf, out)
    ctx.say("documents.written", pages=rendered.pages, path=str(out))
