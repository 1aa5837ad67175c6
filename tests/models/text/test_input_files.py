"""What became of each input file: the first path of a text keeps it, later ones are its
duplicates, and a file with no article says why."""

from __future__ import annotations

from models.text.input_files import InputFile, settle, unread


def test_the_first_path_of_a_text_keeps_it_and_later_ones_are_duplicates() -> None:
    first: dict[str, str] = {}
    a = settle(InputFile(path="a.txt", article_ids=["x"]), first, ["a.txt"])
    b = settle(InputFile(path="b.txt", article_ids=["x"]), first, ["b.txt"])
    assert (a.status, a.reason, a.article_id) == ("ingested", None, "x")
    assert (b.status, b.reason, b.article_id) == ("duplicate", "duplicate of a.txt", "x")
    assert first == {"x": "a.txt"}


def test_a_jsonl_file_counts_its_duplicate_lines_and_bad_lines() -> None:
    first = {"x": "a.txt"}
    f = InputFile(path="f.jsonl", article_ids=["x", "y", "y"], errors=["line 4 is not JSON"])
    got = settle(f, first, ["f.jsonl:1", "f.jsonl:2", "f.jsonl:3"])
    assert got.status == "ingested" and got.article_id is None and got.n_duplicates == 2
    assert got.reason == "2 of its 3 articles are duplicates; 1 lines not ingested (see ingest_errors_v)"
    assert first == {"x": "a.txt", "y": "f.jsonl:2"}
    again = settle(InputFile(path="g.jsonl", article_ids=["y", "x"]), first, ["g:1", "g:2"])
    assert (again.status, again.reason) == ("duplicate", "duplicate of f.jsonl:2, a.txt")


def test_a_file_without_an_article_says_why() -> None:
    got = settle(InputFile(path="e.txt", errors=["empty file"]), {}, [])
    assert (got.status, got.reason, got.article_id) == ("failed", "empty file", None)
    assert unread("n.pdf", "unsupported file type .pdf").reason == "unsupported file type .pdf"
