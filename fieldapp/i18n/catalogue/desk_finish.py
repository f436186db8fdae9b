"""Messages of the desk's last pieces (issue 12, session 3).

The dashboard's stick import, home visits for who cannot travel, slips with a return date,
the PIN change, plurals.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "desk_finish.dashboard.import": (
        "Nhập gói từ USB…  (Ctrl+O)",
        "Import bundles from a stick…  (Ctrl+O)",
    ),
}
