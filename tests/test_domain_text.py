from fieldapp.domain.text import fold, fold_words, normalise_name


def test_folding_removes_diacritics_and_case():
    assert fold("Nguyễn Thị Hương") == "nguyen thi huong"
    assert fold("ĐẶNG ĐỨC") == "dang duc"
    assert fold("  Lê   Văn  ") == "le van"


def test_decomposed_and_composed_text_fold_alike():
    decomposed = "Nguye\u0302\u0303n"
    assert fold(decomposed) == fold("Nguyễn") == "nguyen"
    assert normalise_name(decomposed) == "Nguyễn"


def test_words_for_the_search_index():
    assert fold_words("Thôn 3, Xã Kiên-Thọ") == ["thon", "3", "xa", "kien", "tho"]
