"""Short forms of needs, for sentences like "Cần ... trước khi tích hợp"."""

MESSAGES: dict[str, tuple[str, str]] = {
    "need.short.level2_registration": ("đăng ký tài khoản mức 2", "apply for a level-2 account"),
    "need.short.level2_upgrade": ("nâng cấp lên mức 2", "upgrade to level 2"),
    "need.short.eid_activation": ("kích hoạt tài khoản định danh", "activate the e-ID account"),
    "need.short.bank_account": ("mở tài khoản ngân hàng", "open a bank account"),
    "need.short.biometric": ("xác thực sinh trắc học", "verify it biometrically"),
    "need.link_blocked": (
        "Cần {things} trước khi tích hợp tài khoản an sinh xã hội",
        "Must {things} before linking the benefit account",
    ),
    "join.and": (" và ", " and "),
    "cli.aborted": ("Đã hủy", "Cancelled"),
}
