"""Get the public benchmark data sets that `make eval` scores, checked against their hashes.

The sets, their origin, licence and files (sha256, size, url) are listed in
benchmarks/datasets.toml. `dataset_dir(name)` gives the folder holding a set, taken from
the first place that has every file with the right sha256 and size:

a. the cache: ``$CROSSCHECK_CACHE_DIR/benchmarks`` if set, else
   ``${XDG_CACHE_HOME:-~/.cache}/crosscheck/benchmarks``; it only ever receives files
   whose hash was checked, and they are checked again when used;
b. a local copy: ``$CROSSCHECK_BENCHMARKS``, else ``../shared/benchmarks`` beside the
   repository (a file that differs from the manifest is reported, not used);
c. a download: each file's ``url`` with ``${CROSSCHECK_BENCHMARKS_URL}`` replaced by that
   variable (a mirror laid out like ../shared/benchmarks: ``<base>/<set>/<file>``),
   fetched with urllib (HTTP(S) only, timeout ``$CROSSCHECK_FETCH_TIMEOUT`` seconds,
   default 30) into a temporary file beside its place in the cache; a file whose sha256 or
   size differs from the manifest is refused and deleted, the others are moved into the
   cache.

There is no default mirror. The files are derived from their upstream repositories (test
tables converted to JSON Lines, pairs derived from gold labels), so no upstream URL serves
these bytes, and this project publishes no mirror of its own; OCNLI (CC BY-NC) may not be
republished by it at all. A placeholder host would only turn "no mirror" into a DNS error
on every fresh clone, so without CROSSCHECK_BENCHMARKS_URL nothing is fetched and the skip
line says so.

A set that cannot be had is skipped: one line, ``skipped <set>: <why>``, is printed each
time a benchmark asks for it, and `SKIPPED` keeps the reasons for the final summary.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import tempfile
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = Path(__file__).resolve().with_name("datasets.toml")
DEFAULT_LOCAL = ROOT.parent / "shared" / "benchmarks"
MIRROR_VAR = "CROSSCHECK_BENCHMARKS_URL"
_MIRROR = "${" + MIRROR_VAR + "}"

# Why each set asked for in this process was skipped, by set name (for the summary).
SKIPPED: dict[str, str] = {}
_memo: dict[tuple[object, ...], tuple[Path | None, str]] = {}


@dataclass(frozen=True)
class DataFile:
    path: str  # relative to the set's folder
    sha256: str
    size: int
    url: str  # may hold ${CROSSCHECK_BENCHMARKS_URL}


@dataclass(frozen=True)
class Dataset:
    name: str  # also its folder, relative to a benchmarks root: quantities/jionlp-testcases
    licence: str
    redistribute: bool
    files: tuple[DataFile, ...]
    origin: tuple[dict[str, Any], ...]


class FetchError(Exception):
    """A download that failed or was refused; the message says why, in a few words."""


def load_manifest(path: Path | None = None) -> dict[str, Dataset]:
    with (path or MANIFEST).open("rb") as f:
        data = tomllib.load(f)
    sets = {}
    for d in data.get("dataset", []):
        files = tuple(
            DataFile(f["path"], f["sha256"].lower(), int(f["size"]), f["url"]) for f in d["file"]
        )
        sets[d["name"]] = Dataset(
            d["name"], d["licence"], bool(d["redistribute"]), files, tuple(d.get("origin", ()))
        )
    return sets


def cache_dir() -> Path:
    if base := os.environ.get("CROSSCHECK_CACHE_DIR"):
        return Path(base).expanduser() / "benchmarks"
    xdg = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(xdg).expanduser() / "crosscheck" / "benchmarks"


def local_copy() -> tuple[Path, str]:
    """The local copy's folder and how to name it in messages."""
    if given := os.environ.get("CROSSCHECK_BENCHMARKS"):
        return Path(given).expanduser(), given
    return DEFAULT_LOCAL, "../shared/benchmarks"


def file_url(f: DataFile) -> str | None:
    """The file's download URL, or None when it needs a mirror and none is configured."""
    if _MIRROR not in f.url:
        return f.url
    base = os.environ.get(MIRROR_VAR, "").strip().rstrip("/")
    return f.url.replace(_MIRROR, base) if base else None


def fetch_timeout() -> float:
    return float(os.environ.get("CROSSCHECK_FETCH_TIMEOUT", "30"))


def dataset_dir(name: str) -> Path | None:
    """The folder holding every file of set `name`, verified; None, after printing one
    line saying why, when the set cannot be had."""
    cache, (local, local_label) = cache_dir(), local_copy()
    key = (MANIFEST, name, cache, local, os.environ.get(MIRROR_VAR), fetch_timeout())
    if key not in _memo:
        ds = load_manifest(MANIFEST)[name]  # an unknown name is a bug: KeyError
        _memo[key] = _resolve(ds, cache, local, local_label)
    folder, why = _memo[key]
    if folder is None:
        SKIPPED[name] = why
        print(f"skipped {name}: {why}", flush=True)
    return folder


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _problem(path: Path, f: DataFile) -> str | None:
    """None when `path` is the manifest's file, else what is wrong with it."""
    if not path.is_file():
        return "missing"
    size = path.stat().st_size
    if size != f.size:
        return f"size {size}, manifest {f.size}"
    got = _digest(path)
    if got != f.sha256:
        return f"sha256 {got[:12]}…, manifest {f.sha256[:12]}…"
    return None


def _resolve(ds: Dataset, cache: Path, local: Path, local_label: str) -> tuple[Path | None, str]:
    # a. the cache
    cached = cache / ds.name
    stale = [(f, p) for f in ds.files if (p := _problem(cached / f.path, f))]
    if not stale:
        return cached, "cache"
    for f, p in stale:
        if p != "missing":
            print(f"cache: {cached / f.path} does not match the manifest ({p}): fetching it again")
            (cached / f.path).unlink()

    # b. the local copy
    here = local / ds.name
    if here.is_dir():
        bad = [(f, p) for f in ds.files if (p := _problem(here / f.path, f))]
        if not bad:
            return here, "local"
        local_why = "; ".join(f"{local_label}/{ds.name}/{f.path}: {p}" for f, p in bad)
    else:
        local_why = f"not in {local_label}"

    # c. download what the cache lacks
    todo = [f for f, _ in stale]
    urls = [(f, file_url(f)) for f in todo]
    if any(u is None for _, u in urls):
        return None, f"{local_why}, and no mirror to fetch from ({MIRROR_VAR} is not set)"
    for f, url in urls:
        assert url is not None
        try:
            _download(url, cached / f.path, f, fetch_timeout())
        except FetchError as e:
            _prune(cached, cache)
            return None, f"{local_why}, and fetch failed: {e}"
    if here.is_dir():  # the local copy was there but wrong: say so once, then use the download
        print(f"{local_why}: using the verified download in {cached}", flush=True)
    size = sum(f.size for f in todo)
    print(f"fetched {ds.name} ({len(todo)} files, {size:,} bytes) into {cached}", flush=True)
    return cached, "fetched"


def _prune(folder: Path, top: Path) -> None:
    """Remove `folder` and its parents up to `top` (excluded) while they are empty."""
    while folder != top and top in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _download(url: str, dest: Path, f: DataFile, timeout: float) -> None:
    """Fetch `url` into `dest` if its bytes are the manifest's; else raise FetchError and
    leave nothing behind."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http(s) URLs are fetched")
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".part")
    tmp = Path(tmp_name)
    try:
        h, n = hashlib.sha256(), 0
        request = urllib.request.Request(url, headers={"User-Agent": "crosscheck-benchmarks"})
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(request, timeout=timeout) as r:
            while chunk := r.read(1 << 16):
                n += len(chunk)
                if n > f.size:
                    raise FetchError(f"refused {url}: more than the manifest's {f.size} bytes")
                h.update(chunk)
                out.write(chunk)
        got = h.hexdigest()
        if n != f.size or got != f.sha256:
            raise FetchError(
                f"refused {url}: sha256 {got[:12]}… ({n} bytes), "
                f"manifest {f.sha256[:12]}… ({f.size} bytes)"
            )
        os.replace(tmp, dest)
    except urllib.error.HTTPError as e:
        raise FetchError(f"{url}: HTTP {e.code} {e.reason}") from e
    except urllib.error.URLError as e:
        reason = e.reason.strerror if isinstance(e.reason, OSError) else e.reason
        raise FetchError(f"{url}: {reason or e.reason}") from e
    except TimeoutError as e:
        raise FetchError(f"{url}: no answer within {timeout:g} s") from e
    except (OSError, http.client.HTTPException) as e:
        raise FetchError(f"{url}: {e}") from e
    finally:
        tmp.unlink(missing_ok=True)
