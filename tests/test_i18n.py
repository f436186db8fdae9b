from builders import a_fact, an_outcome

from fieldapp.domain import model as dm
from fieldapp.domain.status import fold_status
from fieldapp.i18n import all_messages, both, tr
from fieldapp.i18n.describe import next_steps_text, step_state_text

S, R = dm.Step, dm.Result


def test_every_message_has_vietnamese_and_english():
    for message_id, (vi, en) in all_messages().items():
        assert vi.strip() and en.strip(), message_id


def test_enum_values_all_have_a_name_in_both_languages():
    for prefix, enum in (
        ("step", dm.Step),
        ("result", dm.Result),
        ("reason", dm.FailureReason),
        ("group", dm.BeneficiaryGroup),
        ("role", dm.Role),
        ("payment", dm.PaymentStatus),
        ("place", dm.VisitPlace),
    ):
        for value in enum:
            assert f"{prefix}.{value.value}" in all_messages(), (prefix, value)


def test_field_params_are_named_in_the_users_language():
    assert (
        tr("id.wrong_length", "vi", field="personal_id", count=11)
        == "Số định danh cá nhân: 11 chữ số, cần 12"
    )
    assert both("scan.empty") == "Chưa có gì để tra cứu (Nothing to look up)"


def test_what_is_next_reads_as_plain_vietnamese():
    activated = fold_status(None, [an_outcome(S.EID_ACTIVATION)])
    assert next_steps_text(activated) == [
        "Cần mở tài khoản ngân hàng và xác thực sinh trắc học trước khi tích hợp "
        "tài khoản an sinh xã hội"
    ]
    verified = fold_status(None, [an_outcome(S.EID_ACTIVATION), an_outcome(S.BIOMETRIC_VERIFIED)])
    assert next_steps_text(verified) == ["Cần tích hợp tài khoản an sinh xã hội trên VNeID"]
    submitted = fold_status(None, [an_outcome(S.BENEFIT_LINK, R.SUBMITTED)])
    assert next_steps_text(submitted, "en") == ["Link submitted, waiting for approval"]
    done = fold_status(None, [], [a_fact(dm.FactField.BENEFIT_LINKED, "true")])
    assert next_steps_text(done) == ["Đã hoàn thành tất cả các bước"]


def test_a_failed_step_says_why():
    status = fold_status(
        None, [an_outcome(S.EID_ACTIVATION, R.FAILED, reason=dm.FailureReason.NO_OTP)]
    )
    assert (
        step_state_text(status.steps[S.EID_ACTIVATION]) == "Chưa thành công: Không nhận được mã OTP"
    )
