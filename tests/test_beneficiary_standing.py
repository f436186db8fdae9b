"""The beneficiaries' standing read from the projection equals the fold of every beneficiary.

The agency reports and the social-affairs office's file read `beneficiaries.standing_at`
(the report projection, plus a fold of whoever changed between a deadline and the day's
end); `beneficiaries_at` folds every beneficiary from scratch. On the generated commune of
the projection's drift test (corrections, later lists changing groups and payment classes,
proxies and desk-recorded accounts, people who moved), both agree at every deadline and
every midnight of the campaign, and with every event.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from test_reports_projection import START, enrich, generated  # noqa: F401 (a fixture)

from fieldapp.domain import model as dm
from fieldapp.domain.status import StepState
from fieldapp.services import standing
from fieldapp.services.beneficiaries import beneficiaries_at
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.standing import Standing, standing_at
from fieldapp.store.beneficiary_queries import as_utc


def _folded(uow, until: datetime | None) -> dict[str, Standing]:
    found = {}
    for b in beneficiaries_at(uow(), until, with_visits=False):
        bank = b.status.steps[dm.Step.BANK_ACCOUNT]
        has_account = bank.state is StepState.DONE
        at = bank.at
        on = at.astimezone(LOCAL_TZ).date() if isinstance(at, datetime) else at
        found[b.citizen.personal_id] = Standing(
            personal_id=b.citizen.personal_id,
            village_key=b.village_key,
            group=b.group,
            payment=b.payment,
            level2=b.level2,
            link=b.status.state(dm.Step.BENEFIT_LINK),
            has_account=has_account,
            account_bank=(bank.bank or "") if has_account else "",
            account_on=on if has_account else None,
            through_receiver=b.through_receiver,
        )
    return found


def test_the_standing_equals_the_fold_at_every_deadline_and_midnight(generated, uow, monkeypatch):  # noqa: F811
    enrich(uow, generated)
    refolded: list[int] = []
    real = standing.changed_between

    def counted(*args: object) -> list[str]:
        found = real(*args)
        refolded.append(len(found))
        return found

    monkeypatch.setattr(standing, "changed_between", counted)
    moments: list[datetime | None] = [None]
    for d in range(-1, 23, 2):
        day = START + timedelta(days=d)
        for hour in (0, 9, 14, 16):
            moments.append(datetime.combine(day, time(hour), tzinfo=LOCAL_TZ))
    compared = 0
    for moment in moments:
        shown = standing_at(uow(), moment)
        assert shown == _folded(uow, moment), moment
        compared += len(shown)
    assert compared > 1000  # many beneficiaries, compared one by one
    assert sum(1 for n in refolded if n) >= 10  # the deadline's correction was exercised
    # the social-affairs file's read: the same standing, and each one's last visit
    with_names = standing.standing_with_names(uow())
    assert {one.personal_id: one for one, _ in with_names} == standing_at(uow(), None)
    last = {b.citizen.personal_id: b.last_visit for b in beneficiaries_at(uow())}
    assert {
        one.personal_id: None if p.last_visit is None else as_utc(p.last_visit)
        for one, p in with_names
    } == last
    assert sum(v is not None for v in last.values()) > 30  # many were helped
    # the generated commune has every kind: paid through a receiver, accounts with a bank
    now = standing_at(uow(), None).values()
    assert any(s.through_receiver for s in now)
    assert any(s.account_bank for s in now) and any(s.account_on for s in now)
    assert {s.payment for s in now} >= {"paid_to_account", "no_account"}


def test_an_unknown_day_before_anything_has_nobody_linked(generated, uow):  # noqa: F811
    early = datetime.combine(date(2026, 1, 1), time(14), tzinfo=LOCAL_TZ)
    assert not any(s.linked for s in standing_at(uow(), early).values())
    assert standing_at(uow(), early) == _folded(uow, early)


def test_each_agencys_counts_equal_the_fold_at_both_ends_of_its_window(generated, uow):  # noqa: F811
    """`agency_figures` (a GROUP BY and corrections) against folding every beneficiary."""
    from fieldapp.domain.periods import day_period, week_period
    from fieldapp.domain.report_windows import deadline_time, report_window
    from fieldapp.services.agency_report import PaymentTally, agency_figures, groups_of
    from fieldapp.services.report_settings import report_settings

    enrich(uow, generated)
    checked = news = 0
    for d in range(0, 22, 3):
        day = START + timedelta(days=d)
        for period in (day_period(day), week_period(day)):
            for agency in ("social_security", "home_affairs", "health", "education"):
                settings = report_settings(uow(), f"agency.{agency}")
                found = agency_figures(uow(), agency, period, settings)
                window = report_window(period, deadline_time(settings.deadline), LOCAL_TZ)
                end, start = _folded(uow, window.ends_at), _folded(uow, window.starts_at)
                groups = groups_of(agency)
                by_group = {g: PaymentTally() for g in groups}
                by_village: dict[str, PaymentTally] = {}
                for pid, one in end.items():
                    if one.group in groups:
                        by_group[one.group].add(one, start.get(pid))
                        by_village.setdefault(one.village_key, PaymentTally()).add(
                            one, start.get(pid)
                        )
                assert found.by_group == by_group, (agency, period)
                shown = {name: tally for name, tally in found.by_village}
                assert len(shown) == len(by_village), (agency, period)
                checked += found.total.total
                news += found.total.new_total
    assert checked > 500 and news > 20  # beneficiaries and changes in the periods, compared
