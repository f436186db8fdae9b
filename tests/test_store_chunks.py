"""The one chunking helper: every key once, in order, in lists no longer than the limit."""

from fieldapp.store.chunks import IN_LIST_SIZE, chunked


def test_lists_tuples_and_iterators_split_the_same_way():
    items = list(range(11))
    expected = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10]]
    assert list(chunked(items, 4)) == expected
    assert list(chunked(tuple(items), 4)) == expected
    assert list(chunked(iter(items), 4)) == expected
    assert list(chunked([], 4)) == [] and list(chunked(iter(()), 4)) == []


def test_the_limit_fits_sqlite_and_postgresql():
    assert IN_LIST_SIZE <= 32766 - 100 and IN_LIST_SIZE <= 65535
