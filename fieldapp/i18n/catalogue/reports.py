"""Messages of the police desk: campaign settings, figures, reports, the dashboard."""

MESSAGES: dict[str, tuple[str, str]] = {
    # settings and bad input
    "reports.wave_name_needed": ("Hãy đặt tên cho đợt.", "Give the wave a name."),
    "reports.wave_ends_before_start": (
        "Ngày kết thúc {end} trước ngày bắt đầu {start}.",
        "The end {end} is before the start {start}.",
    ),
    "reports.wave_name_taken": ("Đã có đợt tên «{name}».", "There is already a wave '{name}'."),
    "reports.wave_overlaps": (
        "Đợt «{name}» trùng thời gian với đợt «{other}» ({start} – {end}).",
        "Wave '{name}' overlaps wave '{other}' ({start} – {end}).",
    ),
    "reports.wave_unknown": ("Không có đợt «{name}».", "No wave named '{name}'."),
    "reports.no_wave": (
        "Chưa có đợt nào chứa ngày {day}; hãy chọn đợt bằng --wave.",
        "No wave contains {day}; choose one with --wave.",
    ),
    "reports.target_negative": (
        "Chỉ tiêu không thể âm ({value}).",
        "A target cannot be negative ({value}).",
    ),
    "reports.target_below_done": (
        "Chỉ tiêu {value} của {village} thấp hơn số đã tích hợp ({done}).",
        "Target {value} for {village} is below what is already linked ({done}).",
    ),
    "reports.village_unknown": ("Không có thôn «{name}».", "No village named '{name}'."),
    "reports.bad_deadline": (
        "Giờ báo cáo «{value}» phải có dạng GG:PP, ví dụ 14:00.",
        "Report deadline '{value}' must look like HH:MM, e.g. 14:00.",
    ),
    "reports.no_commune": ("Chưa thiết lập xã.", "The commune is not set up."),
    "reports.bad_date": (
        "Ngày «{value}» không đúng; viết 2026-06-05 hoặc 05/06/2026.",
        "Date '{value}' is not valid; write 2026-06-05 or 05/06/2026.",
    ),
    "reports.bad_kind": (
        "Loại báo cáo «{value}» không có; chọn daily, weekly, wave hoặc final.",
        "No report kind '{value}'; choose daily, weekly, wave or final.",
    ),
    "reports.bad_format": (
        "Định dạng «{value}» không có; chọn pdf hoặc xlsx.",
        "No format '{value}'; choose pdf or xlsx.",
    ),
    "reports.bad_by": ("Không thể chia theo «{value}».", "Cannot split by '{value}'."),
    "reports.wave_added": (
        "Đã thêm đợt «{name}» từ {start} đến {end}.",
        "Wave '{name}' added, {start} to {end}.",
    ),
    "reports.wave_removed": ("Đã xóa đợt «{name}».", "Wave '{name}' removed."),
    "reports.wave_line": ("{name}: {start} – {end}", "{name}: {start} – {end}"),
    "reports.no_waves": ("Chưa có đợt nào.", "No waves yet."),
    "reports.target_saved": (
        "Chỉ tiêu của {village}: {value} tài khoản tích hợp.",
        "Target for {village}: {value} linked accounts.",
    ),
    "reports.deadline_saved": (
        "Hạn báo cáo hằng ngày: trước {value}.",
        "Daily report due before {value}.",
    ),
    "reports.written": ("Đã ghi báo cáo vào {path}", "Report written to {path}"),
    # kinds and periods
    "reports.kind.daily": ("Báo cáo hằng ngày", "Daily report"),
    "reports.kind.weekly": ("Báo cáo hằng tuần", "Weekly report"),
    "reports.kind.wave": ("Báo cáo kết quả đợt", "Wave report"),
    "reports.kind.final": ("Báo cáo tổng kết", "Final report"),
    "reports.by.village": ("Theo thôn", "By village"),
    "reports.by.point": ("Theo điểm hỗ trợ", "By support point"),
    "reports.by.group": (
        "Theo nhóm đối tượng (gửi cơ quan chủ quản)",
        "By beneficiary group (to each agency)",
    ),
    "reports.period.daily": ("Ngày {day}", "Day {day}"),
    "reports.period.weekly": ("Tuần từ {start} đến {end}", "Week {start} to {end}"),
    "reports.period.wave": ("{wave} (từ {start} đến {end})", "{wave} ({start} to {end})"),
    "reports.period.final": ("Từ {start} đến {end}", "From {start} to {end}"),
    # the document
    "reports.country": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"),
    "reports.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "reports.issuer_parent": ("CÔNG AN TỈNH {province}", "{province} PROVINCIAL POLICE"),
    "reports.issuer": ("CÔNG AN {commune}", "{commune} POLICE"),
    "reports.number": (
        "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-CAX",
        "No.:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-CAX",
    ),
    "reports.place_date": (
        "{place}, ngày {day} tháng {month} năm {year}",
        "{place}, {month_name} {day_plain}, {year}",
    ),
    "reports.title": ("BÁO CÁO", "REPORT"),
    "reports.title.final": ("BÁO CÁO TỔNG KẾT", "FINAL REPORT"),
    "reports.subject": (
        "Kết quả tích hợp tài khoản an sinh xã hội trên VNeID và chi trả không dùng tiền mặt",
        "Benefit-account linking on VNeID and cashless social payments: results",
    ),
    "reports.to_agency": ("Kính gửi: {agency}", "To: {agency}"),
    "reports.signer": ("TRƯỞNG CÔNG AN XÃ", "HEAD OF COMMUNE POLICE"),
    "reports.sign_note": ("(Ký, ghi rõ họ tên, đóng dấu)", "(Signature, full name, seal)"),
    "reports.recipients": ("Nơi nhận:", "Recipients:"),
    "reports.recipient.province": (
        "- Công an tỉnh (để báo cáo);",
        "- Provincial police (to report);",
    ),
    "reports.recipient.ubnd": ("- UBND xã (để báo cáo);", "- Commune People's Committee;"),
    "reports.recipient.agency": ("- {agency} (để tổng hợp);", "- {agency} (to compile);"),
    "reports.recipient.archive": ("- Lưu: VT.", "- Archive."),
    "reports.no_data": (
        "Không có dữ liệu trong kỳ báo cáo ({period}): chưa có lượt hỗ trợ, kết quả hay "
        "danh sách nào được ghi nhận. Không lập bảng số liệu.",
        "No data in this period ({period}): no visit, outcome or list was recorded. "
        "No table is given.",
    ),
    "reports.no_data_cumulative": (
        "Lũy kế đến hết kỳ: {linked}/{level2} trường hợp có tài khoản ĐDĐT mức 2 đã tích hợp "
        "tài khoản an sinh xã hội ({rate}).",
        "Cumulative to the end of the period: {linked} of {level2} level-2 account holders "
        "linked ({rate}).",
    ),
    "reports.summary_heading": ("I. TÌNH HÌNH CHUNG", "I. OVERVIEW"),
    "reports.summary_key": (
        "Toàn xã đã tích hợp {linked}/{level2} trường hợp có tài khoản định danh điện tử "
        "mức 2, đạt {rate} (trong kỳ: {new_linked}); đã được duyệt {approved}, đang chờ "
        "duyệt {waiting}.",
        "The commune has linked {linked} of {level2} level-2 account holders, {rate} "
        "(in the period: {new_linked}); {approved} approved, {waiting} waiting.",
    ),
    "reports.summary_target": (
        "Chỉ tiêu: {target} tài khoản; đạt {rate} chỉ tiêu.",
        "Target: {target} accounts; {rate} of the target reached.",
    ),
    "reports.summary_activity": (
        "Trong kỳ: {visits} lượt hỗ trợ cho {visited} công dân; kích hoạt mới {activated} "
        "tài khoản ĐDĐT; mở mới {opened} tài khoản ngân hàng tại điểm hỗ trợ.",
        "In the period: {visits:visit|visits} for {visited:citizen|citizens}; {activated} new e-ID "
        "activations; {opened} bank accounts opened at support points.",
    ),
    "reports.section.village": ("II. KẾT QUẢ THEO THÔN", "II. RESULTS BY VILLAGE"),
    "reports.section.point": ("II. KẾT QUẢ THEO ĐIỂM HỖ TRỢ", "II. RESULTS BY SUPPORT POINT"),
    "reports.section.banks": (
        "III. TÀI KHOẢN NGÂN HÀNG MỞ TẠI ĐIỂM HỖ TRỢ",
        "III. BANK ACCOUNTS OPENED AT SUPPORT POINTS",
    ),
    "reports.section.payment": (
        "IV. PHÂN LOẠI CHI TRẢ THEO NHÓM ĐỐI TƯỢNG",
        "IV. PAYMENT CLASSIFICATION BY BENEFICIARY GROUP",
    ),
    "reports.section.agency": ("{number}. {agency}", "{number}. {agency}"),
    "reports.point_note": (
        "Mỗi công dân được tính một lần, tại điểm hỗ trợ gần nhất đã đến.",
        "Each citizen is counted once, at the last support point they visited.",
    ),
    "reports.unknown.village": ("Chưa rõ thôn", "Village unknown"),
    "reports.unknown.point": ("Chưa đến điểm hỗ trợ (theo danh sách)", "Not visited (lists only)"),
    "reports.unknown_bank": ("Không ghi ngân hàng", "Bank not recorded"),
    "reports.total": ("Tổng cộng", "Total"),
    # columns
    "reports.col.no": ("STT", "No."),
    "reports.col.village": ("Thôn", "Village"),
    "reports.col.point": ("Điểm hỗ trợ", "Support point"),
    "reports.col.target": ("Chỉ tiêu", "Target"),
    "reports.col.visited": ("Công dân được hỗ trợ trong kỳ", "Citizens helped in period"),
    "reports.col.level2": ("Có TK ĐDĐT mức 2", "Level-2 accounts"),
    "reports.col.activated_new": ("Kích hoạt trong kỳ", "Activated in period"),
    "reports.col.activated": ("Kích hoạt lũy kế", "Activated, cumulative"),
    "reports.col.linked_new": ("Tích hợp trong kỳ", "Linked in period"),
    "reports.col.waiting": ("Chờ duyệt", "Waiting approval"),
    "reports.col.approved": ("Đã duyệt", "Approved"),
    "reports.col.linked": ("Tích hợp lũy kế", "Linked, cumulative"),
    "reports.col.key": ("Tỷ lệ tích hợp / mức 2 (%)", "Linked / level 2 (%)"),
    "reports.col.target_rate": ("Đạt chỉ tiêu (%)", "Of target (%)"),
    "reports.col.opened_new": ("TK ngân hàng mở trong kỳ", "Bank accounts opened in period"),
    "reports.col.opened": ("TK ngân hàng mở lũy kế", "Bank accounts opened, cumulative"),
    "reports.col.bank": ("Ngân hàng", "Bank"),
    "reports.col.group": ("Nhóm đối tượng", "Beneficiary group"),
    "reports.col.agency": ("Cơ quan chủ quản", "Agency"),
    "reports.col.beneficiaries": ("Số đối tượng", "Beneficiaries"),
    "reports.col.paid_to_account": ("Đã nhận chi trả qua tài khoản", "Paid to account"),
    "reports.col.has_account_not_paid": (
        "Đã có tài khoản nhưng chưa nhận",
        "Has account, not paid",
    ),
    "reports.col.no_account": ("Chưa có tài khoản", "No account"),
    "reports.col.not_classified": ("Chưa phân loại", "Not classified"),
    "reports.col.paid_rate": ("Tỷ lệ chi trả qua tài khoản (%)", "Paid to account (%)"),
    # agencies (seed 002)
    "reports.agency.social_security": ("Bảo hiểm xã hội tỉnh", "Provincial Social Security"),
    "reports.agency.home_affairs": ("Sở Nội vụ", "Department of Home Affairs"),
    "reports.agency.health": ("Sở Y tế", "Department of Health"),
    "reports.agency.education": ("Sở Giáo dục và Đào tạo", "Department of Education and Training"),
    "reports.agency.labour_federation": ("Liên đoàn Lao động tỉnh", "Provincial Labour Federation"),
    # dashboard and dialog
    "reports.dashboard.title": ("Bảng điều hành Công an xã", "Commune police dashboard"),
    "reports.dashboard.menu": ("Bảng điều hành và báo cáo…", "Dashboard and reports…"),
    "reports.dashboard.loading": ("Đang tính số liệu…", "Computing the figures…"),
    "reports.dashboard.key": ("Tỷ lệ tích hợp / TK mức 2", "Linked / level-2 accounts"),
    "reports.dashboard.activated": ("Đã kích hoạt", "Activated"),
    "reports.dashboard.linked": ("Tích hợp (gửi / duyệt)", "Linked (submitted / approved)"),
    "reports.dashboard.opened": ("TK ngân hàng mở tại điểm", "Bank accounts opened"),
    "reports.dashboard.bars": ("Tích hợp theo thôn (lũy kế)", "Linked by village (cumulative)"),
    "reports.dashboard.trend": ("Theo ngày: {period}", "Per day: {period}"),
    "reports.dashboard.silent": ("Điểm chưa gửi dữ liệu hôm nay", "Points with nothing from today"),
    "reports.dashboard.silent_none": (
        "Tất cả các điểm đã gửi dữ liệu hôm nay.",
        "Every point sent something today.",
    ),
    "reports.dashboard.last_seen": ("{point} — lần cuối: {when}", "{point} — last: {when}"),
    "reports.dashboard.never": ("{point} — chưa có dữ liệu", "{point} — nothing yet"),
    "reports.dashboard.deadline": (
        "Hạn báo cáo hằng ngày: trước {deadline}",
        "Daily report due before {deadline}",
    ),
    "reports.dashboard.no_data": (
        "Chưa có dữ liệu mới trong kỳ ({period})",
        "Nothing new in the period ({period})",
    ),
    "reports.dashboard.refresh": ("Làm mới", "Refresh"),
    "reports.dashboard.make_report": ("Lập báo cáo…", "Make a report…"),
    "reports.dashboard.tab_village": ("Theo thôn", "By village"),
    "reports.dashboard.tab_point": ("Theo điểm", "By point"),
    "reports.dashboard.tab_group": ("Theo nhóm đối tượng", "By group"),
    "reports.dashboard.tab_bank": ("Theo ngân hàng", "By bank"),
    "reports.dashboard.summary": (
        "{commune} — {today}: tích hợp {linked}/{level2} ({rate}); kích hoạt {activated}; "
        "TK ngân hàng mở {opened}.",
        "{commune} — {today}: linked {linked}/{level2} ({rate}); activated {activated}; "
        "bank accounts opened {opened}.",
    ),
    "reports.dialog.title": ("Lập báo cáo", "Make a report"),
    "reports.dialog.kind": ("Loại báo cáo", "Kind"),
    "reports.dialog.date": ("Ngày", "Date"),
    "reports.dialog.wave": ("Đợt", "Wave"),
    "reports.dialog.by": ("Chia theo", "Split by"),
    "reports.dialog.format": ("Định dạng", "Format"),
    "reports.dialog.generate": ("Lập và lưu…", "Make and save…"),
    "reports.dialog.working": ("Đang lập báo cáo…", "Making the report…"),
    "reports.dialog.saved": ("Đã lưu: {path}", "Saved: {path}"),
    "reports.dialog.no_wave": ("(chưa có đợt)", "(no waves)"),
}
