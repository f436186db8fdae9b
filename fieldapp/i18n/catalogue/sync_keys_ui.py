"""Messages of the desk's sync-keys dialog."""

MESSAGES: dict[str, tuple[str, str]] = {
    "sync.keys_ui.menu": ("Khóa đồng bộ…", "Sync keys…"),
    "sync.keys_ui.title": ("Khóa đồng bộ", "Sync keys"),
    "sync.keys_ui.no_own": (
        "Máy này chưa có khóa đồng bộ.",
        "This computer has no sync key yet.",
    ),
    "sync.keys_ui.commune_known": (
        "Thẻ khóa của {name} đã nhận: {fingerprint}",
        "Key card of {name} received: {fingerprint}",
    ),
    "sync.keys_ui.commune_missing": (
        "Chưa nhận thẻ khóa của Công an xã: chưa thể xuất gói đồng bộ.",
        "No key card from the commune police yet: bundles cannot be exported.",
    ),
    "sync.keys_ui.points_enrolled": (
        "Đã đăng ký {count} điểm hỗ trợ.",
        "{count:support point|support points} enrolled.",
    ),
    "sync.keys_ui.create_commune": (
        "Tạo khóa của xã (một lần)",
        "Create the commune's keys (once)",
    ),
    "sync.keys_ui.enrol_point": (
        "Đăng ký điểm hỗ trợ từ thẻ khóa của điểm…",
        "Enrol a support point from its key card…",
    ),
    "sync.keys_ui.import_commune": (
        "Nhận thẻ khóa của Công an xã…",
        "Receive the commune police's key card…",
    ),
    "sync.keys_ui.export_card": (
        "Ghi thẻ khóa của máy này ra USB…",
        "Write this computer's key card to a stick…",
    ),
    "sync.keys_ui.pick_card": ("Chọn tệp thẻ khóa", "Choose the key card file"),
    "sync.keys_ui.type_commune_fp": (
        "Nhập mã khóa in trên trang thẻ khóa của Công an xã:",
        "Type the fingerprint printed on the police's key card page:",
    ),
    "sync.keys_ui.type_point_fp": (
        "Nhập mã khóa hiện trên màn hình của điểm hỗ trợ:",
        "Type the fingerprint shown on the support point's screen:",
    ),
    "sync.keys_ui.card_written": (
        "Đã ghi thẻ khóa {file} và trang in {page}",
        "Key card {file} and printable page {page} written",
    ),
}
