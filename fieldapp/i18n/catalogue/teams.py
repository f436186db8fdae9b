"""Messages of village teams, units (schools, organisations, offices) and their reports."""

MESSAGES: dict[str, tuple[str, str]] = {
    "action.manage_teams": ("quản lý tổ Đề án 06 thôn", "manage village teams"),
    "action.manage_units": ("quản lý đơn vị, trường học", "manage units and schools"),
    "action.pick_helper": ("ghi người đưa công dân đến", "record who brought a citizen in"),
    "lists.kind_needs_owner": (
        "Danh sách loại «{kind}» được nhập vào một tổ (--village) hoặc một đơn vị (--unit)",
        "A '{kind}' list is imported into a team (--village) or a unit (--unit)",
    ),
    # bundle rules (services/sync/rules.py)
    "rule.team_from_point": (
        "điểm hỗ trợ không được gửi tổ hay thành viên tổ (do công an xã lập)",
        "a support point may not send teams or team members (the police set them up)",
    ),
    "rule.roster_from_point": (
        "điểm hỗ trợ không được gửi đơn vị hay danh sách thành viên đơn vị (do công an xã "
        "nhập từ danh sách của đơn vị)",
        "a support point may not send units or rosters (the police import the unit's list)",
    ),
    "rule.unknown_member": (
        "thành viên tổ không có trong danh sách của công an xã",
        "a team member the commune police do not hold",
    ),
    "section.visit_helpers": ("người đưa đến", "visit helpers"),
    "section.teams": ("tổ Đề án 06", "teams"),
    "section.team_members": ("thành viên tổ", "team members"),
    "section.units": ("đơn vị", "units"),
    "section.unit_members": ("danh sách thành viên đơn vị", "rosters"),
    # team roles (seed 000 §11)
    "teams.role.party_secretary": ("Bí thư chi bộ", "Party secretary"),
    "teams.role.village_head": ("Trưởng thôn", "Village head"),
    "teams.role.security_team": ("Tổ ANTT cơ sở", "Security team"),
    "teams.role.digital_team": ("Tổ Công nghệ số cộng đồng", "Community digital team"),
    "teams.role.teacher": ("Giáo viên", "Teacher"),
    "teams.role.student": ("Học sinh, sinh viên", "Student"),
    "teams.role.union_member": ("Đoàn viên, hội viên", "Union member"),
    "teams.role.official": ("Cán bộ, công chức, viên chức", "Official"),
    "teams.role.other": ("Thành viên", "Member"),
    "teams.leader": ("Tổ trưởng", "Team leader"),
    "teams.leader_signs": ("TỔ TRƯỞNG", "TEAM LEADER"),
    # errors
    "teams.none": ("{village} chưa có Tổ Đề án 06", "{village} has no team yet"),
    "teams.name_needed": ("Cần nhập họ tên thành viên", "A member needs a name"),
    "teams.member_exists": (
        "{name} đã là thành viên của tổ (trùng số định danh)",
        "{name} is already on the team (same personal ID)",
    ),
    "teams.member_unknown": ("Không tìm thấy thành viên này", "No such team member"),
    "teams.bad_phone": ("Số điện thoại cần 10 chữ số", "A phone number has 10 digits"),
    "teams.bad_target": (
        "Chỉ tiêu «{value}» không hợp lệ (số nguyên từ 0)",
        "Target '{value}' is not valid (a whole number from 0)",
    ),
    "teams.visit_other_point": (
        "Lượt hỗ trợ này của điểm khác: chỉ ghi người đưa đến cho lượt của điểm mình",
        "This visit is another point's: record helpers on your own point's visits only",
    ),
    "teams.too_small": (
        "Tổ mới có {count} thành viên, cần tối thiểu {least}",
        "The team has {count} members; it needs at least {least}",
    ),
    # CLI
    "teams.set": ("Đã lưu {team} ({village})", "Saved {team} ({village})"),
    "teams.member_added": ("Đã thêm {name} vào {team}", "Added {name} to {team}"),
    "teams.member_changed": ("Đã cập nhật {name}", "Updated {name}"),
    "teams.imported": (
        "{team}: thêm {added}, cập nhật {updated}, bỏ qua {rejected} dòng lỗi",
        "{team}: {added} added, {updated} updated, {rejected} rows with errors left out",
    ),
    "teams.line": (
        "{team} ({village}): {members} thành viên, tổ trưởng: {leader}",
        "{team} ({village}): {members} members, leader: {leader}",
    ),
    "teams.member_line": (
        "{name} · {role} · {phone} {user}",
        "{name} · {role} · {phone} {user}",
    ),
    "teams.report_written": (
        "Đã lưu báo cáo {teams} tổ vào {path}",
        "Saved the report of {teams} teams to {path}",
    ),
    "teams.helper_set": ("Đã ghi người đưa đến: {name}", "Recorded who brought them: {name}"),
    "teams.no_teams": (
        "Chưa có tổ nào: thêm bằng «fieldapp teams set THÔN»",
        "No team yet: add one with 'fieldapp teams set VILLAGE'",
    ),
    # report
    "teams.report.title": ("BÁO CÁO KẾT QUẢ CỦA CÁC TỔ ĐỀ ÁN 06 THÔN", "VILLAGE TEAMS' RESULTS"),
    "teams.report.subject": (
        "Kết quả hỗ trợ kích hoạt, tích hợp tài khoản an sinh xã hội theo tổ và thành viên",
        "Activations, benefit links and accounts by village team and member",
    ),
    "teams.report.sheet": ("Tổ Đề án 06", "Village teams"),
    "teams.section.teams": ("I. Theo tổ", "I. By team"),
    "teams.period.all": ("Từ đầu đợt cao điểm đến nay", "Since the start of the campaign"),
    "teams.period.range": ("Từ ngày {start} đến ngày {end}", "From {start} to {end}"),
    "teams.col.team": ("Tổ", "Team"),
    "teams.col.member": ("Thành viên", "Member"),
    "teams.col.role": ("Vai trò", "Role"),
    "teams.col.visits": ("Lượt hỗ trợ", "Visits"),
    "teams.col.activations": ("Kích hoạt", "Activations"),
    "teams.col.links": ("Tích hợp ASXH", "Benefit links"),
    "teams.col.accounts": ("TK ngân hàng mở", "Accounts opened"),
    "teams.col.target": ("Chỉ tiêu tích hợp", "Link target"),
    "teams.col.target_rate": ("Đạt chỉ tiêu (%)", "Of target (%)"),
    "teams.col.unit": ("Đơn vị", "Unit"),
    "teams.col.kind": ("Loại", "Kind"),
    "teams.col.members": ("Số thành viên", "Members"),
    "teams.col.activated": ("Đã kích hoạt", "Activated"),
    "teams.col.linked": ("Đã tích hợp ASXH", "Linked"),
    "teams.col.linked_rate": ("Tỷ lệ tích hợp (%)", "Linked (%)"),
    "teams.col.unit_target": ("Chỉ tiêu (%)", "Target (%)"),
    "teams.col.deadline": ("Hạn hoàn thành", "Deadline"),
    "teams.col.standing": ("Đánh giá", "Standing"),
    "teams.col.name": ("Họ và tên", "Full name"),
    "teams.col.birth_year": ("Năm sinh", "Born"),
    "teams.col.phone": ("Số điện thoại", "Phone"),
    "teams.col.user": ("Tài khoản trên máy", "Desk user"),
    # units
    "units.kind.school": ("Trường học", "School"),
    "units.kind.organisation": ("Tổ chức, đoàn thể", "Organisation"),
    "units.kind.office": ("Cơ quan", "Office"),
    "units.role.teacher": ("Giáo viên", "Teacher"),
    "units.role.parent": ("Phụ huynh", "Parent"),
    "units.role.student": ("Học sinh", "Student"),
    "units.role.member": ("Thành viên", "Member"),
    "units.below": ("Chưa đạt", "Below target"),
    "units.reached": ("Đạt", "Reached"),
    "units.name_needed": ("Cần nhập tên đơn vị", "A unit needs a name"),
    "units.exists": ("Đã có đơn vị «{name}»", "There is already a unit named '{name}'"),
    "units.unknown": ("Không tìm thấy đơn vị «{name}»", "No unit named '{name}'"),
    "units.bad_kind": (
        "Loại đơn vị «{value}» không hợp lệ (school, organisation, office)",
        "Unit kind '{value}' is not valid (school, organisation, office)",
    ),
    "units.bad_target": (
        "Chỉ tiêu «{value}» không hợp lệ (1 đến 100 %)",
        "Target '{value}' is not valid (1 to 100 %)",
    ),
    "units.added": ("Đã thêm đơn vị {name}", "Added the unit {name}"),
    "units.changed": ("Đã cập nhật đơn vị {name}", "Updated the unit {name}"),
    "units.imported": (
        "{unit}: thêm {added}, giữ {kept}, bỏ {removed} thành viên; tạo mới {citizens} "
        "công dân; bỏ qua {rejected} dòng lỗi",
        "{unit}: {added} members added, {kept} kept, {removed} removed; {citizens} new "
        "citizens; {rejected} rows with errors left out",
    ),
    "units.line": (
        "{unit}: {members} thành viên, mức 2 {level2}, kích hoạt {activated}, tích hợp "
        "{linked} ({percent}), hạn {deadline}: {standing}",
        "{unit}: {members} members, level 2 {level2}, activated {activated}, linked "
        "{linked} ({percent}), due {deadline}: {standing}",
    ),
    "units.no_units": (
        "Chưa có đơn vị nào: thêm bằng «fieldapp units add TÊN»",
        "No unit yet: add one with 'fieldapp units add NAME'",
    ),
    "units.report_written": (
        "Đã lưu báo cáo {units} đơn vị vào {path}",
        "Saved the report of {units} units to {path}",
    ),
    "units.unit_written": (
        "Đã lưu báo cáo {unit} ({members} thành viên) vào {path}",
        "Saved the report of {unit} ({members} members) to {path}",
    ),
    "units.report.title": (
        "BÁO CÁO KẾT QUẢ KÍCH HOẠT, TÍCH HỢP TÀI KHOẢN AN SINH XÃ HỘI CỦA CÁC ĐƠN VỊ",
        "UNITS' E-ID ACTIVATION AND BENEFIT-ACCOUNT LINKING",
    ),
    "units.report.title_one": (
        "BÁO CÁO KẾT QUẢ KÍCH HOẠT, TÍCH HỢP TÀI KHOẢN AN SINH XÃ HỘI",
        "E-ID ACTIVATION AND BENEFIT-ACCOUNT LINKING",
    ),
    "units.report.subject": (
        "Trường học, cơ quan, tổ chức trên địa bàn xã (đơn vị chưa đạt chỉ tiêu xếp trước)",
        "Schools, offices and organisations of the commune (units below target first)",
    ),
    "units.report.as_of": ("Số liệu đến ngày {day}", "Figures up to {day}"),
    "units.report.sheet": ("Các đơn vị", "Units"),
    "units.report.sheet_one": ("Đơn vị", "Unit"),
    "units.section.summary": ("Tổng hợp theo đơn vị", "By unit"),
    "units.section.figures": ("I. Số liệu", "I. Figures"),
    "units.section.members": ("II. Danh sách thành viên", "II. Members"),
    "units.note": (
        "{below}/{count} đơn vị chưa đạt chỉ tiêu. Tỷ lệ tích hợp = số đã tích hợp / số "
        "thành viên. Hạn hoàn thành theo Kế hoạch: trước ngày 15/6/2026.",
        "{below} of {count} units are below target. Linked (%) = linked / members. "
        "Deadline per the plan: before 15/6/2026.",
    ),
}
