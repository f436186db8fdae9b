"""Messages of the police's campaign settings dialog."""

MESSAGES: dict[str, tuple[str, str]] = {
    "campaign_ui.menu": ("Thiết lập chiến dịch…", "Campaign settings…"),
    "campaign_ui.title": ("Thiết lập chiến dịch", "Campaign settings"),
    "campaign_ui.tab.waves": ("Các đợt", "Waves"),
    "campaign_ui.tab.targets": ("Chỉ tiêu theo thôn", "Village targets"),
    "campaign_ui.tab.deadline": ("Hạn báo cáo", "Report deadline"),
    "campaign_ui.tab.banks": ("Ngân hàng", "Banks"),
    "campaign_ui.wave.name": ("Tên đợt", "Wave name"),
    "campaign_ui.wave.start": ("Từ ngày", "From"),
    "campaign_ui.wave.end": ("Đến ngày", "To"),
    "campaign_ui.wave.add": ("Thêm đợt", "Add the wave"),
    "campaign_ui.wave.remove": ("Xóa đợt đang chọn", "Remove the selected wave"),
    "campaign_ui.wave.added": ("Đã thêm đợt «{name}»", "Wave '{name}' added"),
    "campaign_ui.wave.removed": ("Đã xóa đợt «{name}»", "Wave '{name}' removed"),
    "campaign_ui.target.set": ("Đặt chỉ tiêu", "Set the target"),
    "campaign_ui.target.default": (
        "mặc định (mọi người có tài khoản mức 2)",
        "default (everyone with a level-2 account)",
    ),
    "campaign_ui.target.saved": (
        "Chỉ tiêu của {village}: {target}",
        "Target of {village}: {target}",
    ),
    "campaign_ui.deadline": ("Gửi báo cáo hằng ngày trước", "Send the daily report before"),
    "campaign_ui.deadline.saved": ("Hạn báo cáo: trước {deadline}", "Deadline: before {deadline}"),
    "campaign_ui.banks": (
        "Các ngân hàng mở tài khoản tại điểm (mỗi dòng một ngân hàng):",
        "Banks opening accounts at the points (one per line):",
    ),
    "campaign_ui.banks.saved": ("Đã lưu {count} ngân hàng", "{count:bank|banks} saved"),
    "campaign_ui.save": ("Lưu", "Save"),
    "button.close": ("Đóng", "Close"),
}
