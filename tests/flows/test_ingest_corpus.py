"""Ingestion of a generated dirty corpus: every kind of file gets its own outcome, the
good ones are processed, problem files are reported in the run summary and in
ingest_errors_v, and the exit code tells a partial success from a full one."""

from __future__ import annotations

import codecs
import os
import random
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from flows.sources import discover, load_articles
from models.text import dedup
from models.text.encoding import common_han
from models.text.ingest import MAX_BYTES
from tests.conftest import SEEDS
from warehouse import article_store, ingest_store, run_store
from warehouse.db import session

HANS = (
    "微软正在询问大约七八百名涉及机器学习和与云计算有关工作的工程师对迁移的意见。"
    "报道说,微软的一位发言人表示,提供这些内部机会是其全球运作的一部分。\n"
)
HANT = "從森尼韋爾到舊金山市中心,驅車近40英里,斯坦福大學的碩士生趙鳴將會參加一場AI創投的活動。\n"
_rng = random.Random(1)
# A long article of its own (not a seed, which the pipeline test also ingests).
SYNDICATED = "".join(
    "".join(_rng.choices(sorted(common_han()), k=60)) + "。" + ("\n" if i % 5 == 4 else "")
    for i in range(40)
)
PAGE = """<html lang="zh"><head><title>页面标题</title>
<script>document.write("脚本内容")</script></head><body>
<nav>首页 | 科技 | 财经</nav>
<article><p>亚马逊对Anthropic追加投资27.5亿美元。</p><!-- 评论区 --></article>
<div id="comments">网友:不信</div><footer>Copyright 2024</footer></body></html>"""
MOJIBAKE = (
    "“這樣的場景每周都在硅谷上演?!壁w鳴向作者表示。辦公室里也沒有人談?撚嘘Ptransformer的論文。\n"
)
PINYIN = "澳門開獎網(wǎng)站的技術(shù)發(fā)源地在硅谷,公司員工有三百人。\n"


def make_corpus(folder: Path) -> dict[str, Path]:
    """The dirty corpus: one file per case, named for what it is."""
    folder.mkdir()
    files: dict[str, bytes] = {
        "gbk.txt": HANS.encode("gbk"),
        "big5.txt": HANT.encode("big5"),
        "utf16.txt": codecs.BOM_UTF16_LE + ("UTF-16 文章:" + HANS).encode("utf-16-le"),
        "utf8bom.md": codecs.BOM_UTF8 + "---\ntitle: 有标题\n---\n英伟达发布新芯片。\n".encode(),
        "empty.txt": b"",
        "binary.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
        "page.html": PAGE.encode(),
        "dup_a.txt": "重复的文章:谷歌裁员一千人。\n".encode(),
        "dup_b.md": "重复的文章:谷歌裁员一千人。\n".encode(),
        "syndicated.txt": SYNDICATED.encode(),
        "syndicated_copy.txt": (
            "转载自21世纪经济报道\n" + SYNDICATED[:900] + "有改动" + SYNDICATED[905:]
        ).encode(),
        "mojibake.txt": MOJIBAKE.encode(),
        "pinyin.txt": PINYIN.encode(),
        "notes.pdf": b"%PDF-1.4 not an article",
        "feed.jsonl": (
            '{"text": "Meta向AI顶级技术人才提出了高达200万美元的年薪。", "outlet": "丁冬网"}\n'
            "{broken json\n"
        ).encode(),
        "sources.csv": "file,outlet,title,published,language,url,notes\n"
        "gbk.txt,凤凰网,微软迁移,2024-05-16,,,\n".encode(),
    }
    paths = {}
    for name, data in files.items():
        (folder / name).write_bytes(data)
        paths[name] = folder / name
    with (folder / "huge.txt").open("wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(MAX_BYTES + 1)
    os.mkfifo(folder / "pipe.txt")  # reading it would block forever
    (folder / "broken.txt").symlink_to(folder / "missing.txt")
    return paths


EXPECTED_ERRORS = {
    "empty.txt": "empty",
    "binary.txt": "binary",
    "huge.txt": "too_large",
    "notes.pdf": "unsupported",
    "pipe.txt": "unreadable",
    "broken.txt": "unreadable",
    "feed.jsonl:2": "parse",
}


def test_each_file_of_a_dirty_corpus_gets_its_outcome(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    make_corpus(folder)
    files, errors = discover([folder])
    articles, read_errors = load_articles(files)
    errors += read_errors
    kinds = {Path(e.path).name: e.kind for e in errors}
    assert kinds == EXPECTED_ERRORS
    messages = {Path(e.path).name: e.message for e in errors}
    assert "50 MB" in messages["huge.txt"] and "too large" in messages["huge.txt"]
    assert "FIFO" in messages["pipe.txt"]
    assert "broken symbolic link" in messages["broken.txt"]
    assert ".pdf" in messages["notes.pdf"]

    by_name = {Path(a.source_path).name: a for a in articles}
    assert by_name["gbk.txt"].encoding == "gb18030"
    assert by_name["gbk.txt"].outlet == "凤凰网"  # from the sidecar
    assert by_name["gbk.txt"].text == HANS.strip()
    assert by_name["big5.txt"].encoding == "big5"
    assert by_name["big5.txt"].language == "zh-Hant"
    assert by_name["utf16.txt"].encoding == "utf-16"
    assert by_name["utf8bom.md"].title == "有标题"
    assert by_name["page.html"].text == "亚马逊对Anthropic追加投资27.5亿美元。"
    assert by_name["page.html"].title == "页面标题"
    assert "feed.jsonl:1" in by_name and by_name["feed.jsonl:1"].outlet == "丁冬网"
    # Identical content is one article whatever its name.
    assert ("dup_a.txt" in by_name) != ("dup_b.md" in by_name)
    assert "上演。”趙鳴向作者表示" in by_name["mojibake.txt"].text
    assert by_name["mojibake.txt"].low_quality
    assert "網站的技術發源地" in by_name["pinyin.txt"].text
    assert len(articles) == 11


def test_a_folder_of_ten_thousand_small_files(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    rng = random.Random(7)
    alphabet = sorted(common_han())
    for i in range(10_000):
        body = "".join(rng.choices(alphabet, k=40))
        (folder / f"{i:05d}.txt").write_text(f"第{i}篇:{body}。\n", encoding="utf-8")
    files, errors = discover([folder])
    articles, read_errors = load_articles(files)
    assert errors == [] and read_errors == []
    assert len(articles) == 10_000
    assert (
        dedup.near_duplicates({a.article_id: dedup.signature(a.folded_text) for a in articles})
        == []
    )
    with session(tmp_path / "many.duckdb") as con:
        run_store.start_run(con, "r1", None, "rules", None, [str(folder)])
        assert ingest_store.save_articles(con, articles, "r1", batch=3_000) == 0
        n = con.execute("SELECT count(*) FROM articles_v WHERE folded_text IS NOT NULL").fetchone()
    assert n == (10_000,)


def test_articles_saved_in_batches_or_over_bare_rows_are_saved_and_linked_as_one(tmp_path: Path) -> None:
    make_corpus(tmp_path / "corpus")
    articles, _ = load_articles(discover([tmp_path / "corpus"])[0])
    stored = []
    # All at once, one by one, and over rows stored before without their details.
    for name, batch, bare_first in (("all", len(articles), False), ("one", 1, False),
                                    ("bare", 2, True)):  # fmt: skip
        with session(tmp_path / f"{name}.duckdb") as con:
            run_store.start_run(con, "r1", None, "rules", None, [])
            if bare_first:
                article_store.upsert_articles(con, articles, "r0")
            links = ingest_store.save_articles(con, articles, "r1", batch=batch)
            stored.append(
                (
                    links,
                    con.execute(
                        "SELECT article_id, folded_text, raw_offsets, minhash, dup_group"
                        " FROM articles ORDER BY article_id"
                    ).fetchall(),
                )
            )
    assert stored[0][0] > 0 and len(stored[0][1]) == len(articles)
    assert stored[0] == stored[1] == stored[2]


@pytest.mark.usefixtures("prefect_harness")
def test_the_pipeline_reports_problem_files_and_processes_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    make_corpus(folder)
    seeds = folder / "seeds"
    seeds.mkdir()
    for f in SEEDS.glob("0*.txt"):
        shutil.copy(f, seeds / f.name)
    shutil.copy(SEEDS / "sources.csv", seeds / "sources.csv")
    db = tmp_path / "w.duckdb"

    result = CliRunner().invoke(app, ["run", str(folder), "--extractor", "rules", "--db", str(db)])
    assert result.exit_code == 3, result.output

    with session(db, read_only=True) as con:
        errors = dict(
            con.execute(
                "SELECT regexp_extract(path, '[^/]+$'), kind FROM ingest_errors_v"
            ).fetchall()
        )
        assert errors == EXPECTED_ERRORS
        assert con.execute("SELECT status FROM runs_v").fetchone() == ("partial",)
        texts = dict(
            con.execute(
                "SELECT regexp_extract(source_path, '[^/]+$'), text FROM articles_v"
            ).fetchall()
        )
        pairs = con.execute(
            "SELECT regexp_extract(source_a, '[^/]+$'), regexp_extract(source_b, '[^/]+$')"
            " FROM near_duplicates_v"
        ).fetchall()
        groups = dict(
            con.execute(
                "SELECT regexp_extract(source_path, '[^/]+$'), dup_group FROM articles_v"
            ).fetchall()
        )
        spans = con.execute(
            "SELECT c.start_char, c.end_char, a.low_quality FROM claims_v c"
            " JOIN articles_v a USING (article_id) WHERE len(a.low_quality) > 0"
        ).fetchall()
        headcount = con.execute(
            "SELECT count(*) FROM contradictions_v WHERE value_a LIKE '%七八百%'"
            " OR value_b LIKE '%七八百%'"
        ).fetchone()
    # The seeds come out clean in articles_v.text.
    for name in (f.name for f in SEEDS.glob("0*.txt")):
        text = texts[name]
        assert "【" not in text.split("\n")[0]
        for marker in ("发表评论于", "网友评论", "登录后才可评论", "(wǎng)", "</span>", "纽币 :"):
            assert marker not in text
    # Syndicated copies are linked and share a group (utf16.txt is gbk.txt's text with
    # a short prefix: a near-duplicate too).
    assert {tuple(sorted(p)) for p in pairs} == {
        ("syndicated.txt", "syndicated_copy.txt"),
        ("gbk.txt", "utf16.txt"),
    }
    assert groups["syndicated.txt"] == groups["syndicated_copy.txt"]
    # No claim is drawn from a low-quality span.
    for start, end, low in spans:
        if start is not None:
            assert not any(s < end and start < e for s, e in low)
    assert headcount[0] >= 3


@pytest.mark.usefixtures("prefect_harness")
def test_a_clean_folder_exits_zero(tmp_path: Path) -> None:
    folder = tmp_path / "clean"
    folder.mkdir()
    (folder / "a.txt").write_text(HANS, encoding="utf-8")
    (folder / "b.html").write_text(PAGE, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(app, ["run", str(folder), "--extractor", "rules", "--db", str(db)])
    assert result.exit_code == 0, result.output
    with session(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM ingest_errors_v").fetchone() == (0,)
