"""The hand-counted commune with beneficiaries of every sector agency (issue 18, items 1, 8).

`hand_commune()` (seven citizens, two villages) plus seven beneficiaries; the comments say
what each one counts as in the daily report of 5 June, which ends at 14:00 (the agencies'
deadline), and in the report of 6 June.
"""

from __future__ import annotations

from datetime import date

from reports_builders import HandCommune, hand_commune, local

from fieldapp.domain import model as dm


def agency_commune() -> HandCommune:
    """Beneficiaries H..N on top of the hand commune (C: merit, D: social pension)."""
    h = hand_commune()
    S, F = dm.Step, dm.FactField  # noqa: N806
    june1 = date(2026, 6, 1)

    def beneficiary(key: str, village: str, group: str, payment: str | None) -> None:
        h.a_citizen(key, village)
        h.a_fact(key, F.EID_LEVEL, "2", june1)
        h.a_fact(key, F.BENEFICIARY_GROUP, group, june1)
        if payment is not None:
            h.a_fact(key, F.PAYMENT_STATUS, payment, june1)

    # social insurance (BHXH): H paid (V1), I has an account not paid (V2), J not classified
    beneficiary("H", "V1", "insurance_pension", "paid_to_account")
    beneficiary("I", "V2", "insurance_pension", "has_account_not_paid")
    beneficiary("J", "V2", "insurance_pension", None)
    # health: K (V1) no account, opens one at 15:00 on 5 June: after the 14:00 deadline, so
    # "no account" in the 5 June report and "has an account, not paid" in the 6 June one.
    beneficiary("K", "V1", "social_protection", "no_account")
    h.an_outcome(h.a_visit("K", "P1", local(2026, 6, 5, 15)), S.BANK_ACCOUNT, bank="MB")
    # health: L (V2) has an account not paid; a proxy receives for them
    beneficiary("L", "V2", "social_protection", "has_account_not_paid")
    h.a_fact("L", F.PROXY_NAME, "Người Nhận Thay", june1)
    # home affairs: M (V1) merit, no account, a guardian; linked at 10:00 on 5 June
    beneficiary("M", "V1", "merit", "no_account")
    h.a_fact("M", F.GUARDIAN_NAME, '=HYPERLINK("http://x","y")', june1)
    # labour federation: N (V2) serious illness, paid to account
    beneficiary("N", "V2", "serious_illness", "paid_to_account")
    return h
