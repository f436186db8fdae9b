"""Generate a synthetic commune: villages, a point per village, citizens and their events."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from fieldapp.demo.names import VILLAGE_NAMES, random_name
from fieldapp.domain import model as dm
from fieldapp.domain.personal_id import PersonalId, Sex, sex_digit

DEFAULT_PROVINCE_CODE = "038"  # Thanh Hóa
BANKS = ("MB", "LPBank", "Agribank", "Vietcombank")


def random_personal_id(
    rng: random.Random, birth: date, sex: Sex, province: str = DEFAULT_PROVINCE_CODE
) -> PersonalId:
    """A valid-looking ID: province, sex-and-century digit, year digits, 6 random digits."""
    text = f"{province}{sex_digit(sex, birth.year)}{birth.year % 100:02d}{rng.randrange(10**6):06d}"
    return PersonalId.parse(text, birth_date=birth, sex=sex)


def random_phone(rng: random.Random) -> str:
    """A mobile number of a Vietnamese network's shape."""
    return rng.choice(("03", "05", "07", "08", "09")) + f"{rng.randrange(10**8):08d}"


@dataclass
class SyntheticCommune:
    """Everything generated, ready to be written to a store or a file."""

    commune: dm.Commune
    villages: list[dm.Village]
    points: list[dm.SupportPoint]
    users: list[dm.User]
    citizens: list[dm.Citizen]
    visits: list[dm.Visit] = field(default_factory=list)
    outcomes: list[dm.Outcome] = field(default_factory=list)
    facts: list[dm.OfficialFact] = field(default_factory=list)


def generate_commune(
    citizens: int = 1000,
    *,
    villages: int = 25,
    seed: int = 6,
    events: bool = True,
    start: date = date(2026, 5, 20),
    days: int = 20,
) -> SyntheticCommune:
    """A commune with `villages` villages, one point each, and a spread of events."""
    rng = random.Random(seed)
    commune = dm.Commune(uuid.UUID(int=rng.getrandbits(128)), "Xã Kiên Bình", "Thanh Hóa")
    village_list = [
        dm.Village(
            uuid.UUID(int=rng.getrandbits(128)),
            commune.id,
            VILLAGE_NAMES[i % 25] + ("" if i < 25 else f" {i // 25 + 1}"),
        )
        for i in range(villages)
    ]
    points = [
        dm.SupportPoint(uuid.UUID(int=rng.getrandbits(128)), f"Nhà văn hóa {v.name}", v.id)
        for v in village_list
    ]
    users = [
        dm.User(
            uuid.UUID(int=rng.getrandbits(128)),
            random_name(rng, Sex.FEMALE),
            dm.Role.VOLUNTEER,
            p.id,
        )
        for p in points
    ]
    people = list(_citizens(rng, citizens, village_list))
    result = SyntheticCommune(commune, village_list, points, users, people)
    if events:
        _events(rng, result, start, days)
    result.users += _staff(random.Random(seed + 1), points[0])
    return result


def _staff(rng: random.Random, point: dm.SupportPoint) -> list[dm.User]:
    """A bank officer at the first point, the commune police and an admin: every role.

    Made after the events, from their own random stream, so the events do not move.
    """
    return [
        dm.User(uuid.UUID(int=rng.getrandbits(128)), random_name(rng, Sex.MALE),
                dm.Role.BANK_OFFICER, point.id),
        dm.User(uuid.UUID(int=rng.getrandbits(128)), random_name(rng, Sex.MALE),
                dm.Role.COMMUNE_POLICE, None),
        dm.User(uuid.UUID(int=rng.getrandbits(128)), random_name(rng, Sex.FEMALE),
                dm.Role.ADMIN, None),
    ]  # fmt: skip


def _citizens(rng: random.Random, count: int, villages: list[dm.Village]) -> Iterator[dm.Citizen]:
    seen: set[str] = set()
    groups = list(dm.BeneficiaryGroup)
    while len(seen) < count:
        sex = rng.choice((Sex.MALE, Sex.FEMALE))
        birth = date(rng.randint(1935, 2008), rng.randint(1, 12), rng.randint(1, 28))
        pid = random_personal_id(rng, birth, sex)
        if pid.value in seen:
            continue
        seen.add(pid.value)
        village = rng.choice(villages)
        yield dm.Citizen(
            personal_id=pid.value,
            full_name=random_name(rng, sex),
            birth_date=birth,
            sex=sex,
            address=f"{village.name}, Xã Kiên Bình, Thanh Hóa",
            village_id=village.id,
            phone=random_phone(rng) if rng.random() < 0.85 else None,
            beneficiary_group=rng.choice(groups) if rng.random() < 0.3 else None,
        )


def _events(rng: random.Random, commune: SyntheticCommune, start: date, days: int) -> None:
    """About half the citizens visited once or twice; outcomes follow the steps in order."""
    point_of_village = {p.village_id: p for p in commune.points}
    user_of_point = {u.support_point_id: u for u in commune.users}
    steps = list(dm.Step)
    for citizen in commune.citizens:
        if citizen.beneficiary_group is not None:
            status = rng.choice(list(dm.PaymentStatus))
            commune.facts.append(
                _fact(
                    rng,
                    citizen,
                    dm.FactField.PAYMENT_STATUS,
                    status.value,
                    "beneficiary_list",
                    start,
                )
            )
            commune.facts.append(
                _fact(
                    rng,
                    citizen,
                    dm.FactField.BENEFICIARY_GROUP,
                    citizen.beneficiary_group.value,
                    "beneficiary_list",
                    start,
                )
            )
        if rng.random() < 0.8:
            commune.facts.append(
                _fact(rng, citizen, dm.FactField.EID_LEVEL, "2", "police_level2", start)
            )
        if rng.random() > 0.5:
            continue
        point = point_of_village[citizen.village_id]
        user = user_of_point[point.id]
        for _ in range(rng.choice((1, 1, 2))):
            when = datetime(start.year, start.month, start.day, 1, tzinfo=UTC) + timedelta(
                days=rng.randrange(days), minutes=rng.randrange(600)
            )
            visit = dm.Visit(
                uuid.UUID(int=rng.getrandbits(128)),
                citizen.personal_id,
                when,
                point.id,
                user.id,
                dm.VisitPlace.HOME if rng.random() < 0.1 else dm.VisitPlace.AT_POINT,
            )
            commune.visits.append(visit)
            for step in steps[1 : 1 + rng.randrange(1, len(steps))]:
                result = rng.choices(list(dm.Result), weights=(6, 2, 2, 1))[0]
                if result is dm.Result.SUBMITTED and step is not dm.Step.BENEFIT_LINK:
                    result = dm.Result.DONE  # only a link waits for approval
                commune.outcomes.append(
                    dm.Outcome(
                        id=uuid.UUID(int=rng.getrandbits(128)),
                        visit_id=visit.id,
                        personal_id=citizen.personal_id,
                        step=step,
                        result=result,
                        recorded_at=when + timedelta(minutes=5),
                        user_id=user.id,
                        reason=rng.choice(list(dm.FailureReason)[:-1])
                        if result is dm.Result.FAILED
                        else None,
                        bank=rng.choice(BANKS) if step is dm.Step.BANK_ACCOUNT else None,
                        referred_to=dm.ReferralTarget.COMMUNE_POLICE
                        if result is dm.Result.REFERRED
                        else None,
                    )
                )


def _fact(
    rng: random.Random, citizen: dm.Citizen, name: dm.FactField, value: str, kind: str, day: date
) -> dm.OfficialFact:
    return dm.OfficialFact(
        uuid.UUID(int=rng.getrandbits(128)),
        citizen.personal_id,
        name,
        value,
        kind,
        f"{kind}.xlsx",
        day,
    )
