"""What the model wrote for a claim, as the fields of an ExtractedClaim: words for
nothing read as null, predicates in the offline extractor's names, figures trimmed."""

from __future__ import annotations

from models.claims import ExtractedClaim, LLMFigure
from models.extract.predicates import canonical_predicate as _canonical_predicate
from prompts.schemas import ClaimOut

# What a model writes for "nothing here" in an optional field (null as a word, 无, N/A…).
NULL_WORDS = frozenset(
    {
        "",
        "null",
        "none",
        "nil",
        "n/a",
        "n.a.",
        "unknown",
        "not specified",
        "unspecified",
        "-",
        "--",
        "—",
        "无",
        "無",
        "没有",
        "沒有",
        "暂无",
        "暫無",
        "未知",
        "不详",
        "不詳",
        "空",
    }
)


def null_like(value: str | None) -> str | None:
    """The value trimmed, or None when it is empty or a word for nothing ("null", "无",
    "N/A"…): a small model fills optional fields with those instead of null."""
    text = (value or "").strip()
    bare = text.strip("\"'“”‘’「」()（）[]【】.。").strip().lower()
    return None if bare in NULL_WORDS else text


def canonical_predicate(predicate: str | None) -> str | None:
    """The offline extractor's predicate names where one fits, in either language (裁员,
    laid off → lay off), so LLM and rules claims block together in comparison; else the
    model's verb, lower-cased (models.extract.predicates.canonical_predicate)."""
    return _canonical_predicate(null_like(predicate))


def to_figures(claim: ClaimOut) -> list[LLMFigure]:
    """The model's figures with text, trimmed; its words kept as given (normalize checks
    them against the quote and the vocabulary)."""
    return [
        LLMFigure(
            text=f.text.strip(),
            measure=null_like(f.measure),
            scope=null_like(f.scope),
            as_of=null_like(f.as_of),
        )
        for f in claim.figures
        if f.text and f.text.strip()
    ]


def to_extracted(claim: ClaimOut) -> ExtractedClaim:
    return ExtractedClaim(
        quote=claim.quote,
        claim_text=claim.claim_text or claim.quote,
        subject=null_like(claim.subject),
        predicate=canonical_predicate(claim.predicate),
        attributed_to=null_like(claim.attributed_to),
        hedged=claim.hedged,
        llm_figures=to_figures(claim),
    )
