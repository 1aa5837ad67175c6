"""Score models.values.dates on public date test tables, at day precision.

- JioNLP `parse_time`: an expression and a reference time → the span it covers. We
  compare the first and last *day* of our mention with the expected span's days (clock
  times inside a day are below DateMention's precision; the day they fall on is not).
- WeTextProcessing / NeMo date rows: spoken dates (二零零八年八月八日) against their
  written form, and written forms (2008-08-08) read directly; we compare the year,
  month and day the written form states.

Excluded, with the reason printed beside each:
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from benchmarks.common import benchmark_sets, finish_accuracy_report
from models.values.dates import DateMention, parse_dates

EXCLUDED: dict[str, str] = {
    "jionlp/lunar,festival,season": "lunar dates, solar terms, festivals and seasons need a "
    "lunar/holiday calendar; not read (said in models.values.dates)",
    "jionlp/recurring": "time_period rows (每年9月, 每周三) are schedules, not dates",
    "jionlp/duration": "time_delta rows (4周, 17个多月) are durations: scored as quantities",
    "jionlp/clock-only": "a time of day with no day in the text (晚上十一点, 35:37, and clock "
    "times counted from now: 一刻钟后, 前两个钟头, 过去5分钟): below day precision",
    "jionlp/coarse reference": "rows whose reference time is coarser than a day ([2019], "
    "{'year': 2021}) test how JioNLP widens results to the reference's precision; our "
    "reference is always a publication day",
    "jionlp/ret_future": "rows run with the upstream option ret_future=True (resolve 8号 to "
    "the next 8th); news dates resolve within the publication's month and year",
    "zhtn/BC,ad": "years before 1 AD (公元前) are outside Python's date; 2934ad-style "
    "suffixes are not news",
    "zhtn/time": "clock times",
    "jionlp/ordinal from an event": "第三天上午, 第三天起, 第七年 with no year or month before "
    "them: in news these count from an event named elsewhere (被困的第三天, 上任第七年), not "
    "from publication; not read (2023年第十天 is)",
    "bare number": "a bare four-digit number or a two-digit one with 年 and nothing else (2018, "
    "24年, 50年): in running news text these are counts and durations (50年 = fifty years), "
    "so they are read only as part of a date (2018年, 24年3月, 24年底, 2019-2023年; 05年 with "
    "its leading zero is read, and scored)",
    "zhtn/two-digit year first": "12/2/2 and 12.2.3 (year, month, day with a two-digit year): "
    "in news text also version numbers, scores and fractions; only four-digit years are read "
    "first in numeric dates",
    "jionlp/convention difference": "rows where JioNLP's reading disagrees with its own other "
    "rows or is off by a day, each listed in CONVENTIONS with the reason; our reading there "
    "is checked against the listed one instead (a mismatch is a failure)",
}
# JioNLP rows read differently on purpose: input → (our first day, our last day; None for
# an open side), why.
CONVENTIONS: dict[str, tuple[tuple[str | None, str | None], str]] = {
    "上月最后五天": (
        ("2021-05-27", "2021-05-31"),
        "the last five days of May are 27–31; JioNLP's 26–31 is six",
    ),
    "今后10年": (
        ("2021-06-14", "2031-06-13"),
        "ten calendar years from 2021-06-14; JioNLP "
        "counts 365-day years (2031-06-12) though its 未来5年内 ends on 2026-06-13 as we do",
    ),
    "12月9日零时至12月16日24时": (
        ("2021-12-09", "2021-12-16"),
        "16日24时 is the end of the "
        "16th; JioNLP gives the instant 17日00:00, and no time of the 17th is covered",
    ),
    "4个星期之后": (
        ("2021-07-12", None),
        "之后 is open-ended for every unit, as JioNLP reads "
        "20天以后, 半年之后 and 20多个月之后; JioNLP closes this one at the week's end",
    ),
    "几十年之后": (
        ("2041-01-01", None),
        "之后 is open-ended, as JioNLP reads 1000多年之后; JioNLP closes this one at +100 years",
    ),
    "1000多年之后": (
        ("3021-01-01", None),
        "more than 1000 years after 2021 begins in 3021; JioNLP starts at 3020",
    ),
}
_LUNAR = re.compile(
    r"农历|阴历|大年|腊月|正月|初[一二三四五六七八九十]|廿|节|冬至|大寒|小寒|芒种|春|夏|秋|冬|元旦|十一$|七夕|端午|中秋|除夕|寒假|暑假"
)
_DAYISH = re.compile(
    r"[年月日号周星期礼拜季旬天今昨明前后去本上下这当同次世纪代]|\d{4}|\d{1,2}[-/.·]\d"
)


_SUB_DAY = re.compile(r"[早晚]上|[上中下]午|午后|凌晨|傍晚|半夜|夜间|白天|全天|钟头|刻钟|分钟")
_CLOCK = re.compile(r"[\d零一二三四五六七八九十两]+\s*[点时:：]|" + _SUB_DAY.pattern)


def _clock_only(text: str) -> bool:
    """A time of day and nothing coarser: 晚上十一点, 一刻钟后, 前两个钟头, 过去5分钟.
    The 前/后/过去 that place a clock time before or after now are not a day."""
    if not _CLOCK.search(text):
        return not _DAYISH.search(text)
    rest = _SUB_DAY.sub("", text)
    rest = re.sub(r"过去|之前|以前|之后|以后|[前后]", "", rest)
    return not _DAYISH.search(rest)


def _rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _base(tb: Any) -> date | None:
    if not isinstance(tb, dict):
        if isinstance(tb, list) and tb:
            parts = [*tb, 1, 1][:3]
            return date(parts[0], parts[1] or 1, parts[2] or 1)
        return None
    if "local_asia_shanghai" in tb:
        return datetime.fromisoformat(tb["local_asia_shanghai"]).date()
    if "datetime" in tb:
        return datetime.fromisoformat(tb["datetime"]).date()
    if "raw" in tb:
        return (
            _base(tb["raw"])
            if not isinstance(tb["raw"], dict)
            else date(
                tb["raw"].get("year", 2024), tb["raw"].get("month", 1), tb["raw"].get("day", 1)
            )
        )
    if tb.get("now"):
        return date.today()
    return None


def _covered(d: DateMention) -> tuple[date | None, date | None]:
    """First and last day a mention covers; None on an open side (JioNLP's inf)."""
    last = d.end_value or d.value
    if d.open == "after":
        return d.value, None
    if d.open == "before":
        return None, last
    return d.value, last


def _best(mentions: list[DateMention]) -> DateMention | None:
    return max(mentions, key=lambda d: d.end - d.start) if mentions else None


_BARE_NUMBER = re.compile(r"\d{4}|[1-9]\d年")  # 05年 (a leading zero) is read


class Score:
    def __init__(self) -> None:
        self.conventions: list[str] = []
        self.counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        self.failures: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.excluded: dict[str, int] = defaultdict(int)

    def add(self, source: str, category: str, ok: bool, detail: str) -> None:
        c = self.counts[(source, category)]
        c[0 if ok else 1] += 1
        if not ok:
            self.failures[(source, category)].append(detail)


def score_jionlp(folder: Path, s: Score) -> None:
    for r in _rows(folder / "jionlp_cases.jsonl"):
        if r["task"] != "parse_time":
            continue
        text, exp = r["input"], r["expected"]
        if exp["type"] == "time_delta":
            s.excluded["jionlp/duration"] += 1
            continue
        if exp["type"] == "time_period":
            s.excluded["jionlp/recurring"] += 1
            continue
        if _LUNAR.search(text):
            s.excluded["jionlp/lunar,festival,season"] += 1
            continue
        if r.get("kwargs", {}).get("ret_future"):
            s.excluded["jionlp/ret_future"] += 1
            continue
        if (r["category"] or "").startswith("若指定的 time_base"):
            s.excluded["jionlp/coarse reference"] += 1
            continue
        if _clock_only(text):
            s.excluded["jionlp/clock-only"] += 1
            continue
        if re.match(r"第[\d一二三四五六七八九十]+(?:天|年|周|个月)", text):
            s.excluded["jionlp/ordinal from an event"] += 1
            continue
        if _BARE_NUMBER.fullmatch(text):
            s.excluded["bare number"] += 1
            continue
        base = _base(r["time_base"])
        lo_s, hi_s = exp["time"]
        want_lo = None if "inf" in lo_s else datetime.fromisoformat(lo_s).date()
        want_hi = None if "inf" in hi_s else datetime.fromisoformat(hi_s).date()
        d = _best(parse_dates(text, base))
        got = _covered(d) if d else None
        cat = (r["category"] or "other")[:16]
        if text in CONVENTIONS:
            (lo, hi), why = CONVENTIONS[text]
            ours = tuple(date.fromisoformat(x) if x else None for x in (lo, hi))
            if got == ours:
                s.excluded["jionlp/convention difference"] += 1
                s.conventions.append(f"{text}: ours {lo} – {hi or '∞'}; {why}")
                continue
            cat = "convention"
        ok = got == (want_lo, want_hi)
        s.add("jionlp", cat, ok, f"{text} @ {base} → {got}, want {(want_lo, want_hi)}")


_WRITTEN = re.compile(
    r"(?:(?P<y>\d{2,4})年|(?P<ys>\d{2,4})[-/.](?=\d))?(?:(?P<m>\d{1,2})(?:月|[-/.](?=\d)))?"
    r"(?:(?P<d>\d{1,2})[日号]?)?$"
)


def _written_parts(s: str) -> dict[str, int] | None:
    """Year, month and day that a written date states: 2008/08/08, 2005年08/05, 08/08,
    85/02/27, 08-08-2008, 1798年5月30日, 19日."""
    s = s.replace("公元", "")
    m = re.fullmatch(r"(?:(\d+)年)?(\d+)[/.\-](\d+)(?:[/.\-](\d+))?", s)
    if m:
        y0, a, b, c = m.groups()
        nums = [int(a), int(b)] + ([int(c)] if c else [])
        if y0:
            return {"y": int(y0), "m": nums[0], "d": nums[1]}
        if len(nums) == 3:
            if len(c) == 4:
                return {"m": nums[0], "d": nums[1], "y": nums[2]}
            return {"y": nums[0], "m": nums[1], "d": nums[2]}
        if len(a) == 4:
            return {"y": nums[0], "m": nums[1]}
        if len(b) == 4:
            return {"m": nums[0], "y": nums[1]}
        return {"m": nums[0], "d": nums[1]}
    m = re.fullmatch(r"(?:(?P<y>\d+)年)?(?:(?P<m>\d+)月)?(?:(?P<d>\d+)[日号])?", s)
    if not m or not any(m.groupdict().values()):
        return None
    return {k: int(v) for k, v in m.groupdict().items() if v}


def _our_parts(d: DateMention, written: dict[str, int]) -> dict[str, int]:
    """Our year, month and day, for the parts the written form states (a two-digit
    year such as 85/02/27 compares modulo 100)."""
    out = {"y": d.value.year, "m": d.value.month, "d": d.value.day}
    if written.get("y", 1000) < 100:
        out["y"] %= 100
    return {k: v for k, v in out.items() if k in written}


def score_zhtn(folder: Path, s: Score) -> None:
    for r in _rows(folder / "zh_tn_itn_cases.jsonl"):
        if r["category"] == "time":
            s.excluded["zhtn/time"] += 1
            continue
        if r["category"] != "date":
            continue
        spoken, written = (
            (r["input"], r["expected"]) if r["direction"] == "itn" else (r["expected"], r["input"])
        )
        src = "WeTextProcessing" if r["source"].startswith("wenet") else "NeMo"
        if "前" in spoken or re.search(r"[a-z]", written):
            s.excluded["zhtn/BC,ad"] += 1
            continue
        ref = date(2024, 1, 1)
        if r["direction"] == "itn":
            # Several dates in one sentence: compare them in order.
            writtens = re.findall(r"[\d年月日号/.\-]*\d[\d年月日号/.\-]*", written)
            wants = [_written_parts(w.rstrip("/.-")) for w in writtens]
            ours = parse_dates(spoken, ref)
            wants_ok = [w for w in wants if w]
            ok = len(ours) == len(wants_ok) and all(
                _our_parts(d, w) == w for d, w in zip(ours, wants_ok, strict=True)
            )
            got = [(d.surface, str(d.value)) for d in ours]
            s.add(src, "itn date", ok, f"{spoken[:30]} → {got}, want {wants_ok}")
        else:
            want = _written_parts(written.replace("号", "日"))
            if want is None:
                s.excluded["zhtn/BC,ad"] += 1
                continue
            if _BARE_NUMBER.fullmatch(written):  # 50年: the spoken 五零年 is still read
                s.excluded["bare number"] += 1
                spoken_only = True
            else:
                spoken_only = False
            if re.fullmatch(r"\d{2}([/.])\d{1,2}\1\d{1,2}", written):
                s.excluded["zhtn/two-digit year first"] += 1
                spoken_only = True
            ours = parse_dates(spoken, ref)
            d = _best(ours)
            ok = d is not None and _our_parts(d, want) == want
            s.add(src, "tn date (spoken read)", ok, f"{spoken} → {d and d.value}, want {want}")
            if spoken_only:
                continue
            d2 = _best(parse_dates(written, ref))
            ok2 = d2 is not None and _our_parts(d2, want) == want
            s.add(src, "tn date (written read)", ok2, f"{written} → {d2 and d2.value}, want {want}")


SETS = {
    "quantities/jionlp-testcases": score_jionlp,
    "quantities/zh-text-normalization-testcases": score_zhtn,
}


def main() -> list[str]:
    """Score the data sets that can be had; return their names."""
    found, skipped = benchmark_sets(SETS)
    if not found:
        print("no data set to score: no result written")
        return []
    s = Score()
    for name, folder in found.items():
        SETS[name](folder, s)
    print(f"{'source':18} {'category':18} {'n':>5} {'ok':>5} {'acc':>7}")
    per_source: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rows = []
    for (src, cat), (ok, wrong) in sorted(s.counts.items()):
        n = ok + wrong
        print(f"{src:18} {cat:18} {n:5} {ok:5} {ok / n:7.1%}")
        rows.append(
            {"source": src, "category": cat, "n": n, "ok": ok, "accuracy": round(ok / n, 4)}
        )
        per_source[src][0] += ok
        per_source[src][1] += wrong
    print()
    totals = {}
    for src, (ok, wrong) in sorted(per_source.items()):
        totals[src] = {"n": ok + wrong, "ok": ok, "accuracy": round(ok / (ok + wrong), 4)}
        print(f"{src:18} {'ALL':18} {ok + wrong:5} {ok:5} {ok / (ok + wrong):7.1%}")
    n_all = sum(a + b for a, b in per_source.values())
    ok_all = sum(a for a, _ in per_source.values())
    print(f"{'overall':18} {'':18} {n_all:5} {ok_all:5} {ok_all / n_all:7.1%}")
    print("\nread by a documented convention (not scored):")
    for line in s.conventions:
        print(f"  {line}")
    finish_accuracy_report(
        "dates", n_all, ok_all, totals, rows, s.excluded, EXCLUDED, s.failures, skipped
    )
    return list(found)


__doc__ = (__doc__ or "") + "\n".join(f"- {k}: {v}" for k, v in EXCLUDED.items()) + "\n"
