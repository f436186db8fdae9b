"""Which points the police have heard from today: bundles count, not only visits."""

from datetime import UTC, date, datetime

from actors import police_of

from fieldapp.services import report_output
from fieldapp.store import tables as t

TODAY = date(2026, 6, 20)  # after the generated visits (20 May - 8 June)


def test_a_point_that_sent_a_bundle_today_is_heard_and_a_silent_one_is_listed(uow, small_commune):
    sender, silent = small_commune.points[3], small_commune.points[4]
    with uow() as u:
        u.session.add(
            t.SyncPeer(
                fingerprint="ab" * 16,
                role="point",
                name=sender.name,
                point_id=sender.id,
                signing_key="x",
                box_key="y",
                enrolled_at=datetime(2026, 6, 1, tzinfo=UTC),
            )
        )
        u.session.add(
            t.SyncImport(
                digest="cd" * 32,
                sender="ab" * 16,
                sequence=1,
                imported_at=datetime(2026, 6, 20, 3, 0, tzinfo=UTC),
                file_name="b.fieldbundle",
                new_events=3,
                known_events=0,
            )
        )
        u.commit()
    board = report_output.dashboard(uow(), today=TODAY, actor=police_of(uow))
    by_id = {p.point_id: p for p in board.points}
    assert by_id[sender.id].sent_today
    assert not by_id[silent.id].sent_today
    assert {p.point_id for p in board.points} >= {p.id for p in small_commune.points}
