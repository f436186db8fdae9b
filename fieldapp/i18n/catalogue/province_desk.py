"""Messages of the province desk's later parts: report figures, communes' keys, deadline.

The communes' daily-report figures in the province report, the communes' keys (enrolled, held,
revoked) and the 17:00 report deadline.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # the province report: what each commune's daily report adds (issue 18's figures)
    "province.section.campaign": (
        "V. ĐỦ ĐIỀU KIỆN, HỖ TRỢ TẠI NHÀ VÀ KHÓ KHĂN THEO XÃ",
        "V. ELIGIBLE, HOME VISITS AND DIFFICULTIES BY COMMUNE",
    ),
    "province.col.home_visits": ("Lượt hỗ trợ tại nhà", "Home visits"),
    "province.col.home_people": ("Người được hỗ trợ tại nhà", "People visited at home"),
    "province.col.referred": ("Chuyển nơi khác", "Referred elsewhere"),
}
