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
    "eligible.heading": (
        "CÔNG DÂN ĐỦ ĐIỀU KIỆN TÍCH HỢP TÀI KHOẢN AN SINH XÃ HỘI",
        "CITIZENS WHO MEET THE CONDITIONS TO LINK",
    ),
    "eligible.summary": (
        "Công dân đủ điều kiện tích hợp (có tài khoản định danh điện tử mức 2, sử dụng điện "
        "thoại thông minh và có tài khoản ngân hàng): {eligible} trường hợp (trong số {level2} "
        "trường hợp có tài khoản mức 2; {smartphone} trường hợp có điện thoại thông minh), "
        "tăng {new} trong kỳ; đã tích hợp {linked}, đạt {rate} số đủ điều kiện.",
        "Citizens who meet the conditions to link (a level-2 e-ID account, a smartphone and "
        "a bank account): {eligible} (of {level2} with a level-2 account; {smartphone} with a "
        "smartphone), {new} more in the period; {linked} linked, {rate} of the eligible.",
    ),
    "eligible.note": (
        "Điện thoại thông minh: ghi tại điểm hỗ trợ (phím P/K), theo danh sách, hoặc đã kích "
        "hoạt tài khoản trên điện thoại; chưa rõ thì chưa tính.",
        "Smartphone: recorded at a support point (keys P/K), from a list, or proven by an "
        "activation on the phone; not known is not counted.",
    ),
    "eligible.col.level2": ("Có TK mức 2", "Level 2"),
    "eligible.col.smartphone": ("Có ĐT thông minh", "Smartphone"),
    "eligible.col.bank_account": ("Có TK ngân hàng", "Bank account"),
    "eligible.col.eligible": ("Đủ điều kiện", "Eligible"),
    "eligible.col.linked": ("Đã tích hợp", "Linked"),
    "eligible.col.rate": ("Tích hợp / đủ ĐK (%)", "Linked / eligible (%)"),
    # Item 2: difficulties.
    "difficulties.heading": (
        "KHÓ KHĂN, VƯỚNG MẮC, PHÁT SINH",
        "DIFFICULTIES, OBSTACLES AND ISSUES",
    ),
    "difficulties.none": (
        "Trong kỳ báo cáo không có lượt hỗ trợ nào không thành công hoặc phải chuyển nơi khác.",
        "No attempt failed or was referred elsewhere in the period.",
    ),
    "difficulties.summary": (
        "Trong kỳ có {failed} lượt thực hiện không thành công và {referred} lượt phải chuyển "
        "nơi khác giải quyết, của {citizens} công dân; nguyên nhân theo từng bước như sau:",
        "In the period {failed} attempts failed and {referred} were referred elsewhere, for "
        "{citizens} citizens; the reasons by step:",
    ),
    "difficulties.col.reason": ("Nguyên nhân", "Reason"),
    "difficulties.col.total": ("Tổng", "Total"),
    "difficulties.col.failed": ("Tổng lượt không thành công", "Failed, all reasons"),
    "difficulties.referred_to": ("Chuyển đến: {target}", "Referred to: {target}"),
    "difficulties.by_village": (
        "Khó khăn theo thôn (số lượt)",
        "Difficulties by village (attempts)",
    ),
    "difficulties.village_note": (
        "Mỗi lượt không thành công được tính một lần, theo thôn của công dân; lượt đã hoàn tác "
        "không tính.",
        "Each failed attempt counts once, in the citizen's village; undone attempts do not count.",
    ),
    "difficulties.officer": ("Ý kiến, đề xuất của đơn vị", "The unit's remarks and proposals"),
    "difficulties.note_label": (
        "Khó khăn, vướng mắc, đề xuất (đoạn văn in trong báo cáo ngày {day})",
        "Difficulties and proposals (a paragraph printed in the report of {day})",
    ),
    "difficulties.note_saved": ("Đã lưu đoạn văn cho báo cáo ngày {day}", "Saved for {day}"),
    "field.difficulties_note": ("Đoạn văn khó khăn, vướng mắc", "Difficulties paragraph"),
    # Item 4: deadlines per group.
    "deadlines.heading": (
        "CHỈ TIÊU, THỜI HẠN THEO NHÓM ĐỐI TƯỢNG",
        "TARGETS AND DEADLINES BY BENEFICIARY GROUP",
    ),
    "deadlines.summary": (
        "Tiến độ tích hợp tài khoản an sinh xã hội theo từng nhóm đối tượng đến ngày {day}:",
        "Benefit-account linking by beneficiary group as of {day}:",
    ),
    "deadlines.behind": ("Chậm so với tiến độ cần đạt: {groups}.", "Behind the pace: {groups}."),
    "deadlines.note": (
        "Chậm tiến độ: tỷ lệ đã tích hợp thấp hơn tỷ lệ thời gian đã qua tính đến hạn; "
        "số ngày còn lại âm là đã quá hạn.",
        "Behind: the share linked is below the share of the time gone towards the deadline; "
        "negative days left: the deadline has passed.",
    ),
    "deadlines.everyone": (
        "Toàn bộ công dân có tài khoản mức 2",
        "Everyone with a level-2 account",
    ),
    "deadlines.col.group": ("Nhóm đối tượng", "Group"),
    "deadlines.col.deadline": ("Hoàn thành trước", "Deadline"),
    "deadlines.col.members": ("Số đối tượng", "Members"),
    "deadlines.col.target": ("Chỉ tiêu", "Target"),
    "deadlines.col.done": ("Đã tích hợp", "Linked"),
    "deadlines.col.reached": ("Đạt (%)", "Reached (%)"),
    "deadlines.col.days_left": ("Còn (ngày)", "Days left"),
    "deadlines.col.state": ("Tiến độ", "Pace"),
    "deadlines.state.met": ("Đã đạt", "Met"),
    "deadlines.state.on_pace": ("Đúng tiến độ", "On pace"),
    "deadlines.state.behind": ("Chậm tiến độ", "Behind"),
    "deadlines.state.nobody": ("Chưa có đối tượng", "Nobody listed"),
    "targets.bad_basis": (
        "Chỉ tiêu của đợt phải là 'level2' (100% số có tài khoản mức 2) hoặc 'eligible' "
        "(100% số đủ điều kiện), không phải '{value}'",
        "A wave's target is 'level2' (100% of level-2 holders) or 'eligible' (100% of the "
        "eligible), not '{value}'",
    ),
    "targets.bad_group": ("Không có nhóm đối tượng '{value}'", "No beneficiary group '{value}'"),
    "targets.bad_percent": (
        "Chỉ tiêu phải từ 1 đến 100%, không phải {value}",
        "A target is 1 to 100%, not {value}",
    ),
    "targets.deadline_before_start": (
        "Thời hạn {value} trước ngày bắt đầu",
        "The deadline {value} is before the start",
    ),
    # The dashboard's panels (issue 18).
    "dashboard18.tab.eligible": ("Đủ điều kiện", "Eligible"),
    "dashboard18.tab.deadlines": ("Hạn theo nhóm", "Group deadlines"),
    "dashboard18.tab.difficulties": ("Khó khăn", "Difficulties"),
    "dashboard18.figure.eligible": ("Đủ điều kiện tích hợp", "Eligible to link"),
    "dashboard18.figure.eligible_detail": ("đã tích hợp {rate}", "{rate} linked"),
    "dashboard18.eligible": (
        "Đủ điều kiện (mức 2, điện thoại thông minh, tài khoản ngân hàng): {eligible} trên "
        "{level2} có tài khoản mức 2; đã tích hợp {linked} ({rate} số đủ điều kiện).",
        "Eligible (level 2, smartphone, bank account): {eligible} of {level2} with level 2; "
        "{linked} linked ({rate} of the eligible).",
    ),
    "dashboard18.behind": (
        "{count} nhóm chậm so với tiến độ cần đạt (chữ đỏ).",
        "{count} groups are behind the pace needed (in red).",
    ),
    "dashboard18.on_pace": (
        "Các nhóm đều đúng hoặc vượt tiến độ.",
        "Every group is on or ahead of the pace.",
    ),
    # The report dialog's paragraph.
    "reports.dialog.difficulties": ("Khó khăn, vướng mắc, đề xuất", "Difficulties, proposals"),
    "reports.dialog.difficulties_hint": (
        "In trong mục «Khó khăn, vướng mắc» của báo cáo ngày đã chọn; lưu lại cho ngày đó.",
        "Printed under 'Difficulties' in the chosen day's report; kept for that day.",
    ),
    # The door-to-door list from the desk (item 7).
    "door_list.menu": ("Danh sách đến từng hộ (tổ trưởng)…", "Door-to-door list (team leaders)…"),
    "door_list.dialog.title": ("Danh sách đến từng hộ gia đình", "Door-to-door list"),
    "door_list.dialog.village": ("Thôn", "Village"),
    "door_list.dialog.show_phones": (
        "In đầy đủ số điện thoại (mặc định chỉ hiện 4 số cuối)",
        "Print full phone numbers (by default only the last 4 digits)",
    ),
    "door_list.dialog.hint": (
        "Danh sách những người trong thôn còn cần hỗ trợ, xếp theo địa chỉ, có cột đánh dấu "
        "khi đã đến. Có dữ liệu cá nhân: giữ kín.",
        "Who in the village still needs something, sorted by address, with a box to tick at "
        "the door. Personal data: keep it private.",
    ),
    "door_list.dialog.make": ("Lập danh sách", "Make the list"),
    # The CLI (issue 18).
    "deadlines.line": (
        "{name} ({key}): {percent}% trước {deadline} (tính tiến độ từ {start})",
        "{name} ({key}): {percent}% by {deadline} (pace counted from {start})",
    ),
    "targets.basis_saved.level2": (
        "Chỉ tiêu của {wave}: 100% số có tài khoản mức 2.",
        "Target of {wave}: 100% of level-2 holders.",
    ),
    "targets.basis_saved.eligible": (
        "Chỉ tiêu của {wave}: 100% số đủ điều kiện (mức 2, điện thoại thông minh, tài khoản "
        "ngân hàng).",
        "Target of {wave}: 100% of the eligible (level 2, smartphone, bank account).",
    ),
    # The campaign settings' tab (issue 18 item 4, item 3's wave basis).
    "deadlines.tab": ("Hạn theo nhóm", "Group deadlines"),
    "deadlines.saved": (
        "Đã lưu chỉ tiêu, thời hạn: {name}",
        "Saved the target and deadline: {name}",
    ),
    "targets.basis.label": (
        "Chỉ tiêu của đợt (các thôn chưa đặt chỉ tiêu riêng):",
        "A wave's target (villages without a target of their own):",
    ),
    "targets.basis.level2": ("100% số có tài khoản mức 2", "100% of level-2 holders"),
    "targets.basis.eligible": (
        "100% số đủ điều kiện (mức 2, điện thoại thông minh, tài khoản ngân hàng)",
        "100% of the eligible (level 2, smartphone, bank account)",
    ),
}
