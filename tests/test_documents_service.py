import re
from datetime import date

import pytest
from actors import police_of

from fieldapp.documents.content import (
    Bring,
    mask_personal_id,
    next_opening_day,
    parse_opening_days,
    what_to_bring,
)
from fieldapp.documents.guide_texts import load_guide_texts
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.domain.status import Need, fold_status
from fieldapp.services import documents
from fieldapp.services.progress import CancelledError
from fieldapp.store.documents_queries import citizens_in_village, events_for_many
from tests.documents_helpers import decode_qr, page_sizes_mm, pdf_text

SATURDAY = date(2026, 11, 21)


def flat(text):
    return re.sub(r"\s+", " ", text)


def test_opening_days_the_vietnamese_way():
    assert parse_opening_days("2-6") == (0, 1, 2, 3, 4)
    assert parse_opening_days("2,4,CN") == (0, 2, 6)
    assert parse_opening_days("") == (0, 1, 2, 3, 4, 5, 6)
    for bad in ("1-3", "9", "6-2", "thu hai"):
        with pytest.raises(ValidationError, match="bad_days"):
            parse_opening_days(bad)


def test_next_opening_day_skips_closed_days():
    assert next_opening_day(SATURDAY, (0, 1, 2, 3, 4)) == date(2026, 11, 23)
    assert next_opening_day(SATURDAY, (5,)) == date(2026, 11, 28)
    assert next_opening_day(SATURDAY, ()) is None


def test_what_to_bring_follows_the_needs():
    assert what_to_bring([Need.WAIT_APPROVAL]) == ()
    assert what_to_bring([Need.BENEFIT_LINK]) == (Bring.PHONE, Bring.BANK_CARD)
    assert what_to_bring([Need.LEVEL2_REGISTRATION, Need.SMARTPHONE]) == (
        Bring.PHONE,
        Bring.CHIP_ID_CARD,
        Bring.SMARTPHONE_HELPER,
    )
    assert set(what_to_bring(list(Need))) == set(Bring)


def test_masked_id_shows_only_the_last_four_digits():
    assert mask_personal_id("038190001234") == "••••••••1234"


def test_point_info_defaults_to_every_day_and_can_be_set(uow, small_commune):
    info = documents.point_info(uow())
    assert info.name == small_commune.points[0].name
    assert info.days_text == "Tất cả các ngày trong tuần"
    saved = documents.set_point_info(
        uow(),
        opening_days=(0, 2, 4),
        hours="8:00-11:00",
        contact="Chị Lan 0900 000 222",
        actor=police_of(uow),
    )
    assert documents.point_info(uow()) == saved
    assert saved.schedule_text == "Thứ Hai, Thứ Tư, Thứ Sáu (8:00-11:00)"


def _status(uow, personal_id):
    with uow() as unit:
        repo = unit.repo
        return fold_status(
            repo.get_citizen(personal_id),
            repo.outcomes_for(personal_id),
            repo.facts_for(personal_id),
        )


def test_a_citizens_slip_comes_from_the_fold(uow, small_commune):
    citizen = next(
        c for c in small_commune.citizens if len(_status(uow, c.personal_id).missing) >= 2
    )
    status = _status(uow, citizen.personal_id)
    document = documents.build_slip(uow(), citizen.personal_id, today=SATURDAY)
    rendered = documents.render(document)
    text = flat(pdf_text(rendered.pdf))
    assert citizen.full_name in text
    assert citizen.personal_id[-4:] in text and citizen.personal_id not in text
    from fieldapp.i18n.describe import next_steps_text

    for line in next_steps_text(status, "vi"):
        assert flat(line) in text
    assert "Chủ nhật, 22/11/2026" in text  # open every day by default
    roll = documents.render(documents.build_slip(uow(), citizen.personal_id, roll=True))
    assert page_sizes_mm(roll.pdf)[0][0] == 80.0


def test_unknown_citizen_and_village(uow, small_commune):
    with pytest.raises(NotFoundError):
        documents.build_slip(uow(), "038190999999")
    with pytest.raises(NotFoundError, match=r"village\.unknown"):
        documents.village_slips(uow(), "Thôn Không Có")


def test_village_slips_cover_exactly_those_still_missing_a_step(uow, small_commune):
    village = small_commune.villages[0]
    with uow() as unit:
        citizens = citizens_in_village(unit.repo.session, village.id)
        outcomes, facts = events_for_many(unit.repo.session, [c.personal_id for c in citizens])
    expected = [
        c
        for c in citizens
        if any(
            n is not Need.WAIT_APPROVAL
            for n in fold_status(
                c, outcomes.get(c.personal_id, []), facts.get(c.personal_id, [])
            ).missing
        )
    ]
    assert expected

    class Watch:
        cancelled = False

        def __init__(self):
            self.reports = []

        def report(self, done, total):
            self.reports.append((done, total))

    watch = Watch()
    rendered = documents.village_slips(uow(), village.name.lower(), today=SATURDAY, progress=watch)
    assert rendered.slips == len(expected)
    assert rendered.pages == -(-len(expected) // 4)
    assert watch.reports[-1] == (rendered.pages, rendered.pages)
    text = flat(pdf_text(rendered.pdf))
    for citizen in expected:
        assert citizen.full_name in text
    assert decode_qr(rendered.pdf, page=0) == [load_guide_texts().slip_qr.target] * min(
        4, len(expected)
    )


def test_village_slips_can_be_cancelled(uow, small_commune):
    class CancelAfterFirstPage:
        def __init__(self):
            self.pages = 0

        @property
        def cancelled(self):
            return self.pages >= 1

        def report(self, done, total):
            self.pages = done

    village = max(
        small_commune.villages,
        key=lambda v: sum(c.village_id == v.id for c in small_commune.citizens),
    )
    with pytest.raises(CancelledError):
        documents.village_slips(uow(), village.name, roll=True, progress=CancelAfterFirstPage())


def test_a_commune_guide_file_is_used_once_set(uow, small_commune, tmp_path):
    from fieldapp.documents.guide_texts import DEFAULT_GUIDE_FILE

    own = tmp_path / "xa.toml"
    own.write_text(
        DEFAULT_GUIDE_FILE.read_text(encoding="utf-8").replace(
            "https://vneid.gov.vn/", "https://xa-kien-binh.example.vn/huong-dan"
        ),
        encoding="utf-8",
    )
    documents.set_guide_file(uow(), own, actor=police_of(uow))
    rendered = documents.render(documents.build_guide(uow()))
    assert "https://xa-kien-binh.example.vn/huong-dan" in decode_qr(rendered.pdf)
    bad = tmp_path / "bad.toml"
    bad.write_text(own.read_text(encoding="utf-8").replace("https://xa-", "xa-"), encoding="utf-8")
    with pytest.raises(ValidationError, match="bad_qr_target"):
        documents.set_guide_file(uow(), bad, actor=police_of(uow))
