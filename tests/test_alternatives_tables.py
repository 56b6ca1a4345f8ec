"""A family pharmacy policy whose copy opens its appendices at ``Appendix B: …`` (no ``IV. Appendices``
heading), and therapeutic-alternatives tables a PDF viewer's copy wrote one space between cells: read
where the header is made of known column names (a drug, its regimen, its dose limit) and every row splits
by its cells' shapes; anything less stays text."""

from __future__ import annotations

from policyvc.parser import parse_text, parse_text_report
from policyvc.parser.quantity_tables import quantity_table
from policyvc.renderer.outline import render_outline

# (a CP.PMN policy in another drug's words, copied from a viewer: no section IV heading, two appendices)
_FAMILY = """Clinical Policy: Omalizumab (Xolair)
Reference Number: CP.PMN.61
Effective Date: 09.01.19
Last Review Date: 08.25
Line of Business: Commercial, Medicaid
Description
Omalizumab (Xolair®) is an anti-IgE antibody.
FDA Approved Indication(s)
Xolair is indicated for moderate to severe persistent asthma and chronic spontaneous urticaria.
Policy/Criteria
It is the policy of health plans affiliated with Centene Corporation® that Xolair is medically
necessary when the following criteria are met:
I. Initial Approval Criteria
A. Asthma (must meet all):
1. Diagnosis of moderate to severe persistent asthma;
2. Age ≥ 6 years.
Approval duration: 6 months
B. Chronic Spontaneous Urticaria (must meet all):
1. Diagnosis of chronic spontaneous urticaria;
2. Age ≥ 12 years.
Approval duration: 3 months
II. Continued Therapy
A. All Indications in Section I (must meet all):
1. Member is responding positively to therapy.
Approval duration: 12 months
Appendix A: Abbreviation/Acronym Key
IgE: immunoglobulin E
Appendix B: Therapeutic Alternatives
{table}Coding Implications
HCPCS Codes Description
J2357 Injection, omalizumab, 5 mg
Reviews, Revisions, and Approvals Date P&T Approval Date
Policy created. 08.19 09.19
Annual review. 08.25 08.25
"""

_ALTERNATIVES = (
    "Drug Name Dosing Regimen Dose Limit/ Maximum Dose\n"
    "montelukast 10 mg tablet 10 mg PO QD 10 mg/day\n"
    "cetirizine 10 mg tablet 10 mg PO QD Varies\n"
)


def test_appendices_without_their_section_heading_are_read_by_the_family_grammar() -> None:
    policy = parse_text(_FAMILY.format(table=_ALTERNATIVES), "xolair.txt")
    assert [a.letter for a in policy.appendices] == ["A", "B"]
    assert policy.appendices[1].title == "Therapeutic Alternatives"
    assert policy.appendices_intro == ()
    alternatives = policy.appendices[1].alternatives
    assert [a.drug for a in alternatives] == ["montelukast 10 mg tablet", "cetirizine 10 mg tablet"]
    assert [" ".join(a.maximum) for a in alternatives] == ["10 mg/day", "Varies"]


def test_a_drug_its_regimen_and_its_limit_in_another_wording() -> None:
    # (a brand and a weight-based dose; the header's names written without the wrap's space)
    lines = [
        "Appendix B: Therapeutic Alternatives",
        "Drug Name Dosing Regimen Maximum Dose",
        "Trexall 2.5 mg tablet 15 mg PO once weekly 30 mg/week",
        "cyclosporine 2.5 mg/kg/day PO divided BID 4 mg/kg/day",
        "Appendix C: Contraindications",
    ]
    table = quantity_table(lines, 1)
    assert table is not None
    assert table.names == ("Drug Name", "Dosing Regimen", "Maximum Dose")
    assert [row for _, row in table.rows] == [
        ("Trexall 2.5 mg tablet", "15 mg PO once weekly", "30 mg/week"),
        ("cyclosporine", "2.5 mg/kg/day PO divided BID", "4 mg/kg/day"),
    ]


def test_what_does_not_split_by_its_shapes_stays_text() -> None:
    header = "Drug Name Dosing Regimen Dose Limit/Maximum Dose"
    # (a regimen in lower case: where the drug's cell ends is a guess)
    assert quantity_table([header, "tacrolimus 0.1% ointment apply topically BID Varies"], 0) is None
    # (prose under the header, and a row that ends in no dose limit)
    assert quantity_table([header, "See the package insert for dosing."], 0) is None
    assert quantity_table([header, "tacrolimus 0.1% ointment Apply topically BID as needed"], 0) is None
    # (a header inside a sentence that runs on into it)
    assert quantity_table(["members who tried the", header, "tacrolimus 0.1% ointment Apply BID Varies"], 1) is None
    # (other column names: no shape known for them)
    assert quantity_table(["Drug Name Indication Notes", "tacrolimus 0.1% ointment Eczema Varies"], 0) is None


def test_an_unread_table_keeps_its_text_in_the_family_policy() -> None:
    text = _FAMILY.format(table="Drug Name Dosing Regimen Dose Limit/Maximum Dose\nSee the package insert.\n")
    outline = render_outline(parse_text_report(text, "xolair.txt", recover=True).policy)
    assert "See the package insert." in outline
    assert "\talternative\t" not in outline


# (a plan's own policy read by its outline: its appendices named by letter and number)
_GENERIC = """Harbor Valley Health Plan
Policy Name: Dupilumab Prior Authorization
Policy Number: RX-3307
Effective Date: 03/01/2026
Background
Dupilumab is an interleukin-4 receptor alpha antagonist.
Criteria
Dupilumab is approved when all of the following are met:
1. Diagnosis of moderate to severe atopic dermatitis;
2. Failure of a topical corticosteroid.
{appendix}
Drug Name Dosing Regimen Maximum Dose
triamcinolone 0.1% cream Apply topically BID Varies
References
1. Dupixent [package insert]. Tarrytown, NY: Regeneron; 2025.
"""


def test_an_appendix_named_by_its_letter_or_number_is_a_heading_in_the_outline() -> None:
    for appendix in ("Appendix C: Therapeutic Alternatives", "Attachment 2: Formulary Alternatives"):
        text = _GENERIC.format(appendix=appendix)
        outline = render_outline(parse_text_report(text, "rx.txt", recover=True).policy)
        assert f"\theading\t{appendix}" in outline
        assert "\ttable\tDrug Name | Dosing Regimen | Maximum Dose" in outline
        assert "\trow\ttriamcinolone 0.1% cream | Apply topically BID | Varies" in outline


def test_an_appendix_named_in_a_sentence_is_no_heading() -> None:
    # (what follows the colon is no title: a sentence that points to the appendix)
    for line in ("Appendix B: see the table below for alternatives.", "Appendix B: refer to the formulary"):
        outline = render_outline(parse_text_report(_GENERIC.format(appendix=line), "rx.txt", recover=True).policy)
        assert f"\theading\t{line}" not in outline
        assert line in outline


def test_a_regimen_offering_doses_and_limits_over_a_counted_period() -> None:
    # (blind set 16's shape in other drugs' words: a regimen that offers two doses joined by ``or``/``to``,
    # a brand with its generic in brackets, and dose limits over a counted period: ``3 months``, ``24 hours``)
    lines = [
        "Appendix D: Dosage and Administration",
        "Drug Name Dosing Regimen Maximum Dose",
        "Emgality (galcanezumab-gnlm) 120 mg or 240 mg SC once monthly 240 mg/month",
        "Vyepti (eptinezumab-jjmr) 100 mg to 300 mg IV every 3 months 300 mg/3 months",
        "Ubrelvy TAB (ubrogepant) 50 mg PO once as needed 200 mg/24 hours",
        "Coding Implications",
    ]
    table = quantity_table(lines, 1)
    assert table is not None
    assert [row for _, row in table.rows] == [
        ("Emgality (galcanezumab-gnlm)", "120 mg or 240 mg SC once monthly", "240 mg/month"),
        ("Vyepti (eptinezumab-jjmr)", "100 mg to 300 mg IV every 3 months", "300 mg/3 months"),
        ("Ubrelvy TAB (ubrogepant)", "50 mg PO once as needed", "200 mg/24 hours"),
    ]


def test_a_dosing_table_of_another_family_with_doses_offered_and_periods_counted() -> None:
    # (an indication-less dosing appendix of another payer's wording: drugs in lower case, ``and`` between doses)
    lines = [
        "Medication Regimen Max Dose",
        "sumatriptan 25 mg and 50 mg PO at onset 200 mg/24 hours",
        "Reyvow (lasmiditan) 50 mg PO once as needed 200 mg/day",
    ]
    table = quantity_table(lines, 0)
    assert table is not None
    assert [row for _, row in table.rows] == [
        ("sumatriptan", "25 mg and 50 mg PO at onset", "200 mg/24 hours"),
        ("Reyvow (lasmiditan)", "50 mg PO once as needed", "200 mg/day"),
    ]


def test_what_the_wider_shapes_must_not_read() -> None:
    header = "Drug Name Dosing Regimen Maximum Dose"
    # (a strength's form is still the drug's: ``0.1% cream`` never starts a regimen)
    table = quantity_table([header, "triamcinolone 0.1% cream Apply topically BID Varies"], 0)
    assert table is not None and table.rows[0][1][0] == "triamcinolone 0.1% cream"
    # (a limit over a period of words no unit of time: the row ends in no dose limit, the table is text)
    assert quantity_table([header, "Nurtec ODT (rimegepant) 75 mg PO once as needed 75 mg/3 attacks"], 0) is None
    # (a row whose drug and regimen can be cut two ways stays text: which words are which cell is a guess)
    assert quantity_table([header, "Zavzpret Nasal Spray Apply 10 mg once 10 mg/day"], 0) is None
