"""Item 15: each step offers only the failure reasons that make sense for it; a submitted link."""

import pytest
from builders import an_outcome
from desk_helpers import type_keys
from test_desk_pickers import shown
from test_services_visits import a_known_citizen, desk  # noqa: F401 (the fixture)

from fieldapp.domain import model as dm
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.status import Source, StepState, fold_status
from fieldapp.domain.step_rules import reasons_of
from fieldapp.i18n import error_text
from fieldapp.services import lookup, visits
from fieldapp.ui.card_view import card_html
from fieldapp.ui.desk_pickers import ReasonDialog

S, R, FR = dm.Step, dm.Result, dm.FailureReason


def test_a_level2_registration_has_no_bank_or_app_reasons():
    offered = reasons_of(S.EID_APPLICATION)
    assert FR.BANK_NOT_VERIFIED not in offered
    assert FR.NO_OTP not in offered and FR.LEVEL2_NOT_REGISTERED not in offered
    assert FR.BANK_NOT_VERIFIED in reasons_of(S.BENEFIT_LINK)


def test_every_step_ends_with_other_and_every_reason_is_offered_somewhere():
    for step in S:
        assert reasons_of(step)[-1] is FR.OTHER
    assert {r for step in S for r in reasons_of(step)} == set(FR)


def test_the_picker_numbers_the_steps_own_reasons(qtbot):
    dialog = shown(qtbot, ReasonDialog("vi", S.EID_APPLICATION))
    rows = [dialog.reasons.item(i).text() for i in range(dialog.reasons.count())]
    assert rows == [
        "1   Số điện thoại không phải số đã đăng ký",
        "2   Công dân không có mặt",
        "3   Mất kết nối mạng",
        "4   Lý do khác",
    ]
    type_keys(dialog, "5", enter=False)  # beyond this step's list: nothing picked
    assert dialog.result() != dialog.DialogCode.Accepted and dialog.chosen is None
    type_keys(dialog, "2", enter=False)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.chosen == (FR.CITIZEN_ABSENT, "")


def test_the_link_picker_offers_bank_not_verified(qtbot):
    dialog = shown(qtbot, ReasonDialog("vi", S.BENEFIT_LINK))
    type_keys(dialog, str(reasons_of(S.BENEFIT_LINK).index(FR.BANK_NOT_VERIFIED) + 1), enter=False)
    assert dialog.chosen == (FR.BANK_NOT_VERIFIED, "")


def test_a_reason_of_another_step_is_refused_in_vietnamese(uow, desk):  # noqa: F811
    a_known_citizen(uow)
    user = desk.users[0].id
    visit = visits.register_visit(uow(), "038190012345", user_id=user, point_id=desk.point.id).visit
    with pytest.raises(ValidationError) as caught:
        visits.record_outcome(
            uow(), visit.id, S.EID_APPLICATION, R.FAILED, user_id=user, reason=FR.BANK_NOT_VERIFIED
        )
    assert error_text(caught.value, "vi") == (
        "Lý do «Tài khoản ngân hàng chưa xác thực sinh trắc học» không dùng cho bước "
        "«Đăng ký tài khoản ĐDĐT mức 2»; chọn một lý do của bước này"
    )
    with uow() as u:
        assert u.repo.outcomes_for("038190012345") == []
    fine = visits.record_outcome(
        uow(), visit.id, S.BENEFIT_LINK, R.FAILED, user_id=user, reason=FR.BANK_NOT_VERIFIED
    )
    assert fine.outcome.reason is FR.BANK_NOT_VERIFIED


def test_a_submitted_link_infers_the_verification_and_the_card_says_so(uow, desk):  # noqa: F811
    """The linking rule needs a verified bank account, so a submitted link proves it: shown
    as "suy ra", never as a verification the point recorded."""
    a_known_citizen(uow)
    user = desk.users[0].id
    visit = visits.register_visit(uow(), "038190012345", user_id=user, point_id=desk.point.id).visit
    done = visits.record_outcome(uow(), visit.id, S.BENEFIT_LINK, R.SUBMITTED, user_id=user)
    bio = done.status.steps[S.BIOMETRIC_VERIFIED]
    assert (bio.state, bio.source, bio.outcome_id) == (StepState.DONE, Source.INFERRED, None)
    html = card_html(lookup.look_up(uow(), "038190012345"))
    row = html.split("Xác thực sinh trắc học", 1)[1].split("</tr>", 1)[0]
    assert "suy ra từ bước sau" in row


def test_a_failed_or_referred_link_infers_nothing():
    for result, extra in ((R.FAILED, {"reason": FR.NO_OTP}), (R.REFERRED, {})):
        status = fold_status(None, [an_outcome(S.BENEFIT_LINK, result, **extra)])
        assert status.state(S.BIOMETRIC_VERIFIED) is StepState.NOT_STARTED
