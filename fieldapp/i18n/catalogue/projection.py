"""Messages of the report projection: the figures being rebuilt after a change of the rules."""

MESSAGES: dict[str, tuple[str, str]] = {
    "reports.projection.rebuilding": (
        "Quy tắc tính đã thay đổi: đang dựng lại số liệu của từng công dân ({done}/{total})…",
        "The rules changed: rebuilding every citizen's figures ({done}/{total})…",
    ),
}
