"""What a flow run is called and tagged in the Prefect UI.

A run's name is fixed when it starts, before the flow knows which extractor `auto`
resolves to or which inbox files are new; so flows rename and tag their own run once
they know (one API call). Labelling is cosmetic: a failure is logged, never raised.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from prefect import get_run_logger, runtime
from prefect.client.orchestration import get_client


def describe_paths(paths: Sequence[str], shown: int = 3) -> str:
    """'seeds/' for one folder, 'a.txt' for one file, '12 files: a.txt, b.txt, c.txt…'."""
    if not paths:
        return "nothing"
    folders = [Path(p).is_dir() for p in paths]
    names = [(Path(p).name or p) + ("/" if d else "") for p, d in zip(paths, folders, strict=True)]
    if len(names) == 1:
        return names[0]
    listed = ", ".join(names[:shown]) + ("…" if len(names) > shown else "")
    return f"{len(names)} {'paths' if any(folders) else 'files'}: {listed}"


def extractor_tags(extractor: str, model: str | None) -> list[str]:
    return [f"extractor:{extractor}", f"model:{model or 'none'}"]


def label_current_run(name: str | None = None, add_tags: Iterable[str] = ()) -> None:
    """Rename the current flow run and add tags to it (keeping the tags it has)."""
    flow_run_id = runtime.flow_run.id
    if not flow_run_id:
        return
    tags = list(dict.fromkeys([*runtime.flow_run.tags, *add_tags]))
    try:
        with get_client(sync_client=True) as client:
            client.update_flow_run(flow_run_id, name=name, tags=tags)  # type: ignore[arg-type]
    except Exception as exc:  # the run matters more than its label
        get_run_logger().warning("could not label flow run %s: %s", flow_run_id, exc)
