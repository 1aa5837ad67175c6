"""Near-duplicate articles (syndicated copies with small edits), by MinHash over
character shingles with LSH banding.

Our own small implementation rather than datasketch: datasketch needs numpy and scipy
and hashes every shingle once per permutation (128 times); one-permutation hashing
(Li, Owen & Zhang 2012) hashes each shingle once and keeps the minimum per bin, which
is all a corpus of news articles needs and keeps 10,000 files fast in pure Python.
Shingles are taken from the folded (simplified) text with punctuation and spaces
removed, so a traditional-script copy of a simplified article is still a copy.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict

SHINGLE = 5
BINS = 128
BANDS = 32  # 4 bins per band: pairs with Jaccard ≥ ~0.5 usually share a band
THRESHOLD = 0.7  # estimated Jaccard at or above which two articles are near-duplicates
_EMPTY = (1 << 64) - 1  # an empty bin: never equal to a filled one
_NOISE = re.compile(r"[\W_]+")


def signature(folded_text: str) -> list[int]:
    """BINS minima of the shingle hashes of `folded_text`, one per hash bin."""
    text = _NOISE.sub("", folded_text.lower())
    sig = [_EMPTY] * BINS
    if not text:
        return sig
    shingles = {text[i : i + SHINGLE] for i in range(max(len(text) - SHINGLE + 1, 1))}
    for s in shingles:
        data = s.encode("utf-8")
        h = (zlib.crc32(data) << 32) | zlib.adler32(data)
        b = h % BINS
        v = h // BINS
        if v < sig[b]:
            sig[b] = v
    return sig


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    filled = [(x, y) for x, y in zip(a, b, strict=True) if x != _EMPTY or y != _EMPTY]
    if not filled:
        return 0.0
    return sum(1 for x, y in filled if x == y) / len(filled)


def near_duplicates(
    signatures: dict[str, list[int]], threshold: float = THRESHOLD
) -> list[tuple[str, str, float]]:
    """(id_a, id_b, similarity), id_a < id_b, for near-duplicate pairs at or above
    `threshold`, found through LSH bands so the cost grows with the corpus, not with
    its square. Within a band bucket only pairs with its smallest member are checked:
    the links connect each group (see `groups`) rather than list every pair, and two
    copies that are both close to each other but not to that member can go unlinked."""
    rows = BINS // BANDS
    buckets: dict[tuple[int, tuple[int, ...]], list[str]] = defaultdict(list)
    for key, sig in signatures.items():
        for band in range(BANDS):
            part = tuple(sig[band * rows : (band + 1) * rows])
            if _EMPTY not in part:
                buckets[(band, part)].append(key)
    # Each bucket links its members to its smallest one (a star, not every pair): the
    # groups come out the same and a bucket of a thousand templated pages stays linear.
    pairs: set[tuple[str, str]] = set()
    for members in buckets.values():
        if len(members) > 1:
            first, *rest = sorted(members)
            pairs.update((first, other) for other in rest)
    out = []
    for a, b in sorted(pairs):
        sim = similarity(signatures[a], signatures[b])
        if sim >= threshold:
            out.append((a, b, round(sim, 3)))
    return out


def groups(ids: list[str], links: list[tuple[str, str, float]]) -> dict[str, str]:
    """Each id's near-duplicate group, named by its smallest member (union-find)."""
    parent = {i: i for i in ids}
    for a, b, _ in links:
        parent.setdefault(a, a)
        parent.setdefault(b, b)

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {i: find(i) for i in parent}
