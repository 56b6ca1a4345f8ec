"""Write a rendered project: only the files whose bytes changed, the ones no longer rendered removed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from policyvc.atomic import write_bytes
from policyvc.site.manifest import MANIFEST, MANIFEST_FORMAT, read_manifest
from policyvc.site.render import Project


@dataclass(frozen=True, slots=True)
class WriteResult:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)


def write_project(out: Path, project: Project) -> WriteResult:
    """Write the files whose bytes differ from what is on disk; remove the ones the last render wrote and this
    one did not (the manifest ``<out>/.policyvc-site`` lists them; nothing else in ``out`` is touched)."""
    files = project.files
    out.mkdir(parents=True, exist_ok=True)
    written, unchanged = [], 0
    for rel, data in files.items():
        path = out / rel
        try:
            same = path.read_bytes() == data
        except OSError:
            same = False
        if same:
            unchanged += 1
            continue
        write_bytes(path, data)
        written.append(rel)
    before = read_manifest(out).get("files", [])
    removed = []
    for rel in before if isinstance(before, list) else []:
        if isinstance(rel, str) and rel not in files and ".." not in Path(rel).parts and not Path(rel).is_absolute():
            (out / rel).unlink(missing_ok=True)
            removed.append(rel)
    manifest = {"format": MANIFEST_FORMAT, "files": list(files), "policies": project.policies}
    text = json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    path = out / MANIFEST
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        write_bytes(path, text.encode("utf-8"))
    for rel in removed:  # drop folders left empty
        parent = (out / rel).parent
        while parent != out and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    return WriteResult(tuple(written), unchanged, tuple(removed))


def digest(files: dict[str, bytes]) -> str:
    """One digest of a whole project (paths and bytes): the stamp a build is compared with."""
    h = hashlib.sha256()
    for rel, data in files.items():
        h.update(rel.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()
