"""Contradiction detector quality on public sentence pairs (`make eval`).

Each sentence of a pair is one claim from its own source (two articles), about the
same subject and predicate: the pairing stands in for alignment, so what is scored
is the typed comparison — reading quantities and dates, their scope and role, sets,
and the rules that turn them into a verdict. Nothing is tuned on these sets.

- OCNLI dev (data set contradictions/ocnli, dev.jsonl): labelled
  contradiction / entailment / neutral; rows labelled "-" are dropped. Scored on the
  pairs where both sentences hold a value the detector reads (a quantity or a date),
  and on all labelled pairs.
- CFEVER derived claim pairs (contradictions/cfever, dev_derived_claim_pairs.jsonl): two claims
  citing the same evidence sentence; "one_supported_one_refuted" is likely (not
  surely) contradictory, "both_supported" must be consistent.

Prints, per gold label, how many pairs were flagged, and precision and recall of the
"contradiction" decision (flagged = at least one conflict or discrepancy).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from benchmarks.common import benchmark_sets, write_result
from models.compare.contradictions import Contradiction, compare_claims
from models.compare.facts import ClaimRow

REFERENCE = date(2024, 6, 30)  # publication date for both sides (years of 5月14日)


def _row(claim_id: str, text: str) -> ClaimRow:
    return ClaimRow.from_quote(
        claim_id=claim_id,
        article_id=claim_id,
        source=f"source {claim_id}",
        subject_key="pair",
        predicate="pair",
        quote=text,
        # The pairing says both sentences are about the same event and parties.
        object_keys=["pair"],
        published_at=REFERENCE,
    )


def detect(a: str, b: str) -> tuple[list[Contradiction], bool]:
    """(contradictions, whether both sides hold a value the detector reads)."""
    ra, rb = _row("a", a), _row("b", b)
    has_value = all(r.quantities or r.event_date for r in (ra, rb))
    return compare_claims([ra, rb]).contradictions, has_value


def _score(pairs: Iterable[tuple[str, bool, list[Contradiction]]]) -> dict[str, object]:
    """pairs: (gold label, gold is contradictory, found)."""
    flagged: Counter[str] = Counter()
    total: Counter[str] = Counter()
    aspects: Counter[tuple[str, bool]] = Counter()
    tp = fp = fn = tn = 0
    for label, gold, found in pairs:
        total[label] += 1
        pred = bool(found)
        flagged[label] += pred
        for c in found[:1]:
            aspects[(c.aspect, gold)] += 1
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
        tn += not gold and not pred

    def ratio(x: int, y: int) -> float | None:
        return round(x / y, 3) if y else None

    return {
        "pairs": sum(total.values()),
        "flagged_per_label": {k: f"{flagged[k]}/{total[k]}" for k in sorted(total)},
        "contradiction": {"precision": ratio(tp, tp + fp), "recall": ratio(tp, tp + fn)},
        "no_contradiction": {"precision": ratio(tn, tn + fn), "recall": ratio(tn, tn + fp)},
        "flags_by_aspect": {
            aspect: {"correct": aspects[(aspect, True)], "wrong": aspects[(aspect, False)]}
            for aspect in sorted({a for a, _ in aspects})
        },
    }


def _jsonl(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def ocnli(folder: Path) -> dict[str, object]:
    with_values, everything = [], []
    for r in _jsonl(folder / "dev.jsonl"):
        label = str(r["label"])
        if label == "-":
            continue
        found, has_value = detect(str(r["sentence1"]), str(r["sentence2"]))
        item = (label, label == "contradiction", found)
        everything.append(item)
        if has_value:
            with_values.append(item)
    return {"both_sides_with_values": _score(with_values), "all_labelled": _score(everything)}


def cfever(folder: Path) -> dict[str, object]:
    numeric, everything = [], []
    for r in _jsonl(folder / "dev_derived_claim_pairs.jsonl"):
        label = str(r["derived_relation"])
        found, has_value = detect(str(r["claim_a"]), str(r["claim_b"]))
        item = (label, label == "one_supported_one_refuted", found)
        everything.append(item)
        if has_value:
            numeric.append(item)
    return {"both_sides_with_values": _score(numeric), "all_pairs": _score(everything)}


SETS = {
    "contradictions/ocnli": ("ocnli_dev", ocnli),
    "contradictions/cfever": ("cfever_derived_pairs", cfever),
}


def main() -> list[str]:
    """Score the data sets that can be had; return their names."""
    found, skipped = benchmark_sets(SETS)
    if not found:
        print("no data set to score: no result written")
        return []
    result = {SETS[name][0]: SETS[name][1](folder) for name, folder in found.items()}
    for name, parts in result.items():
        for part, s in parts.items():
            print(f"{name} / {part}: {s['pairs']} pairs")
            print(f"  flagged per gold label: {s['flagged_per_label']}")
            c, n = s["contradiction"], s["no_contradiction"]
            print(f"  contradiction:    precision {c['precision']}  recall {c['recall']}")  # type: ignore[index]
            print(f"  no contradiction: precision {n['precision']}  recall {n['recall']}")  # type: ignore[index]
            print(f"  flags by aspect (correct/wrong): {s['flags_by_aspect']}")
    path = write_result(
        "contradictions_quality", {**result, **({"skipped": skipped} if skipped else {})}
    )
    print(f"written {path}")
    return list(found)


if __name__ == "__main__":
    main()
