"""Messages of the agency reports and report settings (issue 18, items 1, 5, 6 and 8).

The reports sent to each agency, their settings, the final report's narrative, the
deadline-to-deadline period and the social-affairs office's file.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # report settings: defaults (seed 002 §11, seed 001)
    "report_settings.ubnd_parent": ("ỦY BAN NHÂN DÂN", "PEOPLE'S COMMITTEE"),
    "report_settings.ubnd_number": (
        "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-UBND",
        "No.:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-UBND",
    ),
    "report_settings.ubnd_signer": (
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        "FOR THE PEOPLE'S COMMITTEE\nCHAIRPERSON",
    ),
    "report_settings.agency_full.social_security": (
        "Bảo hiểm xã hội tỉnh {province}",
        "{province} Provincial Social Security",
    ),
    "report_settings.agency_full.home_affairs": (
        "Sở Nội vụ tỉnh {province}",
        "{province} Department of Home Affairs",
    ),
    "report_settings.agency_full.health": (
        "Sở Y tế tỉnh {province}",
        "{province} Department of Health",
    ),
    "report_settings.agency_full.education": (
        "Sở Giáo dục và Đào tạo tỉnh {province}",
        "{province} Department of Education and Training",
    ),
    "report_settings.agency_full.labour_federation": (
        "Liên đoàn Lao động tỉnh {province}",
        "{province} Labour Federation",
    ),
    "report_settings.steering": (
        "Ban Chỉ đạo triển khai Đề án 06 {commune}",
        "Project 06 Steering Committee of {commune}",
    ),
    "report_settings.recipient_report": ("- {body} (để báo cáo);", "- {body} (to report);"),
    "report_settings.recipient_task_force": (
        "- Tổ Công tác Đề án 06 tỉnh (qua Công an tỉnh) (để tổng hợp);",
        "- Provincial Project 06 Task Force (through the provincial police) (to compile);",
    ),
    "report_settings.recipient_police": (
        "- Công an {commune} (để theo dõi);",
        "- {commune} police (to follow up);",
    ),
    "report_settings.bad_kind": (
        "Không có loại báo cáo «{value}» (daily, weekly, wave, final, agency.<cơ quan>)",
        "No report kind '{value}' (daily, weekly, wave, final, agency.<agency>)",
    ),
    "report_settings.bad_agency": (
        "Không có cơ quan «{value}» (social-insurance, home-affairs, health, education)",
        "No agency '{value}' (social-insurance, home-affairs, health, education)",
    ),
    "report_settings.bad_field": (
        "Không có mục thiết lập «{field_name}»",
        "No setting called '{field_name}'",
    ),
    "report_settings.saved": (
        "Đã lưu thiết lập báo cáo «{kind}»",
        "Report settings '{kind}' saved",
    ),
    "field.rs_issuer_parent": ("Cơ quan cấp trên", "Parent body"),
    "field.rs_issuer": ("Cơ quan ban hành", "Issuing body"),
    "field.rs_number": ("Số văn bản", "Document number"),
    "field.rs_addressee": ("Kính gửi", "Addressed to"),
    "field.rs_signer_title": ("Chức vụ người ký", "Signer's title"),
    "field.rs_signer_name": ("Họ tên người ký", "Signer's name"),
    "field.rs_recipients": ("Nơi nhận", "Recipients"),
    "field.rs_results": ("Kết quả đạt được", "Results"),
    "field.rs_shortcomings": ("Tồn tại, hạn chế và nguyên nhân", "Shortcomings and causes"),
    "field.rs_lessons": ("Bài học kinh nghiệm", "Lessons"),
    "field.rs_proposals": ("Đề xuất, kiến nghị", "Proposals"),
    "report_settings.kind.daily": ("Báo cáo ngày (Công an xã)", "Daily report (commune police)"),
    "report_settings.kind.weekly": ("Báo cáo tuần", "Weekly report"),
    "report_settings.kind.wave": ("Báo cáo đợt", "Wave report"),
    "report_settings.kind.final": ("Báo cáo tổng kết", "Final report"),
    "report_settings.kind.agency": ("Báo cáo gửi {agency}", "Report to {agency}"),
    # the desk
    "report_dialog.agency": ("Gửi cơ quan", "To an agency"),
    "report_dialog.no_agency": ("(báo cáo của Công an xã)", "(the commune police's report)"),
    "report_dialog.settings": ("Thiết lập báo cáo…", "Report settings…"),
    "report_dialog.deadline": ("Hạn báo cáo (giờ:phút)", "Deadline (HH:MM)"),
    "report_dialog.beneficiary_file": (
        "Danh sách đối tượng cho bộ phận chi trả (xlsx)…",
        "Beneficiary file for the payment office (xlsx)…",
    ),
    "report_dialog.save": ("Lưu thiết lập", "Save settings"),
    "report_dialog.nothing_changed": ("Không có gì thay đổi", "Nothing changed"),
    # the agency report
    "agency_report.subject": (
        "Kết quả chi trả an sinh xã hội không dùng tiền mặt và tích hợp tài khoản an sinh "
        "xã hội trên VNeID: đối tượng {groups}",
        "Cashless social payments and benefit-account linking on VNeID: {groups}",
    ),
    "agency_report.window": (
        "Từ {start_time} ngày {start} đến {end_time} ngày {end}",
        "From {start_time} on {start} to {end_time} on {end}",
    ),
    "agency_report.section.summary": ("I. Kết quả chung", "I. Overall results"),
    "agency_report.section.groups": (
        "II. Phân loại theo nhóm đối tượng",
        "II. Classification by beneficiary group",
    ),
    "agency_report.section.villages": (
        "III. Phân loại theo thôn",
        "III. Classification by village",
    ),
    "agency_report.summary": (
        "Tổng số đối tượng: {total}; đã nhận chi trả qua tài khoản: {paid} (đạt {rate}); "
        "đã có tài khoản nhưng chưa nhận qua tài khoản: {not_paid}; chưa có tài khoản: "
        "{no_account}; chưa phân loại: {unclassified}. Đã tích hợp tài khoản an sinh xã hội "
        "trên VNeID: {linked} đối tượng.",
        "Beneficiaries: {total}; paid to an account: {paid} ({rate}); have an account but "
        "not paid to it: {not_paid}; no account: {no_account}; not classified: "
        "{unclassified}. Benefit account linked on VNeID: {linked}.",
    ),
    "agency_report.note": (
        "Số liệu theo tình trạng của từng đối tượng tại thời điểm kết thúc kỳ báo cáo.",
        "Figures are each beneficiary's standing at the end of the period.",
    ),
    "agency_report.col.linked": ("Đã tích hợp VNeID", "Linked on VNeID"),
    "agency_report.none": (
        "Trên địa bàn chưa có đối tượng thuộc phạm vi {agency} ({groups}) trong danh sách "
        "đã nhập: không có số liệu để báo cáo.",
        "No beneficiaries of {agency} ({groups}) are in the imported lists: nothing to report.",
    ),
    "agency_report.sheet": ("Báo cáo {agency}", "Report {agency}"),
    # the social-affairs office's file (item 8)
    "beneficiary_file.sheet": ("Doi tuong", "Beneficiaries"),
    "beneficiary_file.about_sheet": ("Thong tin", "About"),
    "beneficiary_file.col.no": ("STT", "No."),
    "beneficiary_file.col.personal_id": ("Số định danh cá nhân", "Personal ID"),
    "beneficiary_file.col.full_name": ("Họ và tên", "Full name"),
    "beneficiary_file.col.birth_date": ("Ngày sinh", "Date of birth"),
    "beneficiary_file.col.village": ("Thôn", "Village"),
    "beneficiary_file.col.group": ("Nhóm đối tượng", "Beneficiary group"),
    "beneficiary_file.col.group_code": ("Mã nhóm", "Group code"),
    "beneficiary_file.col.payment": ("Phân loại chi trả", "Payment class"),
    "beneficiary_file.col.payment_code": ("Mã phân loại", "Payment class code"),
    "beneficiary_file.col.has_account": ("Có tài khoản", "Has an account"),
    "beneficiary_file.col.account_bank": ("Ngân hàng mở tài khoản", "Account's bank"),
    "beneficiary_file.col.account_opened_on": ("Ngày mở tài khoản", "Account opened on"),
    "beneficiary_file.col.link": ("Tích hợp VNeID", "Linked on VNeID"),
    "beneficiary_file.col.link_code": ("Mã tích hợp", "Link code"),
    "beneficiary_file.col.proxy_name": ("Người được ủy quyền nhận thay", "Proxy"),
    "beneficiary_file.col.guardian_name": ("Người giám hộ", "Guardian"),
    "beneficiary_file.col.last_visit": ("Lần hỗ trợ gần nhất", "Last visit"),
    "beneficiary_file.payment.paid_to_account": (
        "Đã nhận chi trả qua tài khoản",
        "Paid to an account",
    ),
    "beneficiary_file.payment.has_account_not_paid": (
        "Đã có tài khoản nhưng chưa nhận",
        "Has an account, not paid to it",
    ),
    "beneficiary_file.payment.no_account": ("Chưa có tài khoản", "No account"),
    "beneficiary_file.payment.not_classified": ("Chưa phân loại", "Not classified"),
    "beneficiary_file.yes_no.True": ("Có", "Yes"),
    "beneficiary_file.yes_no.False": ("Không", "No"),
    "beneficiary_file.link.approved": ("Đã tích hợp (đã duyệt)", "Linked (approved)"),
    "beneficiary_file.link.submitted": ("Đã gửi, chờ phê duyệt", "Submitted, waiting"),
    "beneficiary_file.link.no": ("Chưa tích hợp", "Not linked"),
    "beneficiary_file.about.title": (
        "DANH SÁCH ĐỐI TƯỢNG HƯỞNG AN SINH XÃ HỘI (gửi bộ phận chi trả)",
        "SOCIAL-SECURITY BENEFICIARIES (for the payment office)",
    ),
    "beneficiary_file.about.commune": ("Xã", "Commune"),
    "beneficiary_file.about.made_on": ("Ngày lập", "Made on"),
    "beneficiary_file.about.agency": ("Cơ quan chủ quản", "Agency"),
    "beneficiary_file.all": ("Tất cả các nhóm", "Every group"),
    "beneficiary_file.about.rows": ("Số đối tượng", "Beneficiaries"),
    "beneficiary_file.about.layout": ("Phiên bản bố cục", "Layout version"),
    "beneficiary_file.about.private": (
        "Dữ liệu cá nhân: chỉ dùng để cập nhật danh sách chi trả, không chia sẻ.",
        "Personal data: only to update the payment lists; do not share.",
    ),
    "beneficiary_file.none": (
        "Chưa có đối tượng nào trong danh sách đã nhập.",
        "No beneficiaries in the imported lists.",
    ),
    "beneficiary_file.written": (
        "Đã lưu danh sách {count} đối tượng vào {path}",
        "Saved {count} beneficiaries to {path}",
    ),
    # the final report (item 5)
    "final_report.campaign": ("Toàn chiến dịch", "Whole campaign"),
    "final_report.section.results": ("I. KẾT QUẢ ĐẠT ĐƯỢC", "I. RESULTS"),
    "final_report.section.waves": (
        "1. Kết quả từng đợt và toàn đợt",
        "1. Results of each wave and of the whole campaign",
    ),
    "final_report.section.villages": ("2. Kết quả theo thôn", "2. Results by village"),
    "final_report.section.points": (
        "3. Kết quả theo điểm hỗ trợ",
        "3. Results by support point",
    ),
    "final_report.section.home": (
        "4. Hỗ trợ tại nhà (người đi lại khó khăn)",
        "4. Home visits (people who cannot travel)",
    ),
    "final_report.section.banks": (
        "5. Mở tài khoản ngân hàng tại điểm hỗ trợ",
        "5. Bank accounts opened at support points",
    ),
    "final_report.section.payment": (
        "6. Phân loại chi trả theo nhóm đối tượng",
        "6. Payment classification by beneficiary group",
    ),
    "final_report.section.shortcomings": (
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "II. SHORTCOMINGS AND CAUSES",
    ),
    "final_report.section.lessons": ("III. BÀI HỌC KINH NGHIỆM", "III. LESSONS LEARNT"),
    "final_report.section.proposals": ("IV. ĐỀ XUẤT, KIẾN NGHỊ", "IV. PROPOSALS"),
    "final_report.col.wave": ("Đợt", "Wave"),
    "final_report.col.dates": ("Thời gian", "Dates"),
    "final_report.col.visits": ("Lượt hỗ trợ", "Visits"),
    "final_report.col.home_visits": ("Lượt hỗ trợ tại nhà", "Home visits"),
    "final_report.col.home_people": ("Số người được hỗ trợ tại nhà", "People helped at home"),
    "final_report.col.visited": ("Số người được hỗ trợ", "People helped"),
    "final_report.col.activated": ("Kích hoạt ĐDĐT", "Activated"),
    "final_report.col.linked": ("Tích hợp ASXH", "Linked"),
    "final_report.col.approved": ("Trong đó đã duyệt", "Of which approved"),
    "final_report.col.opened": ("Mở TK ngân hàng", "Accounts opened"),
    "final_report.col.linked_end": ("Lũy kế tích hợp cuối kỳ", "Linked at the end"),
    "final_report.col.key_end": (
        "Tỷ lệ tích hợp/mức 2 cuối kỳ (%)",
        "Linked / level 2 at the end (%)",
    ),
    "final_report.waves_note": (
        "Mỗi đợt tính đến ngày báo cáo; dòng «Toàn chiến dịch» tính từ ngày đầu tiên có số "
        "liệu, kể cả những ngày ngoài các đợt, nên có thể lớn hơn tổng các đợt.",
        "Each wave up to the report's day; the whole campaign runs from the first day with "
        "data, days outside the waves included, so it may exceed the waves' sum.",
    ),
}
