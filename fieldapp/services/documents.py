"""Printing use cases: build each document from the store, render it, report progress.

The citizen's status always comes from `fold_status`; what a point prints about itself
(opening days, hours, contact) is a local setting of the installation.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from fieldapp.documents import model as m
from fieldapp.documents.authorisation_slip import AuthorisationContent, authorisation_slip
from fieldapp.documents.content import (
    ALL_DAYS,
    PointInfo,
    SlipContent,
    mask_personal_id,
    next_opening_day,
    opening_time,
    slip_content,
)
from fieldapp.documents.guide_sheet import guide_sheet, leaflet
from fieldapp.documents.guide_texts import GuideTexts, load_guide_texts
from fieldapp.documents.pdf import render_pdf
from fieldapp.documents.slips import Paper, slips_a4, slips_on, slips_roll
from fieldapp.domain import model as dm
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.domain.permissions import Action
from fieldapp.domain.personal_id import PersonalId
from fieldapp.domain.status import CitizenStatus, Need, fold_status
from fieldapp.services import users
from fieldapp.services.clock import local_today
from fieldapp.services.lookup import build_card
from fieldapp.services.payments import payment_summary
from fieldapp.services.progress import NullProgress, Progress, check_cancelled
from fieldapp.services.setup import THIS_POINT
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store.documents_queries import citizens_in_village, events_for_many
from fieldapp.store.payments import of_citizens as payment_events
from fieldapp.store.repository import SqlRepository

GUIDE_FILE_SETTING = "documents.guide_file"
POINT_SETTING_PREFIX = "documents.point."


@dataclass(frozen=True, slots=True)
class RenderedDocument:
    """A finished PDF, ready to save or print."""

    title: str
    pdf: bytes
    pages: int
    slips: int = 0


def render(
    document: m.Document, *, progress: Progress | None = None, slips: int = 0
) -> RenderedDocument:
    """Render a description to PDF, reporting and checking for cancel after every page."""
    watcher = progress or NullProgress()

    def on_page(done: int, total: int) -> None:
        check_cancelled(watcher)
        watcher.report(done, total)

    pdf = render_pdf(document, progress=on_page)
    return RenderedDocument(document.title, pdf, len(document.sheets), slips)


# Texts and the point's print details ---------------------------------------------------------
def guide_texts(uow: UnitOfWork, guide_file: Path | str | None = None) -> GuideTexts:
    """The guide file given, else the one the commune set, else the packaged one."""
    if guide_file is None:
        with uow:
            guide_file = uow.repo.get_setting(GUIDE_FILE_SETTING) or None
    return load_guide_texts(guide_file)


def set_guide_file(uow: UnitOfWork, path: Path | str, *, actor: dm.User) -> GuideTexts:
    """Use a commune's own guide file from now on (checked before it is saved)."""
    users.check(uow, actor, Action.POINT_SETTINGS)
    texts = load_guide_texts(path)
    with uow:
        uow.repo.set_setting(GUIDE_FILE_SETTING, str(Path(path).resolve()))
        uow.commit()
    return texts


def _point_info(repo: SqlRepository, point: dm.SupportPoint) -> PointInfo:
    village = ""
    if point.village_id is not None:
        village = next((v.name for v in repo.villages() if v.id == point.village_id), "")
    raw = repo.get_setting(POINT_SETTING_PREFIX + str(point.id))
    details = json.loads(raw) if raw else {}
    return PointInfo(
        name=point.name,
        village=village,
        opening_days=tuple(details.get("opening_days", ALL_DAYS)),
        hours=details.get("hours", ""),
        contact=details.get("contact", ""),
    )


def _this_point(repo: SqlRepository, point_id: uuid.UUID | None) -> dm.SupportPoint:
    if point_id is None:
        value = repo.get_setting(THIS_POINT)
        point_id = uuid.UUID(value) if value else None
    point = None if point_id is None else repo.get_support_point(point_id)
    if point is None:
        raise NotFoundError("point.not_set_up")
    return point


def point_info(uow: UnitOfWork, point_id: uuid.UUID | None = None) -> PointInfo:
    """What the documents print about a point (this installation's point by default)."""
    with uow:
        return _point_info(uow.repo, _this_point(uow.repo, point_id))


def set_point_info(
    uow: UnitOfWork,
    *,
    opening_days: tuple[int, ...] = ALL_DAYS,
    hours: str = "",
    contact: str = "",
    point_id: uuid.UUID | None = None,
    actor: dm.User,
) -> PointInfo:
    """Save a point's opening days (0 = Monday), hours and contact for printing."""
    users.check(uow, actor, Action.POINT_SETTINGS)
    with uow:
        point = _this_point(uow.repo, point_id)
        details = {
            "opening_days": sorted(set(opening_days)),
            "hours": hours.strip(),
            "contact": contact.strip(),
        }
        uow.repo.set_setting(
            POINT_SETTING_PREFIX + str(point.id), json.dumps(details, ensure_ascii=False)
        )
        info = _point_info(uow.repo, point)
        uow.commit()
    return info


# Documents ------------------------------------------------------------------------------------
def build_guide(uow: UnitOfWork, *, guide_file: Path | str | None = None) -> m.Document:
    """The A4 guide sheet for this point."""
    texts = guide_texts(uow, guide_file)
    return guide_sheet(texts, point_info(uow))


def build_leaflet(uow: UnitOfWork, *, guide_file: Path | str | None = None) -> m.Document:
    """The leaflet: this point first, then every support point of the commune."""
    texts = guide_texts(uow, guide_file)
    with uow:
        here = _point_info(uow.repo, _this_point(uow.repo, None))
        points = [_point_info(uow.repo, p) for p in uow.repo.support_points()]
    return leaflet(texts, here, points)


@dataclass(frozen=True, slots=True)
class ReturnDefault:
    """What the slip dialog offers first: the next day the point is open, at its opening."""

    day: date
    at: time
    opening_days: tuple[int, ...]


def default_return(uow: UnitOfWork, today: date | None = None) -> ReturnDefault:
    """The next opening day after today (tomorrow if the point has none set) and the hour."""
    info = point_info(uow)
    day = today or local_today()
    next_day = next_opening_day(day, info.opening_days) or day.fromordinal(day.toordinal() + 1)
    return ReturnDefault(next_day, opening_time(info.hours), info.opening_days)


def build_slip(
    uow: UnitOfWork,
    personal_id: str,
    *,
    roll: bool = False,
    paper: Paper | None = None,
    return_on: date | None = None,
    return_time: time | None = None,
    today: date | None = None,
    guide_file: Path | str | None = None,
) -> m.Document:
    """One citizen's slip: an A6 page by default (or four-up A4, or an 80 mm roll).

    `return_on`/`return_time`: when the desk asked the citizen to come back; the next day
    the point is open when not given.
    """
    texts = guide_texts(uow, guide_file)
    pid = PersonalId.parse(personal_id).value
    with uow:
        repo = uow.repo
        citizen = repo.get_citizen(pid)
        if citizen is None:
            raise NotFoundError("citizen.unknown")
        status = fold_status(
            citizen, repo.outcomes_for(pid), repo.facts_for(pid), repo.payments_for(pid)
        )
        point = _point_info(repo, _this_point(repo, None))
        villages = {v.id: v.name for v in repo.villages()}
    slip = _slip(citizen, status, villages, point, today or local_today(), return_on, return_time)
    return slips_on(paper or (Paper.ROLL if roll else Paper.A6), [slip], texts)


def build_authorisation_slip(
    uow: UnitOfWork, personal_id: str, *, guide_file: Path | str | None = None
) -> m.Document:
    """The family's authorisation checklist for a beneficiary paid through a receiver.

    Refused (one line) for a beneficiary paid directly: the Ctrl+R form says who receives.
    """
    texts = guide_texts(uow, guide_file)
    pid = PersonalId.parse(personal_id).value
    with uow:
        repo = uow.repo
        head = repo.card_head(pid)
        if head is None:
            raise NotFoundError("citizen.unknown")
        card = build_card(repo, pid, head=head)
        point = _point_info(repo, _this_point(repo, None))
    summary = payment_summary(card)
    if not card.status.through_receiver or summary.holder is None:
        raise ValidationError("payments.slip.not_through_receiver")
    content = AuthorisationContent(
        full_name=card.citizen.full_name,
        masked_id=mask_personal_id(pid),
        village=card.village_name or "",
        holder=summary.holder,
        receiver_name=summary.receiver_name,
        relation=summary.relation,
        point=point,
        done=card.status.complete,
    )
    return authorisation_slip(content, texts)


def needs_home_visit(status: CitizenStatus) -> bool:
    """Still has a step to do; waiting for the link's approval needs no visit."""
    return any(need is not Need.WAIT_APPROVAL for need in status.missing)


def village_slips(
    uow: UnitOfWork,
    village_name: str,
    *,
    roll: bool = False,
    today: date | None = None,
    guide_file: Path | str | None = None,
    progress: Progress | None = None,
) -> RenderedDocument:
    """Slips for everyone in a village still missing a step (home visits), rendered.

    Progress counts the pages drawn; cancel is checked before and after every page, and a
    cancelled batch returns nothing (raises `CancelledError`).
    """
    texts = guide_texts(uow, guide_file)
    day = today or local_today()
    with uow:
        repo = uow.repo
        village = repo.village_by_name(village_name)
        if village is None:
            raise NotFoundError("village.unknown", name=village_name)
        point = _point_info(repo, _this_point(repo, None))
        citizens = citizens_in_village(repo.session, village.id)
        outcomes, facts = events_for_many(repo.session, [c.personal_id for c in citizens])
        payments = payment_events(repo.session, [c.personal_id for c in citizens])
    villages = {village.id: village.name}
    slips: list[SlipContent] = []
    for citizen in citizens:
        pid = citizen.personal_id
        status = fold_status(
            citizen, outcomes.get(pid, ()), facts.get(pid, ()), payments.get(pid, ())
        )
        if needs_home_visit(status):
            slips.append(_slip(citizen, status, villages, point, day))
    if not slips:
        raise NotFoundError("documents.no_village_slips", village=village.name)
    if progress is not None:
        check_cancelled(progress)
    document = slips_roll(slips, texts) if roll else slips_a4(slips, texts)
    return render(document, progress=progress, slips=len(slips))


def _slip(
    citizen: dm.Citizen,
    status: CitizenStatus,
    villages: dict[uuid.UUID, str],
    point: PointInfo,
    today: date,
    return_on: date | None = None,
    return_time: time | None = None,
) -> SlipContent:
    village = villages.get(citizen.village_id, "") if citizen.village_id else ""
    return slip_content(
        full_name=citizen.full_name,
        personal_id=citizen.personal_id,
        village=village,
        status=status,
        point=point,
        today=today,
        return_on=return_on,
        return_time=return_time,
    )
