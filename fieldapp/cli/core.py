"""Core commands: init, scan, outcome, correct, search, status, today, demo."""

from __future__ import annotations

import sys
import uuid
from typing import TYPE_CHECKING

import click

from fieldapp.cli.context import CliContext
from fieldapp.cli.lazy import lazy_module
from fieldapp.domain import model as dm
from fieldapp.domain.errors import ConflictError, ValidationError
from fieldapp.domain.permissions import Action
from fieldapp.i18n.describe import next_steps_text, step_state_text
from fieldapp.services.clock import LOCAL_TZ

if TYPE_CHECKING:
    from fieldapp.services import lookup, setup, visits
    from fieldapp.services import users as users_service
    from fieldapp.services.lookup import CitizenCard
else:
    lookup = lazy_module("fieldapp.services.lookup")
    setup = lazy_module("fieldapp.services.setup")
    visits = lazy_module("fieldapp.services.visits")
    users_service = lazy_module("fieldapp.services.users")

pass_context = click.make_pass_decorator(CliContext)


def register(group: click.Group) -> None:
    """Add the core commands to the `fieldapp` group."""
    for command in (init, scan, outcome, correct, search, status, today, demo, backup):
        group.add_command(command)


def _choice(enum: type) -> click.Choice:
    return click.Choice([e.value for e in enum])


@click.command()
@click.option("--commune", default=None, help="Tên xã / Commune name.")
@click.option("--province", default="", help="Tên tỉnh / Province.")
@click.option("--village", "villages", multiple=True, help="Tên thôn (lặp lại) / Village.")
@click.option("--point", default=None, help="Tên điểm hỗ trợ / Support point name.")
@click.option("--point-village", default=None, help="Thôn của điểm / Village of the point.")
@click.option(
    "--user",
    "users",
    multiple=True,
    help="'Tên:vai trò[:PIN]' (người đầu tiên: admin), vai trò volunteer|bank_officer|"
    "commune_police|admin|province_police; không có PIN thì hỏi / PIN asked when not given.",
)
@click.option(
    "--province-level",
    is_flag=True,
    help="Kho của Công an tỉnh (cần --province) / A province police store (needs --province).",
)
@pass_context
def init(
    ctx: CliContext,
    commune: str | None,
    province: str,
    villages: tuple[str, ...],
    point: str | None,
    point_village: str | None,
    users: tuple[str, ...],
    province_level: bool,
) -> None:
    """Thiết lập điểm hỗ trợ / Set up this support point (the first user is its admin).

    With --province-level: set up a province police store instead (communes' summaries).
    """
    ctx.may_create_store = True
    if not province_level and (not commune or not point):
        raise click.UsageError(ctx.text("cli.init_needs_commune_point"))
    new_users = [_parse_user(ctx, spec) for spec in users]
    with ctx.uow() as uow:
        managed = not users_service.may_bootstrap(uow.repo)
    actor = ctx.actor(Action.MANAGE_USERS) if managed else None
    if province_level:
        _init_province(ctx, province, new_users, actor)
        return
    assert commune is not None and point is not None
    done = setup.set_up_point(
        ctx.uow(),
        commune_name=commune,
        province=province,
        village_names=villages,
        point_name=point,
        point_village=point_village,
        users=new_users,
        actor=actor,
    )
    if done.already_set_up:
        ctx.say("setup.already", point=done.point.name)
    ctx.say(
        "cli.init_done", point=done.point.name, villages=len(done.villages), users=len(done.users)
    )


def _init_province(
    ctx: CliContext, province: str, new_users: list[setup.NewUser], actor: dm.User | None
) -> None:
    from fieldapp.services.province.setup import set_up_province
    from fieldapp.services.sync import keyring_for

    done = set_up_province(
        ctx.uow(), keyring_for(ctx.db_url), province=province, users=new_users, actor=actor
    )
    keys = done.keys or keyring_for(ctx.db_url).load().public
    ctx.say("province.set_up", province=done.province, fingerprint=keys.fingerprint)


def _parse_user(ctx: CliContext, spec: str) -> setup.NewUser:
    parts = spec.split(":", 2)
    if len(parts) < 2:
        raise ValidationError("cli.bad_user_spec", value=spec)
    try:
        role = dm.Role(parts[1].strip())
    except ValueError:
        raise ValidationError("cli.bad_user_spec", value=spec) from None
    pin = parts[2] if len(parts) > 2 else ""
    if not pin:
        pin = click.prompt(
            ctx.text("cli.new_pin_prompt", name=parts[0]), hide_input=True, confirmation_prompt=True
        )
    return setup.NewUser(parts[0], role, pin)


def _acting_user(
    ctx: CliContext, name: str | None, action: Action = Action.REGISTER_VISIT
) -> tuple[dm.SupportPoint, dm.User]:
    if name:
        ctx.user_name = name  # the command's --user is the one who signs in (and unlocks)
    point = setup.this_point(ctx.uow())
    return point, ctx.actor(action, user_name=name)


@click.command()
@click.argument("text", required=False)
@click.option("--user", "user_name", help="Người ghi nhận / Who records the visit.")
@click.option("--home", is_flag=True, help="Hỗ trợ tại nhà / A home visit.")
@click.option("--create", is_flag=True, help="Thêm công dân mới từ mã QR / Create from the QR.")
@pass_context
def scan(
    ctx: CliContext, text: str | None, user_name: str | None, home: bool, create: bool
) -> None:
    """Quét mã QR hoặc nhập số định danh, ghi lượt hỗ trợ / Scan a card or type an ID."""
    raw = text if text is not None and text != "-" else sys.stdin.readline()
    point, user = _acting_user(ctx, user_name)
    if create:
        ctx.actor(Action.CREATE_CITIZEN)
    place = dm.VisitPlace.HOME if home else dm.VisitPlace.AT_POINT
    try:
        done = visits.register_visit(
            ctx.uow(), raw, user_id=user.id, point_id=point.id, place=place
        )
    except visits.UnknownCitizenError as unknown:
        if not create or unknown.payload is None:
            raise
        visits.create_citizen(ctx.uow(), visits.citizen_from_scan(unknown.payload), user_id=user.id)
        ctx.say("cli.citizen_created")
        done = visits.register_visit(
            ctx.uow(), raw, user_id=user.id, point_id=point.id, place=place
        )
    ctx.say("cli.visit_saved", visit=str(done.visit.id))
    _print_card(ctx, done.card)


@click.command()
@click.argument("visit_id", type=click.UUID)
@click.argument("step", type=_choice(dm.Step))
@click.argument("result", type=_choice(dm.Result))
@click.option("--reason", type=_choice(dm.FailureReason), help="Lý do / Failure reason.")
@click.option("--text", "reason_text", default="", help="Ghi chú / Note.")
@click.option("--bank", help="Ngân hàng / Bank.")
@click.option("--referred-to", type=_choice(dm.ReferralTarget), help="Chuyển đến / Referred to.")
@click.option("--user", "user_name", help="Người ghi nhận / Who records it.")
@pass_context
def outcome(
    ctx: CliContext,
    visit_id: uuid.UUID,
    step: str,
    result: str,
    reason: str | None,
    reason_text: str,
    bank: str | None,
    referred_to: str | None,
    user_name: str | None,
) -> None:
    """Ghi kết quả một bước / Record the outcome of one step."""
    _, user = _acting_user(ctx, user_name, Action.RECORD_OUTCOME)
    done = visits.record_outcome(
        ctx.uow(),
        visit_id,
        dm.Step(step),
        dm.Result(result),
        user_id=user.id,
        reason=dm.FailureReason(reason) if reason else None,
        reason_text=reason_text,
        bank=bank,
        referred_to=dm.ReferralTarget(referred_to) if referred_to else None,
    )
    ctx.say("cli.outcome_saved", outcome=str(done.outcome.id))
    for line in next_steps_text(done.status, ctx.lang):
        click.echo(f"  → {line}")


@click.command()
@click.argument("outcome_id", type=click.UUID)
@click.option("--user", "user_name", help="Người ghi nhận / Who corrects it.")
@pass_context
def correct(ctx: CliContext, outcome_id: uuid.UUID, user_name: str | None) -> None:
    """Hủy một kết quả đã ghi (ghi sự kiện sửa) / Undo an outcome with a correcting event."""
    _, user = _acting_user(ctx, user_name, Action.CORRECT)
    done = visits.correct_outcome(ctx.uow(), outcome_id, user_id=user.id)
    ctx.say("cli.outcome_corrected", outcome=str(done.outcome.id))


@click.command()
@click.argument("query")
@click.option("--limit", default=20, show_default=True)
@pass_context
def search(ctx: CliContext, query: str, limit: int) -> int:
    """Tìm công dân theo tên (không dấu cũng được) / Search citizens by name."""
    ctx.actor(Action.LOOK_UP)
    found = lookup.search(ctx.uow(), query, limit=limit)
    if not found:
        ctx.say("cli.nothing_found")
        return 4
    for citizen in found:
        born = citizen.birth_date.year if citizen.birth_date else "—"
        click.echo(f"{citizen.personal_id}  {citizen.full_name}  ({born})")
    return 0


@click.command()
@click.argument("personal_id")
@pass_context
def status(ctx: CliContext, personal_id: str) -> None:
    """Tình trạng của một công dân / A citizen's status."""
    from fieldapp.domain.personal_id import PersonalId

    pid = PersonalId.parse(personal_id)
    ctx.actor(Action.LOOK_UP)
    _print_card(ctx, lookup.look_up(ctx.uow(), pid.value))


@click.command()
@pass_context
def today(ctx: CliContext) -> None:
    """Các lượt hỗ trợ hôm nay tại điểm này / Today's visits at this point."""
    ctx.actor(Action.LOOK_UP)
    point = setup.this_point(ctx.uow())
    lines = lookup.visits_on_day(ctx.uow(), point_id=point.id)
    ctx.say("cli.today_count", count=len(lines), point=point.name)
    for line in lines:
        when = line.visit.occurred_at.astimezone(LOCAL_TZ).strftime("%H:%M")
        steps = ", ".join(
            f"{ctx.text('step.' + o.step.value)}: {ctx.text('result.' + o.result.value)}"
            for o in line.outcomes
        )
        click.echo(f"{when}  {line.citizen_name}  {line.user_name}  {steps}")


@click.command()
@click.option("--citizens", default=30000, show_default=True, help="Số công dân / Citizens.")
@click.option("--seed", default=6, show_default=True)
@click.option(
    "--police", is_flag=True, help="Kho của công an xã (mặc định: của điểm) / The police's store."
)
@click.option("--remove", is_flag=True, help="Xóa dữ liệu mẫu / Empty this demo store.")
@pass_context
def demo(ctx: CliContext, citizens: int, seed: int, police: bool, remove: bool) -> None:
    """Tạo một xã mẫu (dữ liệu giả) để thử / Load a synthetic commune to try the app.

    The same --citizens and --seed give a point's store and the police's store of one
    commune, so a bundle can go from one to the other.
    """
    from fieldapp.demo.generator import generate_commune
    from fieldapp.demo.stores import load_demo_store, remove_demo_store

    if remove:
        if not remove_demo_store(ctx.engine):
            raise ConflictError("demo.not_a_demo_store")
        from fieldapp.services import store_keys  # issue 15: demo PINs open nothing any more

        store_keys.prune_slots(ctx.uow())
        ctx.say("demo.removed", db=ctx.db_url)
        return
    ctx.may_create_store = True
    with ctx.uow() as uow:
        if uow.repo.count_citizens() or uow.repo.communes():
            raise ConflictError("cli.demo_not_empty")
    data = generate_commune(citizens, seed=seed)
    signing = load_demo_store(ctx.engine, data, police=police)
    from fieldapp.services import store_keys  # issue 15: demo PINs open the store next time

    store_keys.users_pins_set(ctx.uow(), [(s.user, s.pin) for s in signing])
    here = setup.this_point(ctx.uow())
    ctx.say(
        "cli.demo_done",
        citizens=len(data.citizens),
        villages=len(data.villages),
        visits=len(data.visits),
        point=here.name,
        db=ctx.db_url,
    )
    for s in signing:
        role = ctx.text("role." + s.user.role.value)
        click.echo(ctx.text("demo.user_line", name=s.user.name, role=role, pin=s.pin))


@click.command()
@click.option(
    "--to",
    "folder",
    required=True,
    type=click.Path(file_okay=False),
    help="Thư mục nhận bản sao (ví dụ USB) / Folder for the copy.",
)
@pass_context
def backup(ctx: CliContext, folder: str) -> None:
    """Sao lưu dữ liệu (an toàn khi đang dùng) / Back up the store, safe while in use."""
    from pathlib import Path

    ctx.actor(Action.EXPORT_PERSONAL_DATA)
    ctx.say("backup.done", path=str(ctx.backup_to(Path(folder))))


def _print_card(ctx: CliContext, card: CitizenCard) -> None:
    citizen = card.citizen
    click.echo(f"{citizen.full_name} — {ctx.text('field.personal_id')}: {citizen.personal_id}")
    if citizen.birth_date:
        click.echo(f"  {ctx.text('field.birth_date')}: {citizen.birth_date:%d/%m/%Y}")
    if card.village_name:
        click.echo(f"  {ctx.text('field.village')}: {card.village_name}")
    for step in dm.Step:
        click.echo(
            f"  {ctx.text('step.' + step.value)}: "
            f"{step_state_text(card.status.steps[step], ctx.lang)}"
        )
    for line in next_steps_text(card.status, ctx.lang):
        click.echo(f"  → {line}")
