"""Prompt files as data: prompts/<name>.v<N>.md, identified by name, version and hash.

The prompt_id (e.g. "extract_claims.v1#3f2a9c1e") is stored on every claim and LLM
call, so a changed prompt is visible in the warehouse and re-extracts instead of
reusing cached answers made with the old text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

PROMPT_DIR = Path(__file__).parent
_FILE = re.compile(r"^(?P<name>[a-z_]+)\.v(?P<version>\d+)\.md$")


@dataclass(frozen=True)
class Prompt:
    name: str
    version: int
    text: str

    def sections(self) -> tuple[str, str]:
        """The '# system' and '# user' sections of the prompt file."""
        parts: dict[str, list[str]] = {}
        current: list[str] | None = None
        for line in self.text.splitlines():
            if line.strip() in ("# system", "# user"):
                current = parts.setdefault(line.strip()[2:], [])
            elif current is not None:
                current.append(line)
        if set(parts) != {"system", "user"}:
            raise ValueError("a prompt file needs a '# system' and a '# user' section")
        return "\n".join(parts["system"]).strip(), "\n".join(parts["user"]).strip()

    @property
    def prompt_id(self) -> str:
        digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:8]
        return f"{self.name}.v{self.version}#{digest}"


def load_prompt(name: str, version: int | None = None, directory: Path = PROMPT_DIR) -> Prompt:
    """The prompt `name` at `version`, or its highest version when none is given."""
    versions = {}
    for path in directory.glob(f"{name}.v*.md"):
        m = _FILE.match(path.name)
        if m and m.group("name") == name:
            versions[int(m.group("version"))] = path
    if not versions:
        raise FileNotFoundError(f"no prompt file {name}.v<N>.md in {directory}")
    chosen = max(versions) if version is None else version
    if chosen not in versions:
        raise FileNotFoundError(f"prompt {name} has no version {chosen}: {sorted(versions)}")
    return Prompt(name, chosen, versions[chosen].read_text(encoding="utf-8"))
