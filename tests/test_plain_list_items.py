"""A plain list's items are nodes of their own: the id the outline prints, the label written, the text, the items
written under it (``o`` under ``•``), the span — the same item in the JSON, the outline, the canonical text, the
site, a diff and blame.

The documents are written as published ones are: an LCD's ``Limitations`` list of what is not reasonable and
necessary, a commercial payer's exclusion list with a sub-list under one of its bullets, a related-policies list.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FAMILY, FIXTURES, run_cli

from policyvc.history.blame import blame
from policyvc.history.diff import diff
from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.nodes import Bullet, Bullets, CriteriaSet, MarkerKind, Policy, Section
from policyvc.parser.walk import NodeKind, walk
from policyvc.renderer.outline import render_outline
from policyvc.renderer.site_tree import render_body
from policyvc.renderer.text import render_text
from policyvc.serialize import from_json, to_json

LCD = """\
Local Coverage Determination (LCD)
Transcranial Magnetic Stimulation for Major Depressive Disorder
LCD ID: L34641
Original Effective Date: 10/01/2015

Coverage Indications, Limitations, and/or Medical Necessity
An initial acute course of TMS is considered reasonable and necessary when ALL of the following criteria are met:
1. The patient is 18 years of age or older; and
2. The patient has a confirmed diagnosis of severe major depressive disorder; and
3. TMS is administered by an FDA-cleared device under the supervision of a psychiatrist.

Limitations
The following are considered not reasonable and necessary:
- Maintenance TMS after a completed acute course;
- TMS in patients with psychotic features in the current episode;
- More than 36 sessions in one acute course, including taper.

Related Local Coverage Documents
- Article A57250 Billing and Coding: Transcranial Magnetic Stimulation
"""

EXCLUSIONS = """\
Hypoglossal Nerve Stimulation for Obstructive Sleep Apnea
Policy Number: MP-0412
Effective Date: 04/01/2025

Coverage
Hypoglossal nerve stimulation is considered medically necessary when ALL of the following criteria are met:
• The member is 22 years of age or older
• Apnea-hypopnea index of 15 to 65 events per hour

Exclusions
Hypoglossal nerve stimulation is considered not medically necessary for members with:
• Pregnancy or planned pregnancy within 18 months
• Anatomic findings that compromise the device:
o Complete concentric collapse at the soft palate level
o Fixed upper airway obstruction <tonsils & adenoids>
• Body mass index greater than 40 kg/m2

Policy History
04/01/2025 New policy.
"""


def _lists(policy: Policy) -> list[tuple[str, Bullets]]:
    out: list[tuple[str, Bullets]] = []

    def section(s: Section) -> None:
        for b in s.blocks:
            if isinstance(b, Bullets):
                out.append((s.id, b))
            elif isinstance(b, Section):
                section(b)

    for s in policy.body:
        section(s)
    return out


def _items(items: tuple[Bullet, ...]) -> list[Bullet]:
    return [x for i in items for x in (i, *_items(i.children))]


def test_an_exclusion_list_s_items_are_items_with_the_outline_s_ids() -> None:
    policy = parse_text_report(LCD, "lcd.txt", recover=True).policy
    (limitations,) = [b for sid, b in _lists(policy) if sid.endswith("Limitations")]
    assert [i.text for i in limitations.items] == [
        "Maintenance TMS after a completed acute course;",
        "TMS in patients with psychotic features in the current episode;",
        "More than 36 sessions in one acute course, including taper.",
    ]
    outline = dict(line.split("\t")[::2] for line in render_outline(policy).splitlines())
    for item in limitations.items:
        assert item.marker == "" and item.marker_kind is MarkerKind.BULLET and not item.children
        assert outline[item.id] == item.text  # (the outline's line of that item, by the id the item carries)
    assert [i.span.line for i in limitations.items] == [14, 15, 16]  # (the lines of the user's file)
    # never criteria that approve: a list that says what is not reasonable and necessary stays a list
    assert not any(isinstance(b, CriteriaSet) for s in policy.body if s.id.endswith("Limitations") for b in s.blocks)


def test_the_json_gives_each_item_as_an_object_and_reads_back() -> None:
    policy = parse_text_report(LCD, "lcd.txt", recover=True).policy
    text = to_json(policy)
    data = json.loads(text)
    found = [
        item
        for section in data["body"]
        for block in section["blocks"]
        if "items" in block
        for item in block["items"]
        if item["text"].startswith("Maintenance TMS")
    ]
    (item,) = found
    assert item["id"].endswith("Limitations.b1.1")
    assert (item["marker"], item["marker_kind"], item["children"]) == ("", "bullet", [])
    assert item["span"]["line"] == 14
    assert from_json(text) == policy


def test_the_cli_json_and_outline_name_an_item_alike(tmp_path: Path) -> None:
    src = tmp_path / "lcd.txt"
    src.write_text(LCD, encoding="utf-8")
    tree = json.loads(run_cli("parse", str(src), "--recover", "--format", "json").stdout)
    outline = run_cli("parse", str(src), "--recover").stdout
    ids: list[str] = []

    def section(s: dict[str, list[dict[str, list[dict[str, str]]]]]) -> None:
        for b in s["blocks"]:
            ids.extend(i["id"] for i in b.get("items", ()))
            if "blocks" in b:
                section(b)  # type: ignore[arg-type]

    for s in tree["body"]:
        section(s)
    assert len(ids) == 4
    for node_id in ids:
        assert f"\n{node_id}\tbullet\t" in outline


def test_a_sub_list_under_a_bullet_is_items_under_that_item() -> None:
    policy = parse_text_report(EXCLUSIONS, "hgns.txt", recover=True).policy
    (exclusions,) = [b for sid, b in _lists(policy) if sid == "Exclusions"]
    top = exclusions.items
    assert [i.id for i in top] == ["Exclusions.b1.1", "Exclusions.b1.2", "Exclusions.b1.3"]
    assert top[1].text == "Anatomic findings that compromise the device:"
    assert [(c.id, c.text) for c in top[1].children] == [
        ("Exclusions.b1.2.1", "Complete concentric collapse at the soft palate level"),
        ("Exclusions.b1.2.2", "Fixed upper airway obstruction <tonsils & adenoids>"),
    ]
    # the words of the whole item, as the passes that read a list's wording take them
    assert top[1].line.endswith("soft palate level Fixed upper airway obstruction <tonsils & adenoids>")
    visits = {v.id: v for v in walk(policy)}
    assert visits["Exclusions.b1.2.1"].parent == "Exclusions.b1.2"
    assert visits["Exclusions.b1.2.1"].kind is NodeKind.BULLET


def test_the_canonical_text_writes_a_sub_item_a_level_deeper_and_reads_back() -> None:
    policy = parse_text_report(EXCLUSIONS, "hgns.txt", recover=True).policy
    text = render_text(policy)
    assert (
        "- Anatomic findings that compromise the device:\n"
        "– Complete concentric collapse at the soft palate level\n"
        "– Fixed upper airway obstruction <tonsils & adenoids>\n"
        "- Body mass index greater than 40 kg/m2\n"
    ) in text
    again = parse_text_report(text, "canonical.txt", recover=True).policy
    assert _lists(again) == _lists(policy)  # (ids, labels, texts and nesting; spans are not compared)
    assert render_text(again) == text


def test_the_site_nests_the_sub_list_and_escapes_every_item() -> None:
    body = render_body(parse_text_report(EXCLUSIONS, "hgns.txt", recover=True).policy)
    start = body.index('<ul class="pv-bullets">\n<li id="Exclusions.b1.1">')
    block = body[start : body.index("</ul>\n\n", start) + 5]
    assert block == (
        '<ul class="pv-bullets">\n'
        '<li id="Exclusions.b1.1">Pregnancy or planned pregnancy within 18 months</li>\n'
        '<li id="Exclusions.b1.2">Anatomic findings that compromise the device:\n'
        "<ul>\n"
        '<li id="Exclusions.b1.2.1">Complete concentric collapse at the soft palate level</li>\n'
        '<li id="Exclusions.b1.2.2">Fixed upper airway obstruction &lt;tonsils &amp; adenoids&gt;</li>\n'
        "</ul>\n"
        "</li>\n"
        '<li id="Exclusions.b1.3">Body mass index greater than 40 kg/m2</li>\n'
        "</ul>"
    )


def _revised(text: str) -> str:
    return (
        text.replace("Effective Date: 04/01/2025", "Effective Date: 10/01/2025")
        .replace("o Fixed upper airway obstruction", "o Fixed upper airway or tongue-base obstruction")
        .replace(
            "• Body mass index greater than 40 kg/m2\n",
            "o Tonsil size 3 or 4\n• Body mass index greater than 40 kg/m2\n",
        )
        .replace("• Pregnancy or planned pregnancy within 18 months\n", "")
        .replace("04/01/2025 New policy.\n", "04/01/2025 New policy.\n10/01/2025 Exclusions revised.\n")
    )


def test_a_diff_reports_an_item_added_removed_or_reworded_as_that_item() -> None:
    old = parse_text_report(EXCLUSIONS, "old.txt", recover=True).policy
    new = parse_text_report(_revised(EXCLUSIONS), "new.txt", recover=True).policy
    edits = {(e.kind.value, e.old_id, e.new_id) for e in diff(old, new).edits if e.node is NodeKind.BULLET}
    assert ("delete", "Exclusions.b1.1", None) in edits  # (Pregnancy …)
    assert ("insert", None, "Exclusions.b1.1.3") in edits  # (Tonsil size 3 or 4, under its item)
    assert ("update", "Exclusions.b1.2.2", "Exclusions.b1.1.2") in edits  # (reworded, and one item above it gone)
    reworded = next(e for e in diff(old, new).edits if e.old_id == "Exclusions.b1.2.2")
    assert reworded.new_text == "Fixed upper airway or tongue-base obstruction <tonsils & adenoids>"


def test_blame_names_each_item_by_its_id() -> None:
    import datetime as dt

    old = parse_text_report(EXCLUSIONS, "old.txt", recover=True).policy
    new = parse_text_report(_revised(EXCLUSIONS), "new.txt", recover=True).policy
    report = blame([(dt.date(2025, 4, 1), old), (dt.date(2025, 10, 1), new)])
    lines = {ln.id: ln for ln in report.lines}
    added = lines["Exclusions.b1.1.3"]
    assert added.kind is NodeKind.BULLET and added.introduced.date == dt.date(2025, 10, 1)
    assert added.depth == 1  # (under its item)
    kept = lines["Exclusions.b1.2"]  # (the body mass index item, an item above it gone)
    assert kept.introduced.date == dt.date(2025, 4, 1) and kept.changed == kept.introduced


# every document read here: each list item's id is the walk's, and every walked item carries it
DOCUMENTS = sorted(
    {
        *FAMILY.values(),
        *(
            p
            for folder in ("medical", "payers", "lists", "criteria", "sections", "refusals", "conditions_excluded")
            for p in (FIXTURES / folder).glob("*.txt")
        ),
    }
)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_item_carries_the_id_the_walk_gives_it(path: Path) -> None:
    policy = parse_file_report(path, recover=True).policy
    walked = [v for v in walk(policy) if v.kind is NodeKind.BULLET]
    for v in walked:
        assert isinstance(v.node, Bullet) and v.node.id == v.id
    blocks = [
        *policy.appendices_intro,
        *(b for a in policy.appendices if not a.abbreviations for b in a.blocks),
        *policy.dosing_blocks,
    ]
    items = [i for b in blocks if isinstance(b, Bullets) for i in _items(b.items)]
    items += [i for _, b in _lists(policy) for i in _items(b.items)]
    assert sorted(i.id for i in items) == sorted(v.id for v in walked)
