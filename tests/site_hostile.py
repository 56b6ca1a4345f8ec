"""A policy whose text is written to break a Markdown / HTML site: every known injection, in every kind of place.

Built from the seed: the title, a criterion, a note, a description paragraph (with a setext underline), an
Appendix E row, a dosing row and a revision-log entry carry ``<script>``, ``<img onerror=…>``, a
``javascript:`` link, an attr_list ``{: onclick=…}``, jinja ``{{ }}`` / ``{% %}``, CriticMarkup, table pipes
and a leading ``#``.
"""

from __future__ import annotations

from pathlib import Path

from conftest import SEED

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=2">'
LINK = "[click](javascript:window.__pwned=3)"
ATTR = "{: onclick=window.__pwned=4 }"
JINJA = "{{ 7*7 }} {% if true %}jinja{% endif %}"
CRITIC = "{++inserted++} {--deleted--} ^^caret^^ ~~tilde~~"
PAYLOAD = f"{SCRIPT} {IMG} {LINK} {ATTR} {JINJA} {CRITIC} a | pipe"
MARKERS = ("__pwned", "javascript:", "onerror", "onclick")


def hostile_text() -> str:
    text = SEED.read_text(encoding="utf-8")
    edits = [
        ("Clinical Policy: Sargramostim (Leukine)", f"Clinical Policy: Sargramostim {SCRIPT} (Leukine)"),
        ("1. Diagnosis of AML;", f"1. Diagnosis of AML {PAYLOAD};"),
        ("**Prior authorization may be required for Zarxio*", f"**Prior authorization {IMG} {LINK} for Zarxio*"),
        (
            "is a recombinant human granulocyte-macrophage colony stimulating factor (GM-CSF).",
            f"is a recombinant human granulocyte-macrophage colony stimulating factor (GM-CSF). {PAYLOAD}\n"
            f"# not a heading\n====\n\n# {ATTR} leading hash",
        ),
        ("For Appendix E, added state IN.", f"For Appendix E, added state IN. {PAYLOAD}"),
    ]
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def write_hostile_store(root: Path) -> Path:
    """A store with the seed's last version and a hostile successor (so diff pages carry the payload)."""
    from policyvc.store.ingest import ingest_files

    src = root / "incoming"
    src.mkdir(parents=True)
    before = SEED.parent.parent / "2025-04-14" / "policy.txt"
    (src / "a.txt").write_text(before.read_text(encoding="utf-8"), encoding="utf-8")
    (src / "b.txt").write_text(hostile_text(), encoding="utf-8")
    store = root / "store"
    store.mkdir()
    ingest_files([src / "a.txt", src / "b.txt"], store)
    return store
