"""Ingestion figures: throughput on a folder of 10,000 small files, near-duplicate
linking on them, encoding detection on short GBK/Big5 snippets of the seeds (ours
against charset-normalizer), and what cleaning does to each seed."""

from __future__ import annotations

import contextlib
import random
import tempfile
import time
from pathlib import Path

import charset_normalizer

from benchmarks.common import ROOT, write_result
from flows.sources import discover, load_articles
from models.text import dedup
from models.text.cleaning import clean_text
from models.text.encoding import DecodeError, common_han, decode

SEEDS = ROOT / "seeds"


def _throughput(n: int = 10_000) -> dict[str, float]:
    rng = random.Random(7)
    alphabet = sorted(common_han())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(n):
            body = "".join(rng.choices(alphabet, k=40))
            (folder / f"{i:05d}.txt").write_text(f"第{i}篇:{body}。\n", encoding="utf-8")
        t0 = time.perf_counter()
        files, _ = discover([folder])
        articles, _ = load_articles(files)
        t1 = time.perf_counter()
        dedup.near_duplicates({a.article_id: dedup.signature(a.folded_text) for a in articles})
        t2 = time.perf_counter()
    return {"files": n, "ingest_s": round(t1 - t0, 2), "near_duplicates_s": round(t2 - t1, 2)}


def _encoding_accuracy() -> list[dict[str, float]]:
    paragraphs = [
        p
        for f in sorted(SEEDS.glob("0*.txt"))
        for p in clean_text(f.read_text(encoding="utf-8")).text.split("\n")
        if len(p) > 60
    ]
    rows = []
    for n in (10, 20, 50, 200):
        total = ours = theirs = 0
        for p in paragraphs:
            for encoding in ("gbk", "big5"):
                try:
                    data = p[:n].encode(encoding)
                except UnicodeEncodeError:
                    continue
                if data.isascii():
                    continue
                total += 1
                with contextlib.suppress(DecodeError):
                    ours += decode(data)[0] == p[:n]
                best = charset_normalizer.from_bytes(data).best()
                theirs += best is not None and str(best) == p[:n]
        rows.append(
            {
                "chars": n,
                "samples": total,
                "ours": round(ours / total, 3),
                "charset_normalizer": round(theirs / total, 3),
            }
        )
    return rows


def _seeds() -> list[dict[str, object]]:
    out = []
    for f in sorted(SEEDS.glob("0*.txt")):
        raw = f.read_text(encoding="utf-8")
        c = clean_text(raw)
        out.append(
            {
                "seed": f.name[:3],
                "raw_chars": len(raw),
                "clean_chars": len(c.text),
                "repairs": c.n_repairs,
                "low_quality_chars": sum(e - s for s, e in c.low_quality),
            }
        )
    return out


def main() -> None:
    result = {"throughput": _throughput(), "encoding": _encoding_accuracy(), "seeds": _seeds()}
    for key, value in result.items():
        print(key, value)
    print("written", write_result("ingest", result))


if __name__ == "__main__":
    main()
