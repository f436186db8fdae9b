"""The report cache's rules version is a reviewed constant, pinned to what the rules answer.

`RULES_VERSION` (domain/status.py) keys every cached timeline. It must change whenever the fold
or the report's marks answer differently: this test digests their answers for every citizen of
a fixed synthetic commune, so a change of the rules that forgets the bump fails here.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import replace
from datetime import date
from uuid import UUID

from fieldapp.demo.generator import generate_commune
from fieldapp.domain.model import FactField, OfficialFact
from fieldapp.domain.status import RULES_VERSION, fold_status
from fieldapp.services import report_timelines

# RULES_VERSION → digest of the rules' answers. On a deliberate change of the rules: bump
# RULES_VERSION and add its digest here (the failure message prints it).
PINNED = {
    "2026-11-26.1": "4f74d1177607f9b1",
    # one set of yes words for facts (v, y, ok, rồi, đạt, xong, hoàn thành count as well)
    "2026-11-26.2": "4f74d1177607f9b1",
    "2026-11-26.3": "4f74d1177607f9b1",  # a list's level 1: upgrade need, not in level 2
    # paid through a proxy/guardian: the receiver's account, no inference from their link
    # (the digest now also folds every 7th citizen as named with a proxy in a list)
    "2026-11-26.4": "f35479d68d2fa572",
    # smartphone: the desk's record (P/K) beats a failure, a list's fact counts last; the
    # marks carry smartphone and eligible (level 2 + smartphone + bank account)
    "2026-11-26.5": "f34ae9ac91f0e7e3",
}


_PROXY = OfficialFact(
    UUID(int=7), "", FactField.PROXY_NAME, "", "beneficiary", "", date(2026, 5, 1)
)


def _answers_digest() -> str:
    data = generate_commune(400, villages=4, seed=2611)
    outcomes, facts = defaultdict(list), defaultdict(list)
    for outcome in data.outcomes:
        outcomes[outcome.personal_id].append(outcome)
    for fact in data.facts:
        facts[fact.personal_id].append(fact)
    digest = hashlib.sha256()
    for citizen in data.citizens:
        pid = citizen.personal_id
        cases = [facts[pid]]
        if int(pid[-1]) % 7 == 0:  # the receiver rule: the same citizen paid through a proxy
            base = facts[pid][0] if facts[pid] else _PROXY
            cases.append([*facts[pid], replace(base, field=FactField.PROXY_NAME, value="Người")])
        for case in cases:
            status = fold_status(citizen, outcomes[pid], case)
            steps = [(s.step.value, s.state.key, s.source, s.bank) for s in status.steps.values()]
            answer = (steps, status.missing, status.has_smartphone, status.payment_status,
                      report_timelines.marks_of(status), status.paid_via)  # fmt: skip
            digest.update(repr(answer).encode())
    return digest.hexdigest()[:16]


def test_the_rules_version_is_declared_not_read_from_source():
    assert report_timelines.rules_version() == RULES_VERSION
    assert "inspect" not in vars(report_timelines)


def test_a_change_of_the_rules_bumps_the_version():
    digest = _answers_digest()
    assert PINNED.get(RULES_VERSION) == digest, (
        f"The fold or the marks answer differently: bump RULES_VERSION and pin "
        f'"{RULES_VERSION}": "{digest}" (or the new version) in {__name__}.PINNED'
    )
