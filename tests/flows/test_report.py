"""The HTML report in a real headless Chromium (Debian's package), and the exports."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from cli.app import app

runner = CliRunner()
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Debian's chromium (or $CROSSCHECK_CHROMIUM). `make test` installs it where the user may
# (.ci/provision); where it is missing the browser test is skipped with this reason, and
# before the seeded warehouse is built for it.
CHROMIUM = os.environ.get("CROSSCHECK_CHROMIUM") or shutil.which("chromium")
NO_CHROMIUM = (
    "chromium not found: apt-get install chromium fonts-wqy-microhei "
    "(make test does it as root), or set CROSSCHECK_CHROMIUM"
)


@pytest.fixture(scope="module")
def report_html(seeded_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "index.html"
    result = runner.invoke(app, ["report", "--db", str(seeded_db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_report_is_self_contained(report_html: Path) -> None:
    html = report_html.read_text(encoding="utf-8")
    for external in ("http://", "https://", "<link ", "src="):
        assert external not in html.split('<script id="data"')[0]
    assert "七八百" in html


@pytest.mark.skipif(not CHROMIUM, reason=NO_CHROMIUM)
def test_report_renders_without_errors_and_shows_the_headcount(report_html: Path) -> None:
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(report_html.as_uri())
        shot = report_html.with_suffix(".png")
        page.screenshot(path=str(shot), full_page=True)

        disagreements = page.inner_text("#xlist")
        assert "华尔街日报" in disagreements and "七八百" in disagreements
        # Grouped by story, then by frame (measure and scope).
        assert page.locator("#xlist section.story h2").count() >= 1
        assert page.locator("#xlist section.story .frame h3").count() >= 1
        assert "数百人" in disagreements or "上百名" in disagreements

        page.select_option("#f-kind", "conflict")
        page.select_option("#f-kind", "discrepancy")
        assert "七八百" in page.inner_text("#xlist")

        page.locator("text=show in article").first.click()
        assert page.is_visible("#view-a")
        assert "quantities" in page.inner_text("#adetail")
        page.locator("#atext span.claim").first.click()
        assert "subject" in page.inner_text("#adetail")
        browser.close()
    assert errors == []
    assert all(u.startswith(("file:", "data:", "about:")) for u in requests), requests
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_untrusted_article_text_cannot_inject_markup(tmp_path: Path) -> None:
    from reporting.html import render_report

    evil = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
    data = {
        "articles": [
            {
                "id": "a",
                "title": evil,
                "outlet": None,
                "published": None,
                "language": "en",
                "path": "x",
                "segments": [[evil, []]],
                "n_claims": 0,
            }
        ],
        "claims": {},
        "contradictions": [],
        "n_contradictions": 0,
    }
    html = render_report(data)
    payload = html.split('<script id="data" type="application/json">')[1].split("</script>")[0]
    assert json.loads(payload.replace("<\\/", "</"))["articles"][0]["title"] == evil
    assert "<img" not in html.split('<script id="data"')[0]


def test_exports_write_each_format(seeded_db: Path, tmp_path: Path) -> None:
    for fmt in ("csv", "json", "parquet"):
        out = tmp_path / fmt
        result = runner.invoke(
            app, ["export", "--format", fmt, "--out", str(out), "--db", str(seeded_db)]
        )
        assert result.exit_code == 0, result.output
        with duckdb.connect() as con:
            n = con.execute(f"SELECT count(*) FROM '{out / ('contradictions.' + fmt)}'").fetchone()
        assert n is not None and n[0] > 0


def test_review_then_claimreview_jsonld(seeded_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(seeded_db, db)
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute(
            "SELECT claim_id, claim_text FROM claims_v WHERE quote LIKE '%七八百%' LIMIT 1"
        ).fetchone()
    assert row is not None
    claim_id, claim_text = row
    result = runner.invoke(
        app,
        [
            "review",
            claim_id,
            "--rating",
            "mixed",
            "--reviewer",
            "desk",
            "--note",
            "WSJ figure; others say hundreds",
            "--db",
            str(db),
        ],
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        app, ["export", "--format", "claimreview", "--out", str(tmp_path), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    (review,) = json.loads((tmp_path / "claimreview.jsonld").read_text(encoding="utf-8"))
    assert review["@type"] == "ClaimReview" and review["claimReviewed"] == claim_text
    assert review["reviewRating"]["ratingValue"] == 3
    assert review["itemReviewed"]["author"]["name"] == "华尔街日报"


def test_review_rejects_unknown_claims_and_ratings(seeded_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(seeded_db, db)
    bad = runner.invoke(app, ["review", "nope", "--rating", "false", "--db", str(db)])
    assert bad.exit_code == 2 and "no claim" in bad.output
    with duckdb.connect(str(db), read_only=True) as con:
        (claim_id,) = con.execute("SELECT claim_id FROM claims LIMIT 1").fetchone()  # type: ignore[misc]
    bad = runner.invoke(app, ["review", claim_id, "--rating", "meh", "--db", str(db)])
    assert bad.exit_code == 2 and "unknown rating" in bad.output


# The Henan floods of news-dev: seven reports whose death toll grows over two weeks
# (25 → 33 → 56 → 302), and one outlet (Sputnik) giving Zhengzhou's 51 as the province's.
NEWS_DEV = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "news-dev"


@pytest.fixture(scope="module")
def henan_db(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None) -> Path:
    from flows.pipeline import pipeline

    corpus = tmp_path_factory.mktemp("henan") / "news"
    corpus.mkdir()
    lines = (NEWS_DEV / "sources.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    rows = [line for line in lines[1:] if line.startswith("henan-flood-2021_")]
    (corpus / "sources.csv").write_text(lines[0] + "".join(rows), encoding="utf-8")
    for path in NEWS_DEV.glob("henan-flood-2021_*.txt"):
        shutil.copy(path, corpus / path.name)
    db = corpus.parent / "henan.duckdb"
    summary = pipeline(paths=[str(corpus)], extractor="rules", db=str(db))
    assert summary.status == "completed" and summary.n_articles == len(rows) == 7
    return db


def _death_toll(db: Path) -> dict:
    from warehouse.queries_stories import update_timelines

    with duckdb.connect(str(db), read_only=True) as con:
        timelines = update_timelines(con)
    tolls = [
        t
        for t in timelines
        if t["measure"] == "deaths" and {25, 56, 302} <= {s["low"] for s in t["steps"]}
    ]
    assert len(tolls) == 1, [(t["label"], [s["value"] for s in t["steps"]]) for t in timelines]
    return tolls[0]


def test_the_death_toll_is_one_timeline_in_date_order(henan_db: Path) -> None:
    toll = _death_toll(henan_db)
    dates = [s["as_of"] for s in toll["steps"]]
    assert dates == sorted(dates) and None not in dates
    lows = [s["low"] for s in toll["steps"]]
    assert lows[0] == 25 and lows[-1] == 302 and 33 in lows
    assert lows.index(25) < lows.index(33) < lows.index(56) < lows.index(302)
    first = toll["steps"][0]["figures"][0]
    assert first["outlet"] == "新华社" and first["as_of"] == "2021-07-21" and first["quote"]
    # 302 is reported by more than one article on 2 August: one step, every source.
    last = toll["steps"][-1]
    assert last["as_of"] == "2021-08-02" and len(last["figures"]) >= 1


def test_disagreements_are_grouped_by_story_and_frame(henan_db: Path) -> None:
    from warehouse.queries_stories import contradiction_frames, group_rows, stories

    with duckdb.connect(str(henan_db), read_only=True) as con:
        rows = contradiction_frames(con)
        meta = stories(con)
    (story,) = meta.values()
    assert story["first"] == "2021-07-21" and "新华社" in story["outlets"]
    groups = group_rows(rows, meta)
    assert [g["story"]["id"] for g in groups] == [story["id"]]
    frames = {f["label"]: f["rows"] for f in groups[0]["frames"]}
    # Sputnik's 51 against the province's 56 sits under the deaths frame.
    deaths = [r for label, rs in frames.items() if label.startswith("deaths") for r in rs]
    assert any({r["value_a"], r["value_b"]} & {"51"} and r["measure"] == "deaths" for r in deaths)
    for label, frame_rows in frames.items():
        assert {r["frame_label"] for r in frame_rows} == {label}


def test_the_report_shows_stories_frames_and_timelines(henan_db: Path, tmp_path: Path) -> None:
    from reporting.html import render_report
    from warehouse.report_data import report_data

    with duckdb.connect(str(henan_db), read_only=True) as con:
        data = report_data(con)
    (sid,) = data["stories"]
    assert all(c["story"] == sid and c["frame_label"] for c in data["contradictions"])
    toll = _death_toll(henan_db)
    assert toll["frame"] in {t["frame"] for t in data["timelines"]}
    assert any(c["frame"] == toll["frame"] for c in data["contradictions"])
    html = render_report(data)
    payload = html.split('<script id="data" type="application/json">')[1].split("</script>")[0]
    assert json.loads(payload.replace("<\\/", "</"))["timelines"]
    for external in ("http://", "https://", "<link ", "src="):
        assert external not in html.split('<script id="data"')[0]


def test_contradictions_cli_groups_by_story_and_frame(henan_db: Path) -> None:
    table = runner.invoke(app, ["contradictions", "--db", str(henan_db)])
    assert table.exit_code == 0, table.output
    assert "by story and frame" in table.output and "2021-07-21" in table.output
    assert "deaths" in table.output
    for fmt in ("json", "csv"):
        result = runner.invoke(app, ["contradictions", "--db", str(henan_db), "-f", fmt])
        assert result.exit_code == 0, result.output
    rows = json.loads(
        runner.invoke(app, ["contradictions", "--db", str(henan_db), "-f", "json"]).stdout
    )
    assert rows and all(r["story_id"] for r in rows)
    assert any(r["measure"] == "deaths" for r in rows)
    csv_out = runner.invoke(app, ["contradictions", "--db", str(henan_db), "-f", "csv"]).stdout
    assert csv_out.splitlines()[0].endswith("story_id,measure")


def test_updates_cli_lists_the_timelines(henan_db: Path) -> None:
    table = runner.invoke(app, ["updates", "--db", str(henan_db)])
    assert table.exit_code == 0, table.output
    assert "25人" in table.output and "302" in table.output and "2021-08-02" in table.output
    rows = json.loads(runner.invoke(app, ["updates", "--db", str(henan_db), "-f", "json"]).stdout)
    toll = [
        r for r in rows if r["measure"] == "deaths" and r["frame"] == _death_toll(henan_db)["label"]
    ]
    assert toll[0]["value"] == "25人" and toll[0]["as_of"] == "2021-07-21"
    assert [r["as_of"] for r in toll] == sorted(r["as_of"] for r in toll)
    csv_out = runner.invoke(app, ["updates", "--db", str(henan_db), "-f", "csv"]).stdout
    assert csv_out.splitlines()[0].startswith("story_id,story,measure,scope,frame,step,as_of")
