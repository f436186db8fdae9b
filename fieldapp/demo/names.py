"""Generated Vietnamese names and places, with their diacritics."""

from __future__ import annotations

import random

from fieldapp.domain.personal_id import Sex

FAMILY_NAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
    "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Lương", "Mai",
)  # fmt: skip
MIDDLE_NAMES = {
    Sex.MALE: ("Văn", "Hữu", "Đức", "Minh", "Quang", "Xuân", "Công", "Thành", "Đình", "Bá"),
    Sex.FEMALE: ("Thị", "Ngọc", "Thanh", "Thu", "Kim", "Mỹ", "Phương", "Diệu", "Bích", "Thúy"),
}
GIVEN_NAMES = {
    Sex.MALE: (
        "Hùng", "Dũng", "Tuấn", "Cường", "Đạt", "Khánh", "Trường", "Lộc", "Hải", "Hiếu",
        "Kiên", "Long", "Nam", "Phúc", "Quân", "Sơn", "Tâm", "Việt", "Thắng", "Đông",
        "Bình", "Chiến", "Duy", "Giang", "Huy", "Lợi", "Mạnh", "Nghĩa", "Thịnh", "Toàn",
    ),
    Sex.FEMALE: (
        "Hương", "Lan", "Hà", "Mai", "Phương", "Thảo", "Nga", "Yến", "Nhung", "Thủy",
        "Quỳnh", "Ánh", "Hạnh", "Oanh", "Uyên", "Ý", "Trang", "Huyền", "Loan", "Ngân",
        "Hằng", "Duyên", "Liên", "My", "Nhàn", "Thơ", "Trâm", "Vân", "Xuyến", "Hiền",
    ),
}  # fmt: skip
VILLAGE_NAMES = (
    "Thôn Đông Hòa", "Thôn Tây Sơn", "Thôn Nam Tiến", "Thôn Bắc Hải", "Thôn Trung Chính",
    "Thôn Phú Lộc", "Thôn An Khê", "Thôn Thịnh Vượng", "Thôn Đồng Tâm", "Thôn Quyết Thắng",
    "Thôn Hợp Nhất", "Thôn Tân Lập", "Thôn Hòa Bình", "Thôn Xuân Phú", "Thôn Đại Đồng",
    "Thôn Minh Khai", "Thôn Yên Thành", "Thôn Phúc Thọ", "Thôn Liên Hiệp", "Thôn Thượng Đức",
    "Thôn Hạ Long", "Thôn Vĩnh Phúc", "Thôn Cẩm Tú", "Thôn Ngọc Lặc", "Thôn Hưng Đạo",
)  # fmt: skip


def random_name(rng: random.Random, sex: Sex) -> str:
    """A plausible full name for a sex."""
    return " ".join(
        (rng.choice(FAMILY_NAMES), rng.choice(MIDDLE_NAMES[sex]), rng.choice(GIVEN_NAMES[sex]))
    )
