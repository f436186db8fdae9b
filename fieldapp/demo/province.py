"""A synthetic province for demos, screenshots and the bench: communes and their summaries.

Never real places or people: commune names are made of generated syllables ("Xã Kiên Hòa 12").
Each commune has 25 villages and 5 beneficiary groups; its level-2 accounts and links grow a
little every day, spread so the province's bands are all there (seed 002: ~22% linked, a few
at 0%, none far above 50%). Figures are consistent (linked ≤ level 2, new ≤ cumulative), so
they pass the province's checks.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from fieldapp.domain.model import BeneficiaryGroup
from fieldapp.domain.summary import (
    UNIT_COMMUNE,
    UNIT_GROUP,
    UNIT_VILLAGE,
    CommuneSummary,
    DaySummary,
    UnitRow,
)

GROUPS = (
    BeneficiaryGroup.MERIT,
    BeneficiaryGroup.SOCIAL_PROTECTION,
    BeneficiaryGroup.SOCIAL_PENSION,
    BeneficiaryGroup.INSURANCE_PENSION,
    BeneficiaryGroup.EDUCATION,
)
_FIRST = ("Kiên", "Đông", "Xuân", "Hoằng", "Quảng", "Thiệu", "Yên", "Thọ", "Nga", "Hà",
          "Tân", "Vĩnh", "Cẩm", "Thạch", "Triệu", "Nông", "Minh", "Bình", "Lộc", "Phú")  # fmt: skip
_SECOND = ("Hòa", "Thành", "Lợi", "Phong", "Sơn", "Tiến", "Hưng", "Thịnh", "An", "Long",
           "Thái", "Trung", "Ninh", "Hải", "Châu")  # fmt: skip


@dataclass(frozen=True, slots=True)
class SyntheticCommune:
    """One generated commune: its id, name, code, villages, and how it progresses."""

    id: uuid.UUID
    name: str
    code: str
    villages: tuple[tuple[str, str], ...]
    level2: int  # level-2 accounts on the first day
    final_rate: float  # linked / level 2 reached by the last day
    paid: tuple[float, ...]  # per group, share of beneficiaries paid to an account


def synthetic_communes(count: int, *, villages: int = 25, seed: int = 20) -> list[SyntheticCommune]:
    """`count` communes with distinct names and codes."""
    rng = random.Random(seed)
    communes = []
    for index in range(count):
        name = f"Xã {_FIRST[index % len(_FIRST)]} {_SECOND[(index // len(_FIRST)) % len(_SECOND)]}"
        if index >= len(_FIRST) * len(_SECOND):
            name += f" {index // (len(_FIRST) * len(_SECOND)) + 1}"
        ids = [uuid.UUID(int=rng.getrandbits(128)) for _ in range(villages + 1)]
        roll = rng.random()
        final = (
            0.0
            if roll < 0.06
            else (rng.uniform(0.02, 0.15) if roll < 0.2 else rng.uniform(0.15, 0.52))
        )
        paid = tuple(0.0 if rng.random() < 0.07 else rng.uniform(0.1, 0.7) for _ in GROUPS)
        communes.append(
            SyntheticCommune(
                id=ids[0],
                name=name,
                code=f"{15000 + index * 3:05d}",
                villages=tuple((str(v), f"Thôn {i + 1}") for i, v in enumerate(ids[1:])),
                level2=rng.randrange(2500, 7000),
                final_rate=final,
                paid=paid,
            )
        )
    return communes


def day_summary(
    commune: SyntheticCommune, day: date, first_day: date, days: int, province: str = "Thanh Hóa"
) -> CommuneSummary:
    """The commune's summary of one day (index from `first_day`, out of `days`)."""
    rng = random.Random(f"{commune.id}-{day.isoformat()}")
    progress = min(1.0, ((day - first_day).days + 1) / days)
    rows: list[UnitRow] = []
    per_village = [commune.level2 // len(commune.villages)] * len(commune.villages)
    per_village[0] += commune.level2 - sum(per_village)
    totals: dict[str, int] = {}
    for (key, _name), level2 in zip(commune.villages, per_village, strict=True):
        rate = commune.final_rate * progress * rng.uniform(0.8, 1.2)
        linked = min(level2, int(level2 * rate))
        new_linked = min(linked, int(level2 * commune.final_rate / days * rng.uniform(0.5, 1.5)))
        approved = linked // 3
        figures = {
            "citizens": int(level2 * 1.3),
            "level2": level2,
            "activated": min(level2, int(level2 * (0.6 + 0.3 * progress))),
            "link_waiting": linked - approved,
            "link_approved": approved,
            "linked": linked,
            "bank_account": int(level2 * 0.5),
            "opened": int(linked * 0.2),
            "new.linked": new_linked,
            "new.level2": 0,
            "visited": min(level2, new_linked * 2),
            "eligible": min(level2, linked + level2 // 10),
        }
        home_visits = rng.randint(0, 3)  # issue 18's figures: home visits, failures by reason
        if home_visits:
            figures |= {"home_visits": home_visits, "home_visits.people": home_visits}
        for reason, most in (("no_smartphone", 4), ("no_otp", 2), ("bank_not_verified", 2)):
            if count := rng.randint(0, most):
                figures[f"reason.{reason}"] = count
        rows.append(UnitRow(UNIT_VILLAGE, key, figures))
        for name, value in figures.items():
            totals[name] = totals.get(name, 0) + value
    group_rows = []
    for group, share in zip(GROUPS, commune.paid, strict=True):
        beneficiaries = commune.level2 // 12
        paid = int(beneficiaries * share * (0.5 + 0.5 * progress))
        no_account = (beneficiaries - paid) // 2
        group_rows.append(
            UnitRow(
                UNIT_GROUP,
                group.value,
                {
                    "citizens": beneficiaries,
                    "level2": beneficiaries // 2,
                    "linked": int(beneficiaries // 2 * commune.final_rate * progress),
                    "payment.paid_to_account": paid,
                    "payment.has_account_not_paid": beneficiaries - paid - no_account,
                    "payment.no_account": no_account,
                },
            )
        )
    for row in group_rows:  # the commune's beneficiaries are its groups' (as in its report)
        for name, value in row.figures.items():
            if name.startswith("payment."):
                totals[name] = totals.get(name, 0) + value
    extra = {"visits": totals["visited"], "referred": rng.randint(0, 3)}
    commune_row = UnitRow(UNIT_COMMUNE, "", totals | extra)
    return CommuneSummary(
        commune_id=commune.id,
        commune_name=commune.name,
        province=province,
        villages=dict(commune.villages),
        points={},
        days=[DaySummary(day, [commune_row, *rows, *group_rows])],
    )


def history(
    communes: list[SyntheticCommune], first_day: date, days: int
) -> Iterator[tuple[SyntheticCommune, CommuneSummary]]:
    """Every commune's summary of every day, day by day."""
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        for commune in communes:
            yield commune, day_summary(commune, day, first_day, days)


def load_province(
    engine: object,
    communes: list[SyntheticCommune],
    first_day: date,
    days: int,
    *,
    load_days: int | None = None,
    enrol: bool = True,
) -> None:
    """Put communes and `load_days` days of their summaries straight into a province store.

    The communes are listed and (if `enrol`) tied to their ids; a bulk load for demos and the
    bench, not an import (no bundles, no checks). The store must already be a province's.
    """
    from datetime import UTC, datetime

    from fieldapp.domain.text import fold
    from fieldapp.store import province_queries as pq
    from fieldapp.store import tables as t
    from fieldapp.store.uow import SqlUnitOfWork

    with SqlUnitOfWork(engine) as uow:  # type: ignore[arg-type]
        session = uow.repo.session
        pq.add_communes(
            session,
            [
                t.ProvinceCommune(
                    id=uuid.uuid5(c.id, "province"),
                    code=c.code,
                    name=c.name,
                    name_folded=fold(c.name),
                    district="",
                    commune_id=c.id if enrol else None,
                )
                for c in communes
            ],
        )
        uow.commit()
    now = datetime.now(UTC)
    for offset in range(days if load_days is None else load_days):
        day = first_day + timedelta(days=offset)
        summaries, figures = [], []
        for commune in communes:
            summary = day_summary(commune, day, first_day, days)
            summaries.append(
                {
                    "commune_id": commune.id,
                    "day": day,
                    "sequence": offset + 1,
                    "digest": f"demo-{offset}",
                    "sender": "demo",
                    "imported_at": now,
                }
            )
            for row in summary.days[0].rows:
                figures.append(
                    pq.figure_row(
                        commune.id,
                        day,
                        row.kind,
                        row.key,
                        summary.unit_name(row.kind, row.key),
                        row.figures,
                    )
                )
        with SqlUnitOfWork(engine) as uow:  # type: ignore[arg-type]
            pq.insert_days(uow.repo.session, summaries, figures)
            uow.commit()
