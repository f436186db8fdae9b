"""Setting up sync keys from the desk, as the police and a point would, with no command line."""

from stores import new_store

from fieldapp.domain import model as dm
from fieldapp.services import setup
from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.sync.keys import Keyring
from fieldapp.ui.session import DeskSession
from fieldapp.ui.sync_keys import SyncKeysDialog
from fieldapp.ui.tasks import InlineTaskRunner


def _site(tmp_path, name, role):
    engine = new_store(tmp_path / name / "fieldapp.sqlite3")
    done = setup.set_up_point(
        SqlUnitOfWork(engine), commune_name="Xã Kiên Bình", province="Thanh Hóa",
        village_names=["Thôn Tây Sơn"], point_name=f"Điểm {name}", point_village="Thôn Tây Sơn",
        users=[setup.NewUser("Quản Trị", dm.Role.ADMIN, "quan-tri-2468"),
               setup.NewUser("Người Dùng", role, "24681012")],
    )  # fmt: skip
    session = DeskSession(uow=lambda: SqlUnitOfWork(engine), runner=InlineTaskRunner(),
                          point=done.point, user=done.users[1])  # fmt: skip
    return session, Keyring(tmp_path / name / "keys")


def test_police_and_a_point_exchange_key_cards_from_the_desk(qtbot, tmp_path):
    police, police_keys = _site(tmp_path, "police", dm.Role.COMMUNE_POLICE)
    point, point_keys = _site(tmp_path, "point", dm.Role.VOLUNTEER)
    stick = tmp_path / "stick"
    stick.mkdir()

    at_police = SyncKeysDialog(police, police_keys)
    qtbot.addWidget(at_police)
    assert "chưa có khóa" in at_police.summary.text()
    at_police.create_commune_keys()
    commune_fp = police_keys.load().public.fingerprint
    assert commune_fp in at_police.summary.text()
    assert not at_police.buttons["create_commune"].isEnabled()
    at_police.export_card(stick)
    (card,) = stick.glob("*.fieldkey")
    assert card.with_suffix(".pdf").exists()

    at_point = SyncKeysDialog(point, point_keys)
    qtbot.addWidget(at_point)
    assert "import_commune" in at_point.buttons and "enrol_point" not in at_point.buttons
    wrong = "0000 " * 7 + "0000"  # well formed, but not the card's
    at_point.import_commune_card(card, wrong)
    assert "Mã khóa không khớp" in at_point.result.text()
    assert "Chưa nhận thẻ khóa" in at_point.summary.text()
    at_point.import_commune_card(card, commune_fp)
    assert commune_fp in at_point.summary.text()
    point_stick = tmp_path / "point-stick"
    point_stick.mkdir()
    at_point.export_card(point_stick)
    (point_card,) = point_stick.glob("*.fieldkey")

    at_police.enrol_point(point_card, point_keys.load().public.fingerprint)
    assert "Đã đăng ký" in at_police.result.text()
    assert "Đã đăng ký 1 điểm" in at_police.summary.text()
