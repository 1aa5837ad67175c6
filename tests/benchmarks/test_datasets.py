"""benchmarks/datasets.py against a real HTTP server on 127.0.0.1: a verified download
lands in the cache and is used, a wrong one is refused and deleted, an unreachable
mirror skips that set with one line while the others are scored, and a local copy is
used without fetching. Each test writes its own small manifest and data."""

from __future__ import annotations

import hashlib
import http.server
import json
import socket
import sys
import threading
import types
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from benchmarks import common, datasets, runall
from benchmarks.quality import contradictions

OCNLI = "contradictions/ocnli"
CFEVER = "contradictions/cfever"
OCNLI_ROWS = [
    {"sentence1": "2019年该公司营收为30亿元。", "sentence2": "2019年该公司营收为50亿元。",
     "label": "contradiction"},
    {"sentence1": "他在北京住了三年。", "sentence2": "他在北京住过。", "label": "entailment"},
    {"sentence1": "会议很长。", "sentence2": "会议很短。", "label": "-"},
]  # fmt: skip
CFEVER_ROWS = [
    {"claim_a": "芝加哥人口数将近三百万人", "claim_b": "芝加哥人口数为一百万人",
     "derived_relation": "one_supported_one_refuted"},
]  # fmt: skip
DATA = {
    OCNLI: {"dev.jsonl": "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in OCNLI_ROWS)},
    CFEVER: {
        "dev_derived_claim_pairs.jsonl": "".join(
            json.dumps(r, ensure_ascii=False) + "\n" for r in CFEVER_ROWS
        )
    },
}


@dataclass
class Mirror:
    root: Path
    base: str
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[Mirror]:
    """A real HTTP server on 127.0.0.1 serving tmp_path/mirror, recording each request."""
    root = tmp_path / "mirror"
    root.mkdir()
    seen: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]

        def do_GET(self) -> None:
            seen.append(self.path)
            super().do_GET()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Mirror(root, f"http://127.0.0.1:{server.server_address[1]}", seen)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def closed_port() -> int:
    """A 127.0.0.1 port nothing listens on (bound, then closed)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Empty cache, no local copy, no mirror, no proxy, fresh memo; the manifest and the
    results folder live in tmp_path. Returns the cache folder."""
    monkeypatch.setenv("CROSSCHECK_CACHE_DIR", str(tmp_path / "cachehome"))
    monkeypatch.setenv("CROSSCHECK_BENCHMARKS", str(tmp_path / "no-local-copy"))
    monkeypatch.setenv("CROSSCHECK_FETCH_TIMEOUT", "10")
    monkeypatch.delenv("CROSSCHECK_BENCHMARKS_URL", raising=False)
    for var in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                "ALL_PROXY"):  # fmt: skip
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(datasets, "MANIFEST", tmp_path / "datasets.toml")
    monkeypatch.setattr(datasets, "SKIPPED", {})
    monkeypatch.setattr(datasets, "_memo", {})
    monkeypatch.setattr(common, "RESULTS", tmp_path / "results")
    return tmp_path / "cachehome" / "benchmarks"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def write_manifest(path: Path, urls: dict[str, str] | None = None) -> None:
    """The manifest of DATA; urls maps a set name to its URL base (default: the mirror
    variable, as in the real manifest)."""
    lines = []
    for name, files in DATA.items():
        base = (urls or {}).get(name, "${CROSSCHECK_BENCHMARKS_URL}")
        lines += ["[[dataset]]", f'name = "{name}"', 'licence = "test-only"',
                  "redistribute = false", ""]  # fmt: skip
        for rel, text in files.items():
            lines += ["[[dataset.file]]", f'path = "{rel}"', f'sha256 = "{_sha(text)}"',
                      f"size = {len(text.encode())}", f'url = "{base}/{name}/{rel}"', ""]  # fmt: skip
    path.write_text("\n".join(lines), encoding="utf-8")


def put(root: Path, name: str, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / name).mkdir(parents=True, exist_ok=True)
        (root / name / rel).write_text(text, encoding="utf-8")


def skip_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("skipped ")]


def test_verified_download_lands_in_the_cache_and_is_used(
    tmp_path: Path, isolated: Path, mirror: Mirror, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    write_manifest(tmp_path / "datasets.toml")
    put(mirror.root, OCNLI, DATA[OCNLI])
    monkeypatch.setenv("CROSSCHECK_BENCHMARKS_URL", mirror.base + "/")

    folder = datasets.dataset_dir(OCNLI)

    assert folder == isolated / OCNLI
    assert (folder / "dev.jsonl").read_text(encoding="utf-8") == DATA[OCNLI]["dev.jsonl"]
    assert mirror.requests == [f"/{OCNLI}/dev.jsonl"]
    assert sorted(p.name for p in folder.iterdir()) == ["dev.jsonl"]  # no .part left
    assert skip_lines(capsys.readouterr().out) == []

    # A later run takes it from the cache: the mirror is not asked again.
    monkeypatch.setattr(datasets, "_memo", {})
    assert datasets.dataset_dir(OCNLI) == folder
    assert len(mirror.requests) == 1


def test_wrong_bytes_are_refused_and_nothing_is_cached(
    tmp_path: Path, isolated: Path, mirror: Mirror, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    write_manifest(tmp_path / "datasets.toml")
    put(mirror.root, OCNLI, {"dev.jsonl": DATA[OCNLI]["dev.jsonl"].replace("30", "31")})
    monkeypatch.setenv("CROSSCHECK_BENCHMARKS_URL", mirror.base)

    assert datasets.dataset_dir(OCNLI) is None

    assert mirror.requests == [f"/{OCNLI}/dev.jsonl"]
    assert not (isolated / OCNLI).exists()  # refused, deleted, and no empty folder left
    assert [p for p in isolated.rglob("*") if p.is_file()] == []
    (line,) = skip_lines(capsys.readouterr().out)
    assert line.startswith(f"skipped {OCNLI}: not in ")
    assert "refused" in line and "sha256" in line
    assert {OCNLI: line.removeprefix(f"skipped {OCNLI}: ")} == datasets.SKIPPED


def test_unreachable_mirror_skips_that_set_and_the_others_are_scored(
    tmp_path: Path, mirror: Mirror, closed_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    write_manifest(
        tmp_path / "datasets.toml",
        {OCNLI: mirror.base, CFEVER: f"http://127.0.0.1:{closed_port}"},
    )
    put(mirror.root, OCNLI, DATA[OCNLI])

    scored = contradictions.main()

    assert scored == [OCNLI]
    (line,) = skip_lines(capsys.readouterr().out)
    assert line.startswith(f"skipped {CFEVER}: not in ")
    assert "fetch failed" in line and "refused" in line.lower()  # connection refused
    result = json.loads((tmp_path / "results" / "contradictions_quality.json").read_text())
    assert result["ocnli_dev"]["all_labelled"]["pairs"] == 2  # the "-" row is dropped
    assert "cfever_derived_pairs" not in result
    assert result["skipped"] == {CFEVER: datasets.SKIPPED[CFEVER]}


def test_local_copy_is_used_without_fetching(
    tmp_path: Path, isolated: Path, mirror: Mirror, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    write_manifest(tmp_path / "datasets.toml")
    local = tmp_path / "local"
    for name, files in DATA.items():
        put(local, name, files)
    monkeypatch.setenv("CROSSCHECK_BENCHMARKS", str(local))
    monkeypatch.setenv("CROSSCHECK_BENCHMARKS_URL", mirror.base)  # there, but not needed

    assert datasets.dataset_dir(OCNLI) == local / OCNLI
    assert datasets.dataset_dir(CFEVER) == local / CFEVER
    assert mirror.requests == []
    assert not isolated.exists()
    assert skip_lines(capsys.readouterr().out) == []


def test_a_wrong_local_copy_is_reported_and_not_used(
    tmp_path: Path, isolated: Path, mirror: Mirror, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    write_manifest(tmp_path / "datasets.toml")
    local = tmp_path / "local"
    put(local, OCNLI, {"dev.jsonl": "edited\n"})
    put(mirror.root, OCNLI, DATA[OCNLI])
    monkeypatch.setenv("CROSSCHECK_BENCHMARKS", str(local))

    assert datasets.dataset_dir(OCNLI) is None  # no mirror configured
    (line,) = skip_lines(capsys.readouterr().out)
    assert f"{local}/{OCNLI}/dev.jsonl: size 7" in line
    assert "CROSSCHECK_BENCHMARKS_URL is not set" in line

    monkeypatch.setattr(datasets, "_memo", {})
    monkeypatch.setenv("CROSSCHECK_BENCHMARKS_URL", mirror.base)
    assert datasets.dataset_dir(OCNLI) == isolated / OCNLI
    out = capsys.readouterr().out
    assert f"{OCNLI}/dev.jsonl: size 7" in out and "using the verified download" in out


def test_runall_exits_non_zero_only_when_nothing_was_scored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pkg = tmp_path / "fakeq"
    pkg.mkdir()
    (pkg / "a_sets.py").write_text("def main():\n    return []\n")
    package = types.ModuleType("benchmarks.fakeq")
    package.__path__ = [str(pkg)]
    monkeypatch.setitem(sys.modules, "benchmarks.fakeq", package)
    assert runall.main(["fakeq"]) == 1
    assert "nothing scored" in capsys.readouterr().err

    (pkg / "b_in_repo.py").write_text("def main():\n    return None\n")
    assert runall.main(["fakeq"]) == 0
    assert "scored: fakeq/b_in_repo" in capsys.readouterr().out


def test_the_manifest_names_origin_licence_and_hashes() -> None:
    sets = datasets.load_manifest(Path(datasets.__file__).with_name("datasets.toml"))
    assert set(sets) == {
        "quantities/zh-numeral-testcases", "quantities/jionlp-testcases",
        "quantities/zh-text-normalization-testcases", OCNLI, CFEVER,
    }  # fmt: skip
    assert not sets[OCNLI].redistribute  # CC BY-NC: never copied into the repo
    for ds in sets.values():
        assert ds.licence and ds.origin
        assert all(o["repository"].startswith("https://github.com/") for o in ds.origin)
        for f in ds.files:
            assert len(f.sha256) == 64 and f.size > 0
            assert f.url == "${CROSSCHECK_BENCHMARKS_URL}/" + f"{ds.name}/{f.path}"
    # The hashes are those of the local copy beside the repo, where there is one.
    local = datasets.DEFAULT_LOCAL
    if local.is_dir():
        for ds in sets.values():
            for f in ds.files:
                assert datasets._problem(local / ds.name / f.path, f) is None, f.path
