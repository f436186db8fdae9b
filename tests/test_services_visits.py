import logging
from dataclasses import replace

import pytest

from fieldapp.domain import model as dm
from fieldapp.domain.chip_qr import ChipQrPayload, format_chip_qr
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.personal_id import PersonalId
from fieldapp.domain.status import StepState
from fieldapp.services import lookup, setup, visits
from fieldapp.store import name_search_sql

S, R = dm.Step, dm.Result


@pytest.fixture
def desk(uow):
    done = setup.set_up_point(
        uow(),
        commune_name="Xã Kiên Bình",
        province="Thanh Hóa",
        village_names=["Thôn Đông Hòa", "Thôn Tây Sơn"],
        point_name="Nhà văn hóa Thôn Đông Hòa",
        point_village="Thôn Đông Hòa",
        users=[
            setup.NewUser("Quản Trị Viên", dm.Role.ADMIN, "quan-tri-2468"),
            setup.NewUser("Trần Thị Mai", dm.Role.VOLUNTEER, "246810"),
            setup.NewUser("Phạm Văn Long", dm.Role.BANK_OFFICER, "135790"),
        ],
    )
    return replace(done, users=done.users[1:])  # the tests act as the people on duty


def a_known_citizen(uow, name="Nguyễn Thị Hương", pid="038190012345"):
    from datetime import date

    from fieldapp.domain.personal_id import Sex

    citizen = dm.Citizen(pid, name, date(1990, 2, 2), Sex.FEMALE, "Thôn Đông Hòa")
    with uow() as u:
        u.repo.add_citizen(citizen, name_source="official_list")
        u.commit()
    return citizen


def count(uow, table):
    with uow() as u:
        return u.session.connection().exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()


def test_a_scan_saves_a_visit_and_shows_the_stored_name_over_a_garbled_one(uow, desk):
    a_known_citizen(uow)
    volunteer = desk.users[0]
    done = visits.register_visit(
        uow(),
        "038190012345||Nguyen Thi H?ong|02021990|N?|Thon Dong Hoa|01012022",
        user_id=volunteer.id,
        point_id=desk.point.id,
    )
    assert done.card.citizen.full_name == "Nguyễn Thị Hương"
    assert done.scanned_name == "Nguyen Thi H?ong"
    assert count(uow, "visit") == 1
    assert [line.user_name for line in done.card.visits] == ["Trần Thị Mai"]


def test_a_typed_id_works_too(uow, desk):
    a_known_citizen(uow)
    done = visits.register_visit(
        uow(),
        "038190012345",
        user_id=desk.users[0].id,
        point_id=desk.point.id,
        place=dm.VisitPlace.HOME,
    )
    assert done.visit.place is dm.VisitPlace.HOME


def test_an_unknown_id_is_offered_never_created(uow, desk):
    text = "038090012345||Lê Văn Nam|01011990|Nam|Thôn Tây Sơn|01012022"
    with pytest.raises(visits.UnknownCitizenError) as caught:
        visits.register_visit(uow(), text, user_id=desk.users[0].id, point_id=desk.point.id)
    assert isinstance(caught.value.payload, ChipQrPayload)
    assert count(uow, "citizen") == 0 and count(uow, "visit") == 0
    visits.create_citizen(
        uow(), visits.citizen_from_scan(caught.value.payload), user_id=desk.users[0].id
    )
    assert lookup.look_up(uow(), "038090012345").citizen.full_name == "Lê Văn Nam"


@pytest.mark.parametrize(
    "text",
    [
        "038190012345||Nguyễn Thị Hương|02021990",  # half scan
        "038190012345||Nguyễn Thị Hương|31021990|Nữ|Thôn|01012022",  # impossible date
        "038190012345||Nguyễn Thị Hương|02021990|Nữ|Thôn|01012022038190012345||X|02021990|Nữ|T|0",
        "38190012345",
    ],
)
def test_a_malformed_scan_stores_nothing(uow, desk, text):
    a_known_citizen(uow)
    with pytest.raises(ValidationError):
        visits.register_visit(uow(), text, user_id=desk.users[0].id, point_id=desk.point.id)
    assert count(uow, "visit") == 0


def test_outcomes_fold_into_the_status_and_undo_is_a_new_event(uow, desk):
    a_known_citizen(uow)
    user = desk.users[0].id
    visit = visits.register_visit(uow(), "038190012345", user_id=user, point_id=desk.point.id).visit
    done = visits.record_outcome(uow(), visit.id, S.EID_ACTIVATION, R.DONE, user_id=user)
    assert done.status.state(S.EID_ACTIVATION) is StepState.DONE
    undone = visits.correct_outcome(uow(), done.outcome.id, user_id=user)
    assert undone.status.state(S.EID_ACTIVATION) is StepState.NOT_STARTED
    assert count(uow, "outcome") == 2


@pytest.mark.parametrize(
    ("kwargs", "message_id"),
    [
        ({"result": R.FAILED}, "outcome.reason_needed"),
        ({"result": R.FAILED, "reason": dm.FailureReason.OTHER}, "outcome.other_needs_text"),
        ({"result": R.REFERRED}, "outcome.referral_needed"),
        ({"step": S.BANK_ACCOUNT, "result": R.DONE}, "outcome.bank_needed"),
    ],
)
def test_incomplete_outcomes_are_refused(uow, desk, kwargs, message_id):
    a_known_citizen(uow)
    user = desk.users[0].id
    visit = visits.register_visit(uow(), "038190012345", user_id=user, point_id=desk.point.id).visit
    args = {"step": S.EID_ACTIVATION} | kwargs
    with pytest.raises(ValidationError) as caught:
        visits.record_outcome(
            uow(), visit.id, args.pop("step"), args.pop("result"), user_id=user, **args
        )
    assert caught.value.message_id == message_id
    assert count(uow, "outcome") == 0


def test_a_bank_officer_records_accounts_only(uow, desk):
    a_known_citizen(uow)
    officer = desk.users[1].id
    visit = visits.register_visit(
        uow(), "038190012345", user_id=officer, point_id=desk.point.id
    ).visit
    with pytest.raises(ValidationError, match="outcome.role_forbidden"):
        visits.record_outcome(uow(), visit.id, S.EID_ACTIVATION, R.DONE, user_id=officer)
    done = visits.record_outcome(
        uow(), visit.id, S.BANK_ACCOUNT, R.DONE, user_id=officer, bank="LPBank"
    )
    assert done.status.steps[S.BANK_ACCOUNT].bank == "LPBank"


def test_search_ignores_diacritics_and_uses_the_name_indexes(uow, engine):
    a_known_citizen(uow, "Nguyễn Thị Hương", "038190012345")
    a_known_citizen(uow, "Nguyễn Văn Hùng", "038090012346")
    assert [c.full_name for c in lookup.search(uow(), "nguyen thi huong")] == ["Nguyễn Thị Hương"]
    assert len(lookup.search(uow(), "NGUYEN")) == 2
    assert [c.full_name for c in lookup.search(uow(), "hung")] == ["Nguyễn Văn Hùng"]
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:

        def plan(sql: str, params: dict | None = None) -> str:
            explained = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params or {})
            return " ".join(str(r) for r in explained)

        prefix = plan(
            "SELECT * FROM citizen WHERE name_folded >= 'nguyen t' AND name_folded < 'nguyen t{' "
            "ORDER BY name_folded, personal_id LIMIT 50"
        )
        arms = list(
            connection.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + name_search_sql.word_arms(False, 2, 1, True),
                {"lo": "thi h", "hi": "thi h{", "n": 50, "v0": "hoa", "v1": "huong",
                 "w0": "% thi%", "dlo": "h", "dhi": "h{"},
            )
        )  # fmt: skip
    # A range of the folded-name index, already in name order (no sort of the matches).
    assert "ix_citizen_name_key" in prefix and "TEMP B-TREE" not in prefix
    # The words: each arm a range of the word table's key (or the name index) in name order,
    # stopped at the page, merged; nothing sorts an arm's matches (only its page, above it).
    reads = {row[0] for row in arms if row[3] in ("CO-ROUTINE a0", "CO-ROUTINE a1", "CO-ROUTINE f")}
    searched = [row[3] for row in arms if row[1] in reads]
    assert searched == [
        "SEARCH citizen_name_word USING PRIMARY KEY (word=?)",
        "SEARCH citizen_name_word USING PRIMARY KEY (word=?)",
        "SEARCH citizen USING COVERING INDEX ix_citizen_name_key (name_folded>? AND name_folded<?)",
    ]
    assert any(row[3] == "MERGE (UNION)" for row in arms)


def test_todays_visits_at_this_point(uow, small_commune):
    point, user = small_commune.points[0], small_commune.users[0]
    citizen = small_commune.citizens[0]
    visits.register_visit(uow(), citizen.personal_id, user_id=user.id, point_id=point.id)
    visits.register_visit(
        uow(),
        small_commune.citizens[1].personal_id,
        user_id=user.id,
        point_id=small_commune.points[1].id,
    )
    lines = lookup.visits_on_day(uow(), point_id=point.id)
    assert [(line.citizen_name, line.user_name) for line in lines] == [
        (citizen.full_name, user.name)
    ]


def test_sign_in_checks_the_pin(uow, desk):
    assert setup.sign_in(uow(), desk.users[0].id, "246810") == desk.users[0]
    with pytest.raises(ValidationError):
        setup.sign_in(uow(), desk.users[0].id, "000000")


def test_no_personal_data_reaches_the_logs(uow, desk, caplog):
    a_known_citizen(uow)
    caplog.set_level(logging.DEBUG)
    visits.register_visit(
        uow(),
        "038190012345||Nguyễn Thị Hương|02021990|Nữ|Thôn|01012022",
        user_id=desk.users[0].id,
        point_id=desk.point.id,
    )
    with pytest.raises(ValidationError):
        visits.register_visit(
            uow(),
            "038190012340||Nguyễn Thị Hương|02021991|Nữ|Thôn|01012022",
            user_id=desk.users[0].id,
            point_id=desk.point.id,
        )
    assert "038190012345" not in caplog.text and "Hương" not in caplog.text


def test_format_of_generated_cards_scans_back(uow, small_commune):
    citizen = small_commune.citizens[0]
    from datetime import date

    payload = ChipQrPayload(
        PersonalId(citizen.personal_id),
        None,
        citizen.full_name,
        citizen.birth_date,
        citizen.sex,
        citizen.address,
        date(2022, 1, 1),
    )
    done = visits.register_visit(
        uow(),
        format_chip_qr(payload),
        user_id=small_commune.users[0].id,
        point_id=small_commune.points[0].id,
    )
    assert done.card.citizen.personal_id == citizen.personal_id


def test_a_second_scan_within_half_an_hour_continues_the_same_visit(uow, desk):
    from datetime import UTC, datetime, timedelta

    a_known_citizen(uow)
    user, point = desk.users[0].id, desk.point.id
    t0 = datetime(2026, 6, 1, 2, 0, tzinfo=UTC)
    first = visits.register_visit(uow(), "038190012345", user_id=user, point_id=point, now=t0)
    again = visits.register_visit(
        uow(), "038190012345", user_id=user, point_id=point, now=t0 + timedelta(minutes=10)
    )
    assert again.reused and again.visit.id == first.visit.id
    later = visits.register_visit(
        uow(), "038190012345", user_id=user, point_id=point, now=t0 + timedelta(minutes=45)
    )
    assert not later.reused
    home = visits.register_visit(
        uow(),
        "038190012345",
        user_id=user,
        point_id=point,
        now=t0 + timedelta(minutes=46),
        place=dm.VisitPlace.HOME,
    )
    assert not home.reused
    assert count(uow, "visit") == 3
