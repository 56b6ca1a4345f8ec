"""Write a rendered project: only the files whose bytes changed, the ones no longer rendered removed."""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from policyvc.atomic import move_into, sync_all, write_bytes, write_text_if_changed
from policyvc.site.manifest import MANIFEST, MANIFEST_FORMAT, read_manifest
from policyvc.site.render import Project, file_stat


@dataclass(frozen=True, slots=True)
class WriteResult:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)


class ProjectWriter:
    """Writes a project's files into ``out`` as they are rendered (each whose bytes differ from what is on disk),
    so that a big site is never held in memory whole; :meth:`finish` removes what is no longer rendered."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.written: list[str] = []
        self.unchanged = 0
        out.mkdir(parents=True, exist_ok=True)

    def put(self, files: dict[str, bytes], staged: Mapping[str, Path] | None = None) -> None:
        """Write ``files`` (path inside ``out`` → bytes) whose bytes differ from the file there; ``staged``: for
        some of them, a scratch file of ours holding exactly those bytes, renamed into place rather than its
        bytes written again (``build``'s staged pages, removed with their folder anyway)."""
        for rel, data in files.items():
            path = self.out / rel
            try:
                same = path.read_bytes() == data
            except OSError:
                same = False
            if same:
                self.unchanged += 1
                continue
            scratch = staged.get(rel) if staged else None
            if scratch is None or not move_into(path, scratch):
                write_bytes(path, data, sync=False)  # (synced all at once before the manifest: :meth:`finish`)
            self.written.append(rel)

    def kept(self, count: int) -> None:
        """``count`` files found on disk already as they should be (a policy whose pages were not rendered)."""
        self.unchanged += count

    def finish(
        self, files: Iterable[str], policies: dict[str, dict[str, object]], before: list[str] | None = None
    ) -> WriteResult:
        """Remove the files the last render wrote and this one did not (the manifest ``<out>/.policyvc-site`` lists
        them: ``before``, when the render read it already; nothing else in ``out`` is touched) and write the
        manifest of ``files``."""
        out, names = self.out, list(files)
        now = set(names)
        if before is None:  # (read here, and the whole manifest parsed again: the files only are wanted)
            before = read_manifest(out).get("files", [])
        removed = []
        for rel in before if isinstance(before, list) else []:
            if isinstance(rel, str) and rel not in now and ".." not in Path(rel).parts and not Path(rel).is_absolute():
                (out / rel).unlink(missing_ok=True)
                removed.append(rel)
        for entry in policies.values():  # a later render checks an unchanged policy's pages by these, not reading them
            pages = entry.get("files")
            if isinstance(pages, dict):
                entry["stats"] = {rel: file_stat(out / "docs" / rel) for rel in pages}
        manifest = {"format": MANIFEST_FORMAT, "files": names, "policies": policies}
        if self.written:  # the pages reach the disk before the manifest that a later build trusts them by
            sync_all()
        # (``json.dumps``'s text, a piece at a time: with an indent the encoder is Python's own, which made a list
        # of every piece and then the text, and the file there was read whole to compare — all growing with the site)
        encoder = json.JSONEncoder(indent=1, sort_keys=True, ensure_ascii=False)
        write_text_if_changed(out / MANIFEST, itertools.chain(encoder.iterencode(manifest), ["\n"]))
        for rel in removed:  # drop folders left empty
            parent = (out / rel).parent
            while parent != out and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
        return WriteResult(tuple(self.written), self.unchanged, tuple(removed))


def write_project(out: Path, project: Project) -> WriteResult:
    """Write the files whose bytes differ from what is on disk; remove the ones the last render wrote and this
    one did not."""
    writer = ProjectWriter(out)
    writer.put(project.files)
    return writer.finish(project.files, project.policies, project.before)


def digest(hashes: dict[str, str]) -> str:
    """One digest of a whole project (paths and the sha256 of each file's bytes): the stamp a build is compared
    with."""
    h = hashlib.sha256()
    for rel in sorted(hashes):
        h.update(rel.encode("utf-8") + b"\0" + bytes.fromhex(hashes[rel]))
    return h.hexdigest()
