"""Messages of issue 18 items 2-4: smartphone and eligibility, difficulties, group deadlines."""

MESSAGES: dict[str, tuple[str, str]] = {
    # Item 3: has a smartphone (one key at the desk), the eligible.
    "field.has_smartphone": ("Có điện thoại thông minh", "Has a smartphone"),
    "smartphone.recorded.yes": (
        "Đã ghi: công dân có điện thoại thông minh",
        "Recorded: the citizen has a smartphone",
    ),
    "smartphone.recorded.no": (
        "Đã ghi: công dân không có điện thoại thông minh",
        "Recorded: the citizen has no smartphone",
    ),
    "lists.col.smartphone": ("Có điện thoại thông minh", "Has a smartphone"),
    "desk.fact.has_smartphone": ("Có điện thoại thông minh", "Has a smartphone"),
    "card.smartphone": ("Điện thoại thông minh (phím P/K)", "Smartphone (keys P/K)"),
    "card.smartphone.unknown": ("chưa rõ", "not known"),
    "card.eligible.yes": (
        "Đủ điều kiện tích hợp (mức 2, điện thoại thông minh, tài khoản ngân hàng)",
        "Meets the conditions to link (level 2, smartphone, bank account)",
    ),
    "card.eligible.no": (
        "Chưa đủ điều kiện tích hợp (cần mức 2, điện thoại thông minh, tài khoản ngân hàng)",
        "Does not yet meet the conditions to link (level 2, smartphone, bank account)",
    ),
}
