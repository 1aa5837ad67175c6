"""The HTML report in a real headless Chromium (Debian's package), and the exports."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app

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
    from flows.html_report import render_report

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
