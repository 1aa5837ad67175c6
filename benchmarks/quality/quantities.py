"""Score models.values.quantities on public numeral and amount test tables.

Sources (data sets quantities/* of benchmarks/datasets.toml; see each folder's README):

- cn2an: Chinese numerals → numbers (`cn2an` rows), and numbers → Chinese (`an2cn`
  rows, read backwards: our reading of the Chinese must give the number).
- chinese2digits: the (Chinese span, number) pairs its extractor returns.
- JioNLP: `parse_money` (one amount → value, currency, accurate / blur / blur+ /
  blur-) and `extract_money` (the money spans of a sentence).
- WeTextProcessing / NeMo: inverse normalization (spoken → written; our reading of the
  spoken form must give the written value) and normalization read backwards.

Values are compared, not strings: 30~40万 and 300000-400000 are the same interval.
Vague words follow our documented convention (models.values.quantities): where an upstream
table reads 几十万 as [100000, 1000000] and we read [200000, 1000000] (几 is 2–9), the
row counts as agreeing *by convention* when our interval lies inside theirs with the
same upper end; those rows are counted and shown separately.

Excluded, with the reason printed beside each:
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.common import benchmark_sets, finish_accuracy_report
from models.values.numerals import AMOUNT_FOLD as _FOLD_TABLE
from models.values.numerals import read_number
from models.values.quantities import parse_quantities
from models.values.units import MONEY

EXCLUDED: dict[str, str] = {
    "cn2an/errors": "strict-mode rejections (一一, 百十一, 10.1万零100) test cn2an's input "
    "validator; a news reader reads what it can and never raises on text",
    "cn2an/transform": "sentence rewriting replaces every numeral, including dates, ordinals "
    "and bare digits that parse_quantities deliberately does not report; the numerals "
    "themselves are scored in the cn2an rows",
    "chinese2digits/quirks": "library conventions, not Chinese: 万三 → 0.0003, 千四五 → "
    "0.045, 300十万 → 30000000, 三零万二零千, .3%万, 四百分之16 → 4.16 (its README says so); "
    "百分之三五 → 35 % reads 三五 digit by digit where Chinese says 'three to five'",
    "jionlp/八到九百亿": "upstream notes the ambiguity and picks 8亿; we read 八到九百亿 as "
    "800亿–900亿 (an order stated on one end applies to both)",
    "jionlp/块": "块 alone is a measure word in news (四五百块GPU芯片); 块钱 and 块…毛 are money",
    "jionlp/duration-units": "durations in 交易日/工作日 (working days) or 夜/晚: not a "
    "calendar unit",
    "zhtn/date,time": "dates are scored in benchmarks/quality/dates.py; clock times are "
    "below the day precision of DateMention",
    "zhtn/non-numeric": "whitelist, word, char, license_plate, train_number, sport, "
    "preprocessor, postprocessor, normalizer_tag_oov: no amount in them",
    "zhtn/normalizer*": "whole-sentence ASR normalization under toolkit options "
    "(enable_standalone_number, enable_0_to_9): bare standalone digits, phone numbers, "
    "clock times and scores, which are not amounts",
    "zhtn/math": "arithmetic expressions (一加二); the two ranges among them are kept",
    "zhtn/phone": "phone, ID and tail numbers (尾号1702, 一八五四四一三九一二一): the issue "
    "lists phone numbers among the things that are not amounts",
    "zhtn/兆": "兆 is 1e6 in mainland usage (兆瓦) and 1e12 in Taiwan; the rows assume 1e12",
}
_C2D_QUIRKS = {"万三", "千四五", "300十万", "三零万二零千", ".3%万", "-.34%", "百四", "20千",
               "四百分之16", "五亿七千万十七百", "百分之三五"}  # fmt: skip
_WRITTEN_CURRENCY = {
    "US$": "USD", "$": "USD", "¥": "CNY", "CNY": "CNY", "€": "EUR", "£": "GBP",
    "₩": "KRW", "₽": "RUB", "TWD": "TWD", "HKD": "HKD", "A$": "AUD", "RM": "MYR", "JPY": "JPY",
}  # fmt: skip
_WRITTEN_UNITS = {"kg": ("kg", 1.0), "g": ("kg", 1e-3), "km": ("m", 1e3), "m": ("m", 1.0),
                  "cm": ("m", 0.01), "mm": ("m", 1e-3), "%": ("percent", 1.0),
                  "ms": ("s", 1e-3), "s": ("s", 1.0), "min": ("s", 60.0),
                  "kwh": ("Wh", 1e3), "km/h": ("m/s", 1000 / 3600), "吨": ("kg", 1e3), "°C": ("degC", 1.0), "m²": ("m2", 1.0)}  # fmt: skip
_AMOUNT = re.compile(
    r"(?:(?P<whole>\d+)又)?(?P<cur>US\$|A\$|HKD|TWD|CNY|RM|[$¥€£₩₽])?(?P<neg>-|负)?"
    r"(?P<a>\d+(?:\.\d+)?(?:[万亿]\d*)*(?:余|多|几)?)(?:(?P<sep>[~-])(?P<b>\d+(?:\.\d+)?(?:[万亿]\d*)*))?"
    r"(?:\s?/\s?(?P<den>\d+))?(?P<unit>km/h|吨|kg|km|cm|mm|ms|min|kwh|m²|°C|%|g|m|s|毛|角|元)?(?![a-zA-Z])"
)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def _reading(text: str) -> tuple[float | None, float | None] | None:
    """Our reading of a whole input: a numeral, else the one amount in it."""
    r = read_number(text.lstrip("第"))
    if r is not None:
        return r
    qs = parse_quantities(text)
    return (qs[0].low, qs[0].high) if len(qs) == 1 else None


class Score:
    """Counts per (source, category): ok, ok by convention, wrong; a few failures kept."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
        self.failures: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.excluded: dict[str, int] = defaultdict(int)

    def add(self, source: str, category: str, verdict: str, detail: str = "") -> None:
        c = self.counts[(source, category)]
        c[{"ok": 0, "convention": 1, "wrong": 2}[verdict]] += 1
        if verdict == "wrong" and len(self.failures[(source, category)]) < 6:
            self.failures[(source, category)].append(detail)

    def exclude(self, key: str) -> None:
        self.excluded[key] += 1


def _interval_verdict(
    ours: tuple[float | None, float | None] | None, lo: float | None, hi: float | None
) -> str:
    if ours is None:
        return "wrong"
    if _close(ours[0], lo) and _close(ours[1], hi):
        return "ok"
    if (
        ours[0] is not None
        and ours[1] is not None
        and lo is not None
        and hi is not None
        and lo <= ours[0] <= ours[1]
        and _close(ours[1], hi)
        and lo < hi
    ):
        return "convention"
    return "wrong"


# --- cn2an, chinese2digits ------------------------------------------------------------


def score_cn2an(folder: Path, s: Score) -> None:
    for r in _rows(folder / "cn2an_cases.jsonl"):
        task, exp = r["task"], r["expected"]
        if task == "cn2an":
            if isinstance(exp, dict):
                s.exclude("cn2an/errors")
                continue
            got = _reading(r["input"])
            cat = f"cn2an {r.get('category') or r['mode']}"
            v = _interval_verdict(got, float(exp), float(exp))
            s.add("cn2an", cat, v, f"{r['input']} → {got}, want {exp}")
        elif task == "an2cn":
            if isinstance(exp, dict):
                s.exclude("cn2an/errors")
                continue
            got = _reading(exp)
            want = float(r["input"])
            if r["mode"] == "rmb":
                want = round(want, 2)  # 人民币 is written to the fen
            s.add("cn2an", f"an2cn {r['mode']} (read back)", _interval_verdict(got, want, want),
                  f"{exp} → {got}, want {want}")  # fmt: skip
        else:
            s.exclude("cn2an/transform")


def score_chinese2digits(folder: Path, s: Score) -> None:
    for r in _rows(folder / "chinese2digits_cases.jsonl"):
        exp = r["expected"]
        for cn, digits in zip(exp["CHNumberStringList"], exp["digitsStringList"], strict=False):
            if cn in _C2D_QUIRKS or "%" in cn:
                s.exclude("chinese2digits/quirks")
                continue
            if "/" in digits:
                num, den = digits.split("/")
                want = float(num) / float(den) * 100  # percentConvert=False: a fraction
                digits = str(want)
            want = float(digits)
            got = _reading(cn)
            if got is None or not _close(got[0], want):
                # 百分之5 → 0.05: our percent unit reads 5.
                qs = parse_quantities(cn)
                if qs and qs[0].unit == "percent" and qs[0].low is not None:
                    got = (qs[0].low / 100, qs[0].high / 100 if qs[0].high is not None else None)
            s.add("chinese2digits", r["test"], _interval_verdict(got, want, want),
                  f"{cn} → {got}, want {want}")  # fmt: skip


# --- JioNLP money ---------------------------------------------------------------------

_JIO_CURRENCY = {"元": "CNY", "港元": "HKD", "美元": "USD", "日元": "JPY", "欧元": "EUR",
                 "新台币": "TWD", "泰铢": "THB", "卢布": "RUB", "韩元": "KRW", "澳元": "AUD"}  # fmt: skip


def score_jionlp_money(folder: Path, s: Score) -> None:
    for r in _rows(folder / "jionlp_cases.jsonl"):
        if r["task"] == "parse_money":
            text, exp = r["input"], r["expected"]
            if text == "八到九百亿泰铢":
                s.exclude("jionlp/八到九百亿")
                continue
            if re.search(r"块(?!钱|\d|[一二三四五六七八九十]毛)", text):
                s.exclude("jionlp/块")
                continue
            cat = f"parse_money {r['category'][:12]}"
            qs = parse_quantities(text)
            if len(qs) != 1:
                s.add("jionlp", cat, "wrong", f"{text} → {[q.surface for q in qs]}")
                continue
            q = qs[0]
            num = exp["num"]
            lo, hi = (float(num[0]), float(num[1])) if isinstance(num, list) else (float(num),) * 2
            d = exp["definition"]
            if d == "blur+":
                v = "ok" if _close(q.low, lo) and q.high is None else "wrong"
            elif d == "blur-":
                v = "ok" if _close(q.high, hi) and (q.low is None or q.low < hi) else "wrong"
            else:
                v = _interval_verdict((q.low, q.high), lo, hi)
                if d == "blur" and lo == hi and v == "ok" and not q.approx:
                    v = "wrong"
            want_cur = _JIO_CURRENCY.get(exp["case"], exp["case"])
            named = any(w in text for w in MONEY if len(w) > 1 or not w.isalpha()) or "元" in text
            if v != "wrong" and (
                q.unit != want_cur if named else q.unit not in (want_cur, "count")
            ):
                v = "wrong"
            s.add("jionlp", cat, v, f"{text} → ({q.low}, {q.high}, {q.unit}), want {num} {d}")
        elif r["task"] == "extract_money":
            text = r["input"]
            want = {tuple(e["offset"]) for e in r["expected"]}
            money = set(MONEY.values())
            got = {(q.start, q.end) for q in parse_quantities(text) if q.unit in money}
            v = "ok" if got == want else "wrong"
            s.add(
                "jionlp",
                "extract_money spans",
                v,
                f"{text[:30]} → {sorted(got)}, want {sorted(want)}",
            )


_DELTA_UNITS = {"year": ("year", 1.0), "month": ("month", 1.0), "day": ("day", 1.0),
                "hour": ("s", 3600.0), "minute": ("s", 60.0), "second": ("s", 1.0)}  # fmt: skip


def score_jionlp_durations(folder: Path, s: Score) -> None:
    """time_delta rows of parse_time (4周, 17个多月, 3~6个月): durations are quantities."""
    for r in _rows(folder / "jionlp_cases.jsonl"):
        if r["task"] != "parse_time" or r["expected"]["type"] != "time_delta":
            continue
        text, exp = r["input"], r["expected"]
        spans = exp["time"] if isinstance(exp["time"], list) else [exp["time"], exp["time"]]
        if any(len(d) != 1 or next(iter(d)) not in _DELTA_UNITS for d in spans):
            s.exclude("jionlp/duration-units")
            continue
        (u_lo, v_lo), (u_hi, v_hi) = (next(iter(d.items())) for d in spans)
        unit, scale = _DELTA_UNITS[u_lo]
        lo, hi = v_lo * scale, v_hi * _DELTA_UNITS[u_hi][1]
        qs = [q for q in parse_quantities(text) if q.unit == unit]
        q = max(qs, key=lambda q: q.end - q.start) if qs else None
        got = (q.low, q.high) if q else None
        v = _interval_verdict(got, lo, hi)
        if v == "wrong" and got and exp["definition"] == "blur" and _close(got[0], lo):
            v = "convention"  # 17个多月: ours 17–18 months, upstream 17
        s.add(
            "jionlp",
            "time_delta (durations)",
            v,
            f"{text} → {got} {q and q.unit}, want {(lo, hi, unit)}",
        )


# --- WeTextProcessing / NeMo ----------------------------------------------------------

_NUMERAL_CATS = {"cardinal", "number", "decimal", "ordinal"}
_AMOUNT_CATS = {"money", "measure", "fraction", "math"}
_NON_NUMERIC = {"whitelist", "word", "char", "license_plate", "train_number", "sport",
                "preprocessor", "postprocessor", "normalizer_tag_oov"}  # fmt: skip


def _written_amounts(text: str) -> list[tuple[float, float, str | None]]:
    """The amounts in a written (normalized) string: (low, high, unit or None)."""
    out = []
    text = re.sub(r"(\d+)块(\d)毛", r"\1.\2元", text.translate(_FOLD_TABLE))
    # Written forms that keep the Chinese fraction syntax: 百分之1, 100分之57, 5又2分之1.
    text = re.sub(r"百分之(\d+(?:\.\d+)?)", r"\1%", text)
    text = re.sub(r"(\d+)分之(\d+)", r"\2/\1", text)
    for m in _AMOUNT.finditer(text):
        a = read_number(m.group("a"))
        if a is None:
            continue
        lo, hi = a  # 100余 is 100–200 in our convention
        if m.group("b"):
            b_text = m.group("b")
            head, b_digits = m.group("a").rstrip("万亿"), b_text.rstrip("万亿")
            if m.group("sep") == "-" and len(b_digits) < len(head):
                # 15-6 and 730-40: the second figure replaces the last digits of the first.
                b_text = head[: len(head) - len(b_digits)] + b_text
            b = read_number(b_text)
            if b is None:
                continue
            hi = b[0]
            tail = re.search(r"[万亿]+$", b_text)
            if tail and not re.search(r"[万亿]", m.group("a")):
                lo = read_number(m.group("a") + tail.group())[0]  # type: ignore[index]
        if m.group("den"):
            lo = hi = lo / float(m.group("den"))
            if m.group("whole"):
                lo = hi = lo + float(m.group("whole"))
            if m.group("neg"):
                lo = hi = -lo
            out.append((lo, hi, "count" if m.group("whole") else "fraction"))
            continue
        if m.group("neg"):
            lo, hi = -hi, -lo
        unit = None
        if m.group("cur"):
            unit = _WRITTEN_CURRENCY[m.group("cur")]
        elif m.group("unit") == "元":
            unit = "CNY"
        elif m.group("unit") in ("毛", "角"):
            unit, lo, hi = "CNY", lo / 10, hi / 10
        elif m.group("unit"):
            unit, scale = _WRITTEN_UNITS[m.group("unit")]
            lo, hi = lo * scale, hi * scale
        out.append((lo, hi, unit))
    return out


def _our_amounts(text: str) -> list[tuple[float | None, float | None, str]]:
    found: list[tuple[float | None, float | None, str]] = []
    whole = read_number(text)
    if whole is not None:
        found.append((whole[0], whole[1], "count"))
    for q in parse_quantities(text):
        found.append((q.low, q.high, q.unit))
        if q.unit == "percent" and q.low is not None and q.high is not None:
            found.append((q.low / 100, q.high / 100, "fraction"))
    return found


def _amounts_verdict(spoken: str, written: str, check_units: bool) -> tuple[str, str]:
    want = _written_amounts(written)
    if not want:
        return "skip", ""
    ours = _our_amounts(spoken)
    verdicts = []
    for lo, hi, unit in want:
        best = "wrong"
        for olo, ohi, ounit in ours:
            v = _interval_verdict((olo, ohi), lo, hi)
            if v != "wrong" and check_units and unit and unit != "fraction" and ounit != unit:
                v = "ok" if unit == "CNY" and ounit == "JPY" else "wrong"  # ¥ is both
            if v == "ok" or (v == "convention" and best == "wrong"):
                best = v
        verdicts.append(best)
    v = "wrong" if "wrong" in verdicts else ("convention" if "convention" in verdicts else "ok")
    return v, f"{spoken[:30]} → {[(o[0], o[1], o[2]) for o in ours][:4]}, want {want[:4]}"


def score_zhtn(folder: Path, s: Score) -> None:
    for r in _rows(folder / "zh_tn_itn_cases.jsonl"):
        cat, direction = r["category"], r["direction"]
        src = "WeTextProcessing" if r["source"].startswith("wenet") else "NeMo"
        if cat in ("date", "time"):
            s.exclude("zhtn/date,time")
            continue
        if cat in _NON_NUMERIC:
            s.exclude("zhtn/non-numeric")
            continue
        if cat.startswith("normalizer"):
            s.exclude("zhtn/normalizer*")
            continue
        spoken, written = (
            (r["input"], r["expected"]) if direction == "itn" else (r["expected"], r["input"])
        )
        if "兆" in spoken:
            s.exclude("zhtn/兆")
            continue
        if cat == "math" and "~" not in written:
            s.exclude("zhtn/math")
            continue
        digit_by_digit = re.search(
            r"[零〇一二三四五六七八九幺洞拐两]{7,}|\d{3,}-\d{4,}", spoken + written
        )
        if digit_by_digit or re.search(r"尾号|拨打|电话|手机|身份证", spoken):
            s.exclude("zhtn/phone")
            continue
        if cat in _NUMERAL_CATS:
            want = _written_amounts(written.lstrip("第"))
            ordinal = re.search(r"第([零〇一二两三四五六七八九十百千万亿幺兩萬億]+)", spoken)
            got = _reading(ordinal.group(1) if ordinal else spoken)
            if len(want) != 1:
                s.exclude("zhtn/non-numeric")
                continue
            v = _interval_verdict(got, want[0][0], want[0][1])
            s.add(src, f"{direction} {cat}", v, f"{spoken} → {got}, want {want[0][:2]}")
        elif cat in _AMOUNT_CATS:
            v, detail = _amounts_verdict(spoken, written, check_units=cat == "money")
            if v == "skip":
                s.exclude("zhtn/non-numeric")
                continue
            s.add(src, f"{direction} {cat}", v, detail)
        else:
            s.exclude("zhtn/non-numeric")


SETS = {
    "quantities/zh-numeral-testcases": (score_cn2an, score_chinese2digits),
    "quantities/jionlp-testcases": (score_jionlp_money, score_jionlp_durations),
    "quantities/zh-text-normalization-testcases": (score_zhtn,),
}


def main() -> list[str]:
    """Score the data sets that can be had; return their names."""
    found, skipped = benchmark_sets(SETS)
    if not found:
        print("no data set to score: no result written")
        return []
    s = Score()
    for name, folder in found.items():
        for score in SETS[name]:
            score(folder, s)
    print(f"{'source':18} {'category':34} {'n':>5} {'ok':>5} {'conv':>5} {'acc':>7}")
    per_source: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    rows = []
    for (src, cat), (ok, conv, wrong) in sorted(s.counts.items()):
        n = ok + conv + wrong
        acc = (ok + conv) / n
        print(f"{src:18} {cat:34} {n:5} {ok:5} {conv:5} {acc:7.1%}")
        rows.append({"source": src, "category": cat, "n": n, "ok": ok, "convention": conv,
                     "accuracy": round(acc, 4)})  # fmt: skip
        t = per_source[src]
        t[0], t[1], t[2] = t[0] + ok, t[1] + conv, t[2] + wrong
    print()
    totals = {}
    for src, (ok, conv, wrong) in sorted(per_source.items()):
        n = ok + conv + wrong
        totals[src] = {"n": n, "ok": ok, "convention": conv, "accuracy": round((ok + conv) / n, 4)}
        print(f"{src:18} {'ALL':34} {n:5} {ok:5} {conv:5} {(ok + conv) / n:7.1%}")
    all_n = sum(sum(v) for v in per_source.values())
    all_ok = sum(v[0] + v[1] for v in per_source.values())
    print(f"{'overall':18} {'':34} {all_n:5} {all_ok:5} {'':5} {all_ok / all_n:7.1%}")
    finish_accuracy_report(
        "quantities", all_n, all_ok, totals, rows, s.excluded, EXCLUDED, s.failures, skipped
    )
    return list(found)


__doc__ = (__doc__ or "") + "\n".join(f"- {k}: {v}" for k, v in EXCLUDED.items()) + "\n"
