"""Precision and recall of the offline extractor's claims, subjects and attribution
against tests/cases/claims_gold.jsonl (`make eval`).

How the gold set was annotated (by hand, from reading the articles, not from the
extractor's output): every sentence of the annotated seeds was read and each
check-worthy claim written down as one row. Seeds 000 and 001 were annotated first and
the rules were tuned while looking at them; 004 was annotated afterwards and the rules
were not changed for it, so its figures are the honest (held-out) ones.


- quote: the exact span of the claim in the article, a sentence or the clause of it
  that states the fact (a hypothetical tail cut off; two facts in one sentence are two
  rows, e.g. 涉及员工或达数百人 / 微软美国还表示可以协助解决家属签证问题).
- A claim is a figure, a dated event, or a factual action or state of a named actor.
  Not claims: opinion and commentary (the blog author's essay), questions, rhetoric,
  hypotheticals, headings, titles of linked pages, reader comments, generalities
  with no actor and no figure.
- subject: who or what the claim is about (the gazetteer's display name when known);
  null when the claim lists several actors equally.
- attributed_to: who the text says makes the claim. The innermost named outlet or
  agency wins over the people it quotes (据澎湃新闻报道，有微软员工表示 → 澎湃新闻), a
  Chinese outlet quoting the Wall Street Journal keeps the Journal, anonymous sources
  and "报道说" take the outlet named before them, a company or person speaking for
  itself is the source (微软方面回应称 → 微软, 部分微软中国区员工爆料称 → 微软员工); the
  article's own statements and anonymous sources with no outlet are null.
- predicate (normalized as in models.extract.predicates), hedged, quantities (surfaces).

Matching: a predicted claim matches a gold claim of the same article when their spans
overlap by at least half of either; each is used once. Subject and attribution are
scored on matched pairs, comparing canonical keys (微软 = 微軟 = Microsoft).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, write_result
from flows.extractors import load_gazetteer
from flows.sources import load_articles
from models.entities import Gazetteer
from models.extract.offline import extract_offline
from models.text.chunking import chunk_article

GOLD = ROOT / "tests" / "cases" / "claims_gold.jsonl"
HELD_OUT = frozenset({"004_3785decf4d3aef11.txt"})
SEEDS = ROOT / "seeds"


@dataclass
class Span:
    article: str
    start: int
    end: int
    subject: str | None
    attributed_to: str | None
    predicate: str | None
    hedged: bool


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def predict(files: list[Path], gazetteer: Gazetteer) -> tuple[dict[str, str], list[Span]]:
    """Article texts by file name, and the extractor's claims as spans into them."""
    articles, errors = load_articles(files)
    if errors:
        raise SystemExit(f"cannot read seeds: {errors}")
    texts: dict[str, str] = {}
    spans: list[Span] = []
    for article in articles:
        name = Path(article.source_path).name
        texts[name] = article.text
        for chunk in chunk_article(article):
            for c in extract_offline(chunk, article, gazetteer):
                start = chunk.start + (c.chunk_start or 0)
                spans.append(
                    Span(
                        name,
                        start,
                        start + len(c.quote),
                        c.subject,
                        c.attributed_to,
                        c.predicate,
                        c.hedged,
                    )
                )
    return texts, spans


def _overlap(a: Span, b: Span) -> bool:
    inter = min(a.end, b.end) - max(a.start, b.start)
    return inter > 0 and (inter * 2 >= a.end - a.start or inter * 2 >= b.end - b.start)


def _ratio(n: int, d: int) -> float:
    return round(n / d, 3) if d else 0.0


def score(gold: list[Span], predicted: list[Span], gazetteer: Gazetteer) -> dict[str, Any]:
    """Claims P/R/F1; subject and attribution accuracy on matched pairs and P/R of
    named sources."""
    used: set[int] = set()
    pairs: list[tuple[Span, Span]] = []
    for g in gold:
        best = next(
            (
                i
                for i, p in enumerate(predicted)
                if i not in used and p.article == g.article and _overlap(g, p)
            ),
            None,
        )
        if best is not None:
            used.add(best)
            pairs.append((g, predicted[best]))

    def same(a: str | None, b: str | None) -> bool:
        return gazetteer.key_of(a) == gazetteer.key_of(b)

    with_subject = [(g, p) for g, p in pairs if g.subject]
    subject_ok = sum(same(g.subject, p.subject) for g, p in with_subject)
    att_ok = sum(same(g.attributed_to, p.attributed_to) for g, p in pairs)
    named_pred = [(g, p) for g, p in pairs if p.attributed_to]
    named_ok = sum(same(g.attributed_to, p.attributed_to) for g, p in named_pred)
    named_gold = sum(1 for g in gold if g.attributed_to)
    with_pred = [(g, p) for g, p in pairs if g.predicate]
    precision, recall = _ratio(len(pairs), len(predicted)), _ratio(len(pairs), len(gold))
    return {
        "gold": len(gold),
        "predicted": len(predicted),
        "matched": len(pairs),
        "claims": {
            "precision": precision,
            "recall": recall,
            "f1": _ratio(int(2000 * precision * recall), int(1000 * (precision + recall))),
        },
        "subject": {
            "accuracy_on_matched": _ratio(subject_ok, len(with_subject)),
            "recall": _ratio(subject_ok, sum(1 for g in gold if g.subject)),
        },
        "attribution": {
            "accuracy_on_matched": _ratio(att_ok, len(pairs)),
            "named_precision": _ratio(named_ok, len(named_pred)),
            "named_recall": _ratio(named_ok, named_gold),
        },
        "predicate_agreement": _ratio(
            sum(g.predicate == p.predicate for g, p in with_pred), len(with_pred)
        ),
        "hedged_agreement": _ratio(sum(g.hedged == p.hedged for g, p in pairs), len(pairs)),
        "misses": [
            {"article": g.article, "start": g.start}
            for g in gold
            if not any(g is m for m, _ in pairs)
        ],
    }


def evaluate() -> dict[str, Any]:
    """Scores over all annotated seeds, and apart for the tuned and held-out ones."""
    gazetteer, _ = load_gazetteer(SEEDS / "entities.csv")
    rows = load_gold()
    names = sorted({r["article"] for r in rows})
    texts, predicted = predict([SEEDS / n for n in names], gazetteer)
    gold = []
    for r in rows:
        start = texts[r["article"]].find(r["quote"])
        if start < 0:
            raise SystemExit(f"gold quote not in {r['article']}: {r['quote'][:40]}")
        gold.append(
            Span(
                r["article"],
                start,
                start + len(r["quote"]),
                r["subject"],
                r["attributed_to"],
                r["predicate"],
                r["hedged"],
            )
        )

    def part(keep: Callable[[str], bool]) -> dict[str, Any]:
        return score(
            [g for g in gold if keep(g.article)],
            [p for p in predicted if keep(p.article)],
            gazetteer,
        )

    return {
        "articles": names,
        "held_out": sorted(HELD_OUT),
        **part(lambda a: True),
        "tuned_on": part(lambda a: a not in HELD_OUT),
        "held_out_scores": part(lambda a: a in HELD_OUT),
    }


def _print(label: str, r: dict[str, Any]) -> None:
    c, s, a = r["claims"], r["subject"], r["attribution"]
    print(f"{label}: gold {r['gold']}, predicted {r['predicted']}, matched {r['matched']}")
    print(
        f"  claims       precision {c['precision']:.3f}  recall {c['recall']:.3f}  F1 {c['f1']:.3f}"
    )
    print(
        f"  subject      accuracy on matched {s['accuracy_on_matched']:.3f}  "
        f"end-to-end recall {s['recall']:.3f}"
    )
    print(
        f"  attribution  accuracy on matched {a['accuracy_on_matched']:.3f}  "
        f"named precision {a['named_precision']:.3f}  named recall {a['named_recall']:.3f}"
    )
    print(
        f"  predicate agreement {r['predicate_agreement']:.3f}  "
        f"hedged agreement {r['hedged_agreement']:.3f}"
    )


def main() -> None:
    t0 = time.perf_counter()
    result = evaluate()
    for r in (result, result["tuned_on"], result["held_out_scores"]):
        r.pop("misses")
    _print(f"all {len(result['articles'])} annotated seeds", result)
    _print("tuned on (000, 001)", result["tuned_on"])
    _print("held out (004)", result["held_out_scores"])
    path = write_result("claims_quality", {**result, "seconds": time.perf_counter() - t0})
    print(f"written {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
