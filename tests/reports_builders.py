"""A hand-made commune whose figures were counted by hand (see test_reports_figures.py)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from itertools import count

from fieldapp.domain import model as dm
from fieldapp.domain.personal_id import Sex
from fieldapp.services.clock import LOCAL_TZ

_ids = count(1)


def an_id() -> uuid.UUID:
    return uuid.UUID(int=next(_ids) + 10**6)


def local(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> datetime:
    """A local (Asia/Ho_Chi_Minh) time, as UTC."""
    return datetime(y, m, d, hh, mm, tzinfo=LOCAL_TZ).astimezone(UTC)


@dataclass
class HandCommune:
    commune: dm.Commune
    villages: dict[str, dm.Village]
    points: dict[str, dm.SupportPoint]
    user: dm.User
    citizens: dict[str, dm.Citizen] = field(default_factory=dict)
    visits: list[dm.Visit] = field(default_factory=list)
    outcomes: list[dm.Outcome] = field(default_factory=list)
    facts: list[dm.OfficialFact] = field(default_factory=list)

    def a_citizen(self, key: str, village: str) -> dm.Citizen:
        serial = len(self.citizens) + 1
        citizen = dm.Citizen(
            personal_id=f"0380900{serial:05d}",
            full_name=f"Công Dân Thử {key}",
            birth_date=date(1990, 1, 1),
            sex=Sex.MALE,
            village_id=self.villages[village].id,
        )
        self.citizens[key] = citizen
        return citizen

    def a_fact(self, key: str, name: dm.FactField, value: str, as_of: date) -> None:
        self.facts.append(
            dm.OfficialFact(
                an_id(), self.citizens[key].personal_id, name, value, "list", "list.xlsx", as_of
            )
        )

    def a_visit(self, key: str, point: str, at: datetime) -> dm.Visit:
        visit = dm.Visit(
            an_id(), self.citizens[key].personal_id, at, self.points[point].id, self.user.id
        )
        self.visits.append(visit)
        return visit

    def an_outcome(
        self,
        visit: dm.Visit,
        step: dm.Step,
        result: dm.Result = dm.Result.DONE,
        *,
        bank: str | None = None,
        reason: dm.FailureReason | None = None,
    ) -> dm.Outcome:
        outcome = dm.Outcome(
            an_id(),
            visit.id,
            visit.personal_id,
            step,
            result,
            visit.occurred_at,
            self.user.id,
            reason=reason,
            bank=bank,
        )
        self.outcomes.append(outcome)
        return outcome

    def a_correction(self, original: dm.Outcome, at: datetime) -> None:
        self.outcomes.append(replace(original, id=an_id(), recorded_at=at, corrects=original.id))

    def save(self, uow) -> None:
        with uow as u:
            repo = u.repo
            repo.add_commune(self.commune)
            for village in self.villages.values():
                repo.add_village(village)
            for point in self.points.values():
                repo.add_support_point(point)
            repo.add_user(self.user)
            for citizen in self.citizens.values():
                repo.add_citizen(citizen, name_source="official_list")
            repo.session.flush()
            for visit in self.visits:
                repo.add_visit(visit)
            repo.session.flush()
            for outcome in self.outcomes:
                repo.add_outcome(outcome)
            for fact in self.facts:
                repo.add_fact(fact)
            u.commit()


def hand_commune() -> HandCommune:
    """Seven citizens, two villages, two points; the 5 June 2026 figures are in the test."""
    commune = dm.Commune(an_id(), "Xã Thử Nghiệm", "Thanh Hóa", "14:00")
    villages = {
        "V1": dm.Village(an_id(), commune.id, "Thôn Một"),
        "V2": dm.Village(an_id(), commune.id, "Thôn Hai"),
    }
    points = {
        "P1": dm.SupportPoint(an_id(), "Điểm Thôn Một", villages["V1"].id),
        "P2": dm.SupportPoint(an_id(), "Điểm Thôn Hai", villages["V2"].id),
    }
    user = dm.User(an_id(), "Tình Nguyện Viên", dm.Role.VOLUNTEER, points["P1"].id)
    h = HandCommune(commune, villages, points, user)
    S, F = dm.Step, dm.FactField  # noqa: N806 (short names keep the story readable)
    june1, june5 = date(2026, 6, 1), date(2026, 6, 5)

    # A: level 2 from the list; on 5 June at P1: activated, MB account, biometrics, link sent.
    h.a_citizen("A", "V1")
    h.a_fact("A", F.EID_LEVEL, "2", june1)
    visit = h.a_visit("A", "P1", local(2026, 6, 5, 8))
    h.an_outcome(visit, S.EID_ACTIVATION)
    h.an_outcome(visit, S.BANK_ACCOUNT, bank="MB")
    h.an_outcome(visit, S.BIOMETRIC_VERIFIED)
    h.an_outcome(visit, S.BENEFIT_LINK, dm.Result.SUBMITTED)

    # B: activated on 3 June at P1; on 5 June at P2 the link failed.
    h.a_citizen("B", "V1")
    h.a_fact("B", F.EID_LEVEL, "2", june1)
    h.an_outcome(h.a_visit("B", "P1", local(2026, 6, 3, 10)), S.EID_ACTIVATION)
    h.an_outcome(
        h.a_visit("B", "P2", local(2026, 6, 5, 10)),
        S.BENEFIT_LINK,
        dm.Result.FAILED,
        reason=dm.FailureReason.BANK_NOT_VERIFIED,
    )

    # C: lists only: level 2, merit, paid to account; "linked" in a list dated 5 June.
    h.a_citizen("C", "V1")
    h.a_fact("C", F.EID_LEVEL, "2", june1)
    h.a_fact("C", F.BENEFICIARY_GROUP, "merit", june1)
    h.a_fact("C", F.PAYMENT_STATUS, "paid_to_account", june1)
    h.a_fact("C", F.BENEFIT_LINKED, "true", june5)

    # D: social pension with no account; LPBank account opened twice on 5 June (counted once).
    h.a_citizen("D", "V2")
    h.a_fact("D", F.EID_LEVEL, "2", june1)
    h.a_fact("D", F.BENEFICIARY_GROUP, "social_pension", june1)
    h.a_fact("D", F.PAYMENT_STATUS, "no_account", june1)
    h.an_outcome(h.a_visit("D", "P2", local(2026, 6, 5, 9)), S.BANK_ACCOUNT, bank="LPBank")
    h.an_outcome(h.a_visit("D", "P2", local(2026, 6, 5, 11)), S.BANK_ACCOUNT, bank="LPBank")

    # E: activated at 23:30 local on 4 June (16:30 UTC): a 4 June figure, not a 5 June one.
    h.a_citizen("E", "V2")
    h.an_outcome(h.a_visit("E", "P2", local(2026, 6, 4, 23, 30)), S.EID_ACTIVATION)

    # F: activated at 00:10 local on 6 June (17:10 UTC on 5 June): a 6 June figure.
    h.a_citizen("F", "V2")
    h.an_outcome(h.a_visit("F", "P2", local(2026, 6, 6, 0, 10)), S.EID_ACTIVATION)

    # G: a link submitted on 5 June, then undone by a correction the same day.
    h.a_citizen("G", "V2")
    h.a_fact("G", F.EID_LEVEL, "2", june1)
    visit = h.a_visit("G", "P2", local(2026, 6, 5, 14))
    sent = h.an_outcome(visit, S.BENEFIT_LINK, dm.Result.SUBMITTED)
    h.a_correction(sent, local(2026, 6, 5, 15))
    return h
