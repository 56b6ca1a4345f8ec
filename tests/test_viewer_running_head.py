"""A viewer copy's running header that is the head's first lines again (``<plan> … Medical Policy`` / ``<title>``
at every page's top, the plan's name maybe written shorter on later pages): the first page's copy is the head's,
the title kept; each later copy goes, also where a page break put it inside a criterion's lead-in."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, run_cli

HERE = FIXTURES / "viewer_running"


def test_a_pair_of_viewer_copies_diffs_to_its_real_changes_only() -> None:
    # old: lines unwrapped, the running header (plan's name shorter) inside criterion 3's lead-in;
    # new: wrapped at 78 columns, the running header at another page break
    result = run_cli("diff", str(HERE / "old.txt"), str(HERE / "new.txt"))
    assert result.returncode == 0, result.stderr
    changes = [line.split()[2].rstrip(":") for line in result.stdout.splitlines() if line.startswith("  update ")]
    assert changes == ["header.effective", "header.review", "Coverage-Criteria.c1.4"], result.stdout
    assert "insert" not in result.stdout and "delete" not in result.stdout and "move" not in result.stdout
    assert "Keystone Family Health" not in result.stdout.split("changes:")[1]


def test_each_copy_keeps_its_title_and_the_plan_as_front_matter() -> None:
    for name in ("old.txt", "new.txt"):
        result = run_cli("parse", str(HERE / name))
        assert result.returncode == 0, result.stderr
        rows = result.stdout.splitlines()
        assert rows[0] == "header.title\ttitle\tContinuous Glucose Monitoring Systems"
        assert "front.p1\tparagraph\tKeystone Family Health Clinical Coverage Guideline" in rows
        assert not any(row.startswith("Coverage-Criteria") and "Keystone" in row for row in rows)
        assert not any(row.split("\t")[1] == "heading" and "Keystone" in row for row in rows)


def test_a_title_written_only_in_the_running_header_is_the_title() -> None:
    result = run_cli("parse", str(HERE / "titled_by_header.txt"))
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()
    assert rows[0] == "header.title\ttitle\tBariatric Surgery"
    assert sum("Cascade Regional Health Plan Medical Policy" in row for row in rows) == 1


def test_one_line_alike_at_a_later_page_top_is_the_text(tmp_path: Path) -> None:
    # must not match: a later page whose first line is the plan's name (a sentence's subject, a heading) but
    # whose next line is not the head's title is no running header: the line is kept
    text = (HERE / "titled_by_header.txt").read_text(encoding="utf-8")
    text = text.replace(
        "Page 1 of 2\nCascade Regional Health Plan Medical Policy\nBariatric Surgery\n",
        "Page 1 of 2\nCascade Regional Health Plan\nreviews this policy every year.\n",
    )
    path = tmp_path / "one_alike.txt"
    path.write_text(text, encoding="utf-8")
    result = run_cli("parse", str(path))
    assert result.returncode == 0, result.stderr
    assert "Coding.p1\tparagraph\tCascade Regional Health Plan reviews this policy every year." in result.stdout
    assert "header.title\ttitle\tBariatric Surgery" in result.stdout
