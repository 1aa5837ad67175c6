from models.contradictions import QuantityFact, find_contradictions
from models.quantities import parse_quantities


def fact(claim_id: str, source: str, text: str, **kw: object) -> QuantityFact:
    (q,) = parse_quantities(text)
    base = dict(
        claim_id=claim_id,
        article_id="a",
        source=source,
        subject_key="microsoft",
        predicate="relocate",
        unit=q.unit,
        surface=q.surface,
        low=q.low,
        high=q.high,
        typical_low=q.typical_low,
        typical_high=q.typical_high,
        approx=q.approx,
    )
    base.update(kw)
    return QuantityFact(**base)


def test_headcount_disagreement_is_flagged_against_every_vaguer_source() -> None:
    facts = [
        fact("wsj", "华尔街日报", "大约七八百名"),
        fact("ifeng", "凤凰网", "数百人"),
        fact("staff", "微软员工", "上百名员工"),
        fact("ms", "微软", "数以百计的员工"),
    ]
    found = find_contradictions(facts)
    pairs = {frozenset((c.claim_a, c.claim_b)) for c in found}
    for other in ("ifeng", "staff", "ms"):
        assert frozenset(("wsj", other)) in pairs
    assert all(c.kind == "discrepancy" for c in found)
    assert all("华尔街日报" in c.explanation for c in found if "wsj" in (c.claim_a, c.claim_b))


def test_disjoint_figures_conflict() -> None:
    (c,) = find_contradictions([fact("a", "A", "15名员工"), fact("b", "B", "400名员工")])
    assert c.kind == "conflict" and c.severity > 0.5


def test_not_compared_same_source_different_subject_measure_or_event() -> None:
    base = fact("a", "A", "15名员工")
    assert find_contradictions([base, fact("b", "A", "400名员工")]) == []
    assert find_contradictions([base, fact("b", "B", "400名员工", subject_key="google")]) == []
    assert find_contradictions([base, fact("b", "B", "400名员工", predicate="employ")]) == []
    assert find_contradictions([base, fact("b", "B", "400名员工", object_keys=["openai"])]) == []


def test_equivalent_figures_are_not_flagged() -> None:
    assert (
        find_contradictions([fact("a", "A", "约7000名工程师"), fact("b", "B", "7000名员工")]) == []
    )
