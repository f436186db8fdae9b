"""Reports count beneficiaries paid into their own account and via a proxy/guardian (issue 19).

On the hand-counted agency commune (tests/agency_builders.py) plus three social-protection
beneficiaries paid to an account: P into their own, Q through a proxy named in the list, R
through a guardian recorded at a desk. The health agency's report, 5 June (ends 14:00).
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from actors import police_of
from agency_builders import agency_commune
from reports_builders import local

from fieldapp.domain import model as dm
from fieldapp.domain.payments import PaymentHolder, PaymentReceiver
from fieldapp.i18n import tr
from fieldapp.services import report_output
from fieldapp.services.agency_report import agency_figures
from fieldapp.services.report_settings import report_settings

JUNE5 = date(2026, 6, 5)
G, F = dm.BeneficiaryGroup, dm.FactField


@pytest.fixture
def hand(uow):
    h = agency_commune()
    june1 = date(2026, 6, 1)
    for key, village in (("P", "V1"), ("Q", "V1"), ("R", "V2"), ("S", "V2")):
        h.a_citizen(key, village)
        h.a_fact(key, F.BENEFICIARY_GROUP, "social_protection", june1)
        h.a_fact(key, F.PAYMENT_STATUS, "paid_to_account", june1)
    h.a_fact("Q", F.PROXY_NAME, "Người Nhận Q", june1)
    h.save(uow())

    def guardian(key: str, hour: int) -> None:
        with uow() as u:
            u.repo.add_payment_event(
                PaymentReceiver(
                    uuid.uuid4(), h.citizens[key].personal_id, PaymentHolder.GUARDIAN,
                    "Người Giám Hộ", "mẹ", None, local(2026, 6, 5, hour), h.user.id, None,
                )
            )  # fmt: skip
            u.commit()

    guardian("R", 9)  # before the 14:00 deadline: counts on 5 June
    guardian("S", 15)  # after it: S is still paid into their own account on 5 June
    return h


def _health(uow):
    period = report_output.resolve_period(uow(), "daily", JUNE5)
    return agency_figures(uow(), "health", period, report_settings(uow(), "agency.health"))


def test_paid_to_an_account_is_split_into_own_and_via_a_receiver_per_group(uow, hand):
    figures = _health(uow)
    protection = figures.by_group[G.SOCIAL_PROTECTION]
    assert protection.payment["paid_to_account"] == 4  # P, Q, R, S
    assert (protection.paid_own, protection.paid_via_receiver) == (2, 2)  # P, S / Q, R
    assert (figures.by_group[G.SOCIAL_PENSION].paid_own,) == (0,)
    by_village = {name: (t.paid_own, t.paid_via_receiver) for name, t in figures.by_village}
    assert by_village["Thôn Một"] == (1, 1)  # P / Q
    assert by_village["Thôn Hai"] == (1, 1)  # S / R
    total = figures.total
    assert total.paid_own + total.paid_via_receiver == total.payment["paid_to_account"]


def test_the_agency_report_prints_both_columns(uow, hand, tmp_path):
    document = report_output.write_report(
        uow(), "daily", tmp_path / "health.pdf", day=JUNE5, agency="health",
        actor=police_of(uow),
    )  # fmt: skip
    table = next(s.table for s in document.sections if s.table is not None)
    headers = [c.header for c in table.columns]
    own = headers.index(tr("payments.col.paid_own"))
    via = headers.index(tr("payments.col.paid_via_receiver"))
    rows = {str(r[1]): r for r in table.rows}
    protection = rows[tr("group.social_protection")]
    assert (protection[own], protection[via]) == (2, 2)
