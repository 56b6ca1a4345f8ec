"""A web page's own lines around a copied policy, and what a print adds: the site's head above the policy (skip
link, a government site's banner, menus, breadcrumb) and its footer below it (links, copyright, the publisher's
address) are removed with a note quoting them; a running header naming the publisher and the policy's number is
no text, on the first page either; a table written with bars that a page break cut goes on past the page's
furniture; a code written onto a letter (``E10.43``) is no history date.  And what must stay: an address in a
policy's instructions, a copyright notice with no footer's links, a body's line.  Fixtures in
``tests/fixtures/web_furniture`` (see its README)."""

from __future__ import annotations

from pathlib import Path

from heldout_support import body_tables, body_texts, log_dates

from policyvc.history.diff import diff
from policyvc.parser import parse_file_report, parse_text_report
from policyvc.parser.web_furniture import web_furniture
from policyvc.parser.written_dates import read_date

FIXTURES = Path(__file__).parent / "fixtures" / "web_furniture"


def _all_text(path: Path) -> str:
    report = parse_file_report(path, recover=True)
    return "\n".join(body_texts(report.policy, titles=True))


def test_a_contractor_page_loses_its_skip_link_banner_menus_breadcrumb_and_footer_with_one_note() -> None:
    report = parse_file_report(FIXTURES / "mac_lcd.web.txt", recover=True)
    text = "\n".join(body_texts(report.policy, titles=True))
    for gone in ("Skip to main content", "official website", "MCD Help", "Search Results", "Web Policies", "7500"):
        assert gone not in text
    assert report.policy.header.title == "Peripheral Nerve Blocks for Chronic Pain"
    assert "Small trials report short-term relief lasting weeks after a single injection." in text
    (note,) = [d.message for d in report.diagnostics if "head and footer" in d.message]
    assert "`Skip to main content`" in note and "7500 Security Boulevard" in note


def test_a_plan_page_loses_its_menu_and_footer_but_keeps_the_plan_name_under_them() -> None:
    policy = parse_file_report(FIXTURES / "plan_policy.web.txt", recover=True).policy
    texts = body_texts(policy, titles=True)
    assert "Ridgeline Health Partners" in texts  # (the policy's head under the breadcrumb)
    joined = "\n".join(texts)
    for gone in ("Brokers", "Policies & Procedures", "Harbor View", "97209", "Site Map", "All rights reserved"):
        assert gone not in joined
    assert [d.isoformat() for d in log_dates(policy)] == ["2025-04-01", "2026-04-01"]


def test_the_web_copy_and_the_print_of_one_version_diff_to_nothing() -> None:
    """The print's page header inside the coding table: no row inserted, no paragraph of the row after it."""
    web = parse_file_report(FIXTURES / "plan_policy.web.txt", recover=True).policy
    printed = parse_file_report(FIXTURES / "plan_policy.print.txt", recover=True).policy
    script = diff(web, printed)
    assert [(e.kind.value, e.old_id, e.new_id) for e in script.changes] == []
    (table,) = body_tables(printed)
    assert [r.key for r in table.rows] == ["64561", "64581", "64590", "64595"]


def test_an_address_in_the_text_and_a_notice_without_footer_links_are_kept() -> None:
    text = _all_text(FIXTURES / "mail_to.web.txt")
    assert "Ridgeline Health Partners Appeals Unit, 1200 Harbor View Drive, Portland, OR 97209" in text
    assert "© 2026 Ridgeline Health Partners. All rights reserved." in text


def test_icd_codes_beside_the_log_are_no_history_dates() -> None:
    policy = parse_file_report(FIXTURES / "icd_codes_log.web.txt", recover=True).policy
    assert [d.isoformat() for d in log_dates(policy)] == ["2023-08-01", "2024-08-01", "2025-08-01"]
    icd = [t for t in body_tables(policy) if t.header[0].startswith("ICD")]
    assert [len(t.rows) for t in icd] == [3]
    assert read_date("E10.43") is None and read_date("K31.84") is None
    assert read_date("08.25") is not None and read_date("Revised 10/25") is not None


def test_a_running_header_naming_the_contractor_and_number_is_no_text_on_the_first_page_either() -> None:
    report = parse_file_report(FIXTURES / "contractor_lcd.layout.txt", recover=True)
    texts = body_texts(report.policy, titles=True)
    assert not [t for t in texts if "Cascade Medicare Services \u2013" in t]
    assert report.policy.header.title == "Speech-Language Pathology Services"
    assert "Contractor Name: Cascade Medicare Services, LLC" in texts


def test_a_running_header_that_puts_the_heads_names_together_is_no_text_on_the_first_page_either() -> None:
    """``<plan> Medical Policy <number>`` over ``<plan>`` / ``Medical Policy`` / ``Policy Number: <number>``
    (``-layout``), and ``<plan> Medical Policy <title>`` right above ``<plan>`` (plain ``pdftotext``, where it would
    run into the plan's name): the first page's copy goes as every later page's does; the title stays."""
    for name, plan, title in (
        ("lakeview_header.layout.txt", "Lakeview Health", "Home Infusion of Immune Globulin"),
        ("prairie_header.text.txt", "Prairie Plains Health Plan", "Home Enteral Nutrition"),
    ):
        report = parse_file_report(FIXTURES / name, recover=True)
        texts = body_texts(report.policy, titles=True)
        assert not [t for t in texts if f"{plan} Medical Policy" in t], name
        assert plan in texts and report.policy.header.title == title


def test_a_first_line_repeated_as_a_running_header_stays_the_title_unless_the_head_writes_its_parts() -> None:
    page = "Sleep Studies\nPolicy Number: 12\nEffective Date: 01/01/2026\n\nPolicy\nSleep studies are covered.\n"
    text = f"{page}\nPage 1 of 2\n\fSleep Studies\nMore text here.\n\nPage 2 of 2\n"
    policy = parse_text_report(text, "p.txt", recover=True).policy
    assert policy.header.title == "Sleep Studies"


def test_what_is_not_web_furniture_stays() -> None:
    # a body's bar table at the end: no footer's links (digits, no site's link word)
    rows = ["Policy", "Covered when all are met:", "1. Age 18 or older;", "", "Code | Setting | Limit", "A1 | Home | 4"]
    assert web_furniture(rows) == []
    # a title and its fields with no site's lines above them
    assert web_furniture(["Medical Policy", "Sleep Studies", "Policy Number: 12", "", "Policy", "Text."]) == []
    # an instruction naming an address above the footer's links: the links go, the instruction stays
    tail = ["Policy", "Text.", "Mail requests to: Appeals, 12 Main Street, Springfield, IL 62701", "Privacy | Terms"]
    assert web_furniture(tail) == [3]
    # a breadcrumb set apart by slashes is one only from a site's usual part (``and/or`` titles stay)
    assert web_furniture(["Prior Authorization / Step Therapy / Quantity Limits", "Policy Number: 9", "Text."]) == []


def test_a_coverage_database_footer_written_a_line_a_part_goes_whole_with_the_two_page_breadcrumb() -> None:
    """The site's name above its links, the links, the agency's sentence and its address each on a line; the
    breadcrumb of two pages right under the menu."""
    report = parse_file_report(FIXTURES / "mac_lcd_split_footer.web.txt", recover=True)
    text = "\n".join(body_texts(report.policy, titles=True))
    for gone in ("MCD Search", "Medicare Coverage Database", "Viewers & Players", "federal government", "7500"):
        assert gone not in text
    assert "Related Local Coverage Articles: A58120 - Billing and Coding: Thyroid Testing" in text
    assert report.policy.header.title == "Local Coverage Determination (LCD) Thyroid Testing"
    assert [d.isoformat() for d in log_dates(report.policy)] == ["2019-07-01", "2024-10-01", "2026-02-12"]


def test_a_plan_page_loses_its_download_button_its_link_back_and_the_licensee_sentence() -> None:
    report = parse_file_report(FIXTURES / "blue_plan_licensee.web.txt", recover=True)
    text = "\n".join(body_texts(report.policy, titles=True))
    for gone in ("Download PDF", "Back to Medical Policies", "independent licensee", "Ridge Pike", "Site Map"):
        assert gone not in text
    assert report.policy.header.title == "Home Phototherapy for Psoriasis"
    assert [d.isoformat() for d in log_dates(report.policy)] == ["2024-03-01", "2026-03-01"]


def test_what_looks_like_a_button_or_a_site_name_in_the_body_stays() -> None:
    # a title above a button keeps its place (a button ends no site's lines); a two-page trail needs the site's
    # lines right above it
    head = ["Home | Members | Providers | Search", "Sleep Studies", "Download PDF", "Policy Number: 12", "Text."]
    assert web_furniture(head) == [0, 2]
    assert web_furniture(["Sleep Studies", "Age > 18 years", "Policy Number: 12", "Text."]) == []
    # the policy's last words: a criterion that starts like a link back, a name above no site's links
    tail = ["Policy", "Covered when:", "Return to work within 6 weeks", "Related Policies", "Sleep Studies"]
    assert web_furniture(tail) == []
    tail = ["Policy", "Text.", "", "Sleep Studies", "Policy Number: 12", "Privacy | Terms"]
    assert web_furniture(tail) == [5]


def test_a_policy_whose_head_has_no_site_lines_reads_as_before() -> None:
    text = "Medical Policy\nPolicy Name: Sleep Studies\nPolicy Number: 12\n\nPolicy\nSleep studies are covered.\n"
    report = parse_text_report(text, "p.txt", recover=True)
    assert not [d for d in report.diagnostics if "head and footer" in d.message]


# --- a site's lines as a hard-wrapped copy and a browser's -layout print give them -----------------------

_HEAD_RUN_ON = [
    "12/6/26, 9:26 AM                 Wound Care Supplies | Riverbend Health",
    "",
    "  Riverbend Health",
    "   Skip to Content Find a Provider Pharmacy Member Login Provider Portal",
    "  Home / Providers / Medical Policies / Medicare Advantage",
    "  Medicare Advantage Medical Policy",
    "  Wound Care Supplies",
    "  Policy Number: RB-MA-0101",
    "  Coverage is limited to the items below.",
]
_FOOT_GRID = [
    "  Policy History",
    "  01/01/2025 Policy created.",
    "   © 2026 Riverbend Health           12 Harbor Street,             Notice of                     Privacy",
    "   Care. All rights reserved.        Portland, ME 04101            Nondiscrimination             Practices",
    "",
    "file:///tmp/print/wound.html                                                                   2/2",
]
_FOOT_BARS = [
    "Policy History",
    "01/01/2025 Policy created.",
    "© 2026 Riverbend Health. All rights reserved. | 12 Harbor Street, Portland, ME 04101 | Notice of "
    "Nondiscrimination | Privacy Practices",
]


def test_a_skip_link_with_the_menu_run_onto_it_under_a_print_stamp() -> None:
    assert web_furniture(_HEAD_RUN_ON) == [2, 3, 4]


def test_a_footer_laid_out_in_columns_and_one_with_the_address_among_its_links() -> None:
    assert web_furniture(_FOOT_GRID) == [2, 3]
    assert web_furniture(_FOOT_BARS) == [2]


def test_what_stays_a_policys() -> None:
    # (a menu-like run after a skip link that names no site's part, a table's two rows in columns)
    assert web_furniture(["Skip to content Wound Dressings Alginate Foam", "Wound Care Supplies"]) == []
    rows = ["Code        Description        Limit", "A6196       Alginate dressing  30 per month"]
    assert web_furniture(["Policy History", *rows]) == []


# --- a cookie banner, a page's feedback question and a trail written after "You are here:" ----------------------


def test_a_cookie_banner_with_its_button_on_the_next_line_heads_the_sites_lines() -> None:
    head = [
        "This website uses cookies to ensure you get the best experience. Learn more",
        "Got it!",
        "Lakeshore Health",
        "Members  Providers  Brokers  Employers",
        "Home / Providers / Medical Coverage Guidelines / Home Oxygen",
        "Medical Coverage Guideline: Home Oxygen",
        "Guideline Number: LH-MP-3.01",
    ]
    assert web_furniture(head) == [0, 1, 2, 3, 4]


def test_a_trail_after_you_are_here_is_the_sites() -> None:
    head = [
        "Lakeshore Health",
        "Find a Doctor   Locations   Health Plans   Providers",
        "You are here: Home > For Providers > Medical Policy Manual > Lumbar Spinal Fusion",
        "Lumbar Spinal Fusion",
        "Policy Number: MPM 19.3",
    ]
    assert web_furniture(head) == [0, 1, 2]


def test_a_footer_with_the_pages_feedback_question_and_a_cookie_banner_last() -> None:
    tail = [
        "Policy History",
        "04/01/2019: New policy.",
        "",
        "Was this page helpful?  Yes  No",
        "Lakeshore Health 1100 Circle 75 Parkway, Suite 1100 Atlanta, GA 30339",
        "Privacy Policy | Terms of Use | Non-Discrimination Notice",
        "© 2026 Lakeshore Health. All rights reserved.",
        "We use cookies to improve your experience on our site. By continuing to browse, you agree to our use of "
        "cookies.  Accept  Manage Settings",
    ]
    assert web_furniture(tail) == [3, 4, 5, 6, 7]
    # the banner's buttons on a line of their own below its sentence
    tail = [
        "Policy History",
        "04/01/2019: New policy.",
        "Accessibility | Site Map",
        "We use cookies on this site.",
        "[Accept]",
    ]
    assert web_furniture(tail) == [2, 3, 4]


def test_a_policys_own_sentences_about_continuing_or_helpfulness_stay() -> None:
    tail = [
        "Policy",
        "By continuing therapy beyond 12 months on this site of care, the member agrees to monthly labs.",
        "Was this treatment helpful to the member? Document the response.",
    ]
    assert web_furniture(tail) == []
    assert web_furniture(["Got it!", "Sleep Studies", "Policy Number: 12", "Text."]) == []  # (no banner above)


def test_a_one_page_prints_running_header_that_puts_the_heads_names_together_is_no_text() -> None:
    """``<plan> Medical Policy <title>`` once at a one-page print's top, over ``<plan> Medical Policy`` and the
    title on lines of their own: no later page repeats it, but the head writes both names below — no paragraph,
    never the title; a first line the head does not write again stays the title."""
    text = (
        "Lakeshore Health Medical Policy Cochlear Implants\n\n\nLakeshore Health Medical Policy\n\nCochlear Implants\n"
        "Policy Number: LH-MP-031\n\nEffective Date: 10/01/2023\n\nMedical Necessity Criteria\n"
        "Cochlear implantation is medically necessary when all of the following criteria are met:\n\n"
        "    1. Bilateral severe-to-profound sensorineural hearing loss;\n\n"
        "    2. No contraindication to surgery.\n\n\n\nPage 1 of 1\n"
    )
    report = parse_text_report(text, "p.txt", recover=True)
    assert report.policy.header.title == "Cochlear Implants"
    texts = body_texts(report.policy, titles=True)
    assert "Lakeshore Health Medical Policy Cochlear Implants" not in texts
    assert "Lakeshore Health Medical Policy" in texts
    alone = text.replace("Lakeshore Health Medical Policy Cochlear Implants\n\n\n", "Hearing Devices\n\n\n", 1)
    kept = parse_text_report(alone, "p.txt", recover=True).policy
    assert kept.header.title == "Hearing Devices" or "Hearing Devices" in body_texts(kept, titles=True)


def test_a_coverage_database_page_loses_its_tools_its_page_heading_and_its_notice_on_links() -> None:
    """Under the breadcrumb a bar of the page's tools, the page's heading naming the policy and its identifier, and
    the site's notice about links in PDF files; at the foot the site's name above its sentence about itself."""
    lines = [
        "Skip to main content",
        "CMS.gov",
        "Home | Search | Reports | Downloads | Help",
        "MCD Search > Local Coverage Determination",
        "Print | Share | Sign up for updates",
        "LCD - Epidural Steroid Injections for Pain Management (L39242)",
        "Links in PDF documents are not guaranteed to work. To follow a web link, please copy and paste it into your "
        "browser.",
        "",
        "Local Coverage Determination (LCD): Epidural Steroid Injections for Pain Management",
        "LCD ID: L39242",
        "Revision History Date  Revision History Number  Revision History Explanation",
        "12/05/2021  R1  New LCD.",
        "",
        "Back to Top",
        "Return to MCD Search",
        "CMS.gov",
        "A federal government website managed and paid for by the U.S. Centers for Medicare & Medicaid Services.",
        "7500 Security Boulevard, Baltimore, MD 21244",
        "About CMS | Accessibility | Privacy Policy | FOIA | Contact Us",
    ]
    assert web_furniture(lines) == [0, 1, 2, 3, 4, 5, 6, 13, 14, 15, 16, 17, 18]


def test_a_plan_page_loses_its_search_box_and_a_footer_naming_its_city_and_material_id() -> None:
    head = [
        "Skip to content",
        "Find a Plan | Members | Providers | Brokers",
        "Providers > Resources > Policies",
        "Search lakeshorehealth.com",
        "",
        "Medical Coverage Policy: Hyperbaric Oxygen Therapy",
    ]
    assert web_furniture(head) == [0, 1, 2, 3]
    tail = [
        "Revision History",
        "03/10/2026 Annual review.",
        "",
        "Back to Medical Coverage Policies",
        "Contact Us | Careers | Privacy & Terms",
        "Lakeshore Health · Long Beach, CA",
        "Y0057_LSH_24053_2025_WEB Accepted",
        "© 2026 Lakeshore Health. All rights reserved.",
    ]
    assert web_furniture(tail) == [3, 4, 5, 7]


def test_a_policys_own_lines_like_the_sites_stay() -> None:
    # a criterion naming a city, a title with its number in parentheses under no site's lines, a search sentence
    assert web_furniture(["Policy", "Covered at the center in Rochester, MN", "Text."]) == []
    assert web_furniture(["Sleep Studies (MP-123)", "Policy Number: MP-123", "Text."]) == []
    assert web_furniture(["Policy", "Text.", "Search the member's records for prior therapy."]) == []


def test_a_plan_footer_with_its_name_over_its_address_its_sentence_about_itself_and_a_last_updated_stamp() -> None:
    tail = [
        "Important Reminder",
        "Providers are solely responsible for the medical advice.",
        "",
        "Lakeshore Health",
        "11735 N. Community House Road, Charlotte, NC 28277",
        "Privacy Policy | Terms of Use | Sitemap",
        "© 2026 Lakeshore Health. All rights reserved.",
    ]
    assert web_furniture(tail) == [3, 4, 5, 6]
    tail = [
        "Policy History",
        "03/2025 Policy reviewed.",
        "",
        "Lakeshore Health Plans, Inc. is a Medicaid and Medicare health plan serving Florida.",
        "Privacy Policy | Terms of Use | Language Assistance",
        "© 2026 Lakeshore Health Plans, Inc.",
        "Last updated: 01/07/2026",
    ]
    assert web_furniture(tail) == [3, 4, 5, 6]
    tail = [
        "Policy History",
        "03/2025 Policy reviewed.",
        "Blue Cross of Lakeshore, 445 Industrial Lane, Berlin, VT 05602",
        "An independent licensee of the Blue Cross and Blue Shield Association.",
        "Privacy | Terms of Use",
    ]
    assert web_furniture(tail) == [2, 3, 4]


def test_a_head_with_a_policy_search_box_and_a_sign_in_link() -> None:
    head = [
        "Skip to content",
        "Lakeshore Health",
        "Individuals & Families | Employers | Providers | Brokers",
        "Providers > Resources > Medical Policies > Lumbar Spinal Fusion",
        "Search medical policies",
        "Sign In to iLinkBlue",
        "Medical Policy",
        "Lumbar Spinal Fusion",
        "Policy #: 00352",
    ]
    assert web_furniture(head) == [0, 1, 2, 3, 4, 5]
    # a last-updated line and a plan's sentence about itself with no site's links below: the policy's
    assert (
        web_furniture(["Policy", "Text.", "Lakeshore is a health plan serving Ohio.", "Last updated: 01/07/2026"]) == []
    )


def test_a_footer_closing_on_the_sites_social_media_links_goes_whole() -> None:
    """``Back to top``, the site's links (by runs of spaces and by bars), its copyright notice and its links to
    social-media pages as the last line: all the site's; the policy's closing sentence above stays."""
    tail = [
        "Policy History",
        "01/01/2025\tAnnual review.",
        "",
        "Medical policies are not a guarantee of coverage.",
        "",
        "Back to top",
        "About Us  Careers  Newsroom  Contact Us",
        "Privacy Policy  |  Terms of Use  |  Nondiscrimination Notice",
        "\u00a9 2026 All rights reserved.",
        "Facebook  Twitter  LinkedIn  YouTube",
    ]
    assert web_furniture(tail) == [5, 6, 7, 8, 9]
    assert web_furniture(["Policy", "Text.", "Follow us: Facebook | Instagram"]) == [2]
    # (a network named in a sentence, a criterion naming one, is the policy's)
    assert web_furniture(["Policy", "Text.", "Posts on Facebook or Twitter are not a referral."]) == []


def test_a_two_part_menu_a_menu_button_a_government_footer_and_a_notice_with_links_run_on() -> None:
    # (a head's menu of two site parts, a bare `Menu` button under a breadcrumb; a government site's sentence
    # and address closing the copy, no links; a copyright notice with the links run onto it after its stop)
    head = ["Plan | Hawaii Plan", "For Providers > Medical Policies", "Log in | Search", "", "Coverage Criteria"]
    assert web_furniture([*head, "Text."]) == [0, 1, 2]
    head = ["Home / For Providers / Clinical Policies", "Menu", "", "Policy/Criteria", "Text."]
    assert web_furniture(head) == [0, 1]
    tail = [
        "Policy",
        "Text.",
        "A federal government website managed and paid for by the U.S. Centers for Medicare & Medicaid Services.",
        "7500 Security Boulevard, Baltimore, MD 21244",
    ]
    assert web_furniture(tail) == [2, 3]
    tail = ["Policy", "Text.", "", "Plan is an independent licensee of the Blue Cross and Blue Shield Association.",
            "© 2026 Plan. Privacy | Accessibility"]  # fmt: skip
    assert web_furniture(tail) == [3, 4]
    # a copyright notice with the place the site names after the publisher (no policy's own notice names a town)
    assert web_furniture(["Policy", "Text.", "", "© 2026 Plan, Inc. | Monroe, LA"]) == [3]
    # what stays: two names that are no site's parts, a notice whose last sentence is no link, an address alone
    assert web_furniture(["Sleep Studies | Adults", "Policy Number: 12", "Text."]) == []
    assert web_furniture(["Policy", "Text.", "© 2026 Plan. All rights reserved | Reproduced with consent"]) == []
    assert web_furniture(["Policy", "Text.", "7500 Security Boulevard, Baltimore, MD 21244"]) == []


def test_the_pages_address_printed_between_the_footers_lines_goes_with_them() -> None:
    """A web copy's footer with the page's address on a line of its own between its links and its social-media
    links: all the site's.  A reference's link on its own line right above a footer stays (its reference is
    above it, no footer's line)."""
    tail = [
        "References",
        "1. CMS. Enteral Nutrition.",
        "",
        "\u00a9 2026 Plan Health. All rights reserved.",
        "Privacy Policy | Terms of Use | Accessibility",
        "https://www.planhealth.org/providers/policies/",
        "Follow us: Facebook  Twitter  LinkedIn",
    ]
    assert web_furniture(tail) == [3, 4, 5, 6]
    tail = [
        "References",
        "1. CMS. Enteral Nutrition. Available at:",
        "https://www.cms.gov/medicare-coverage-database/view/lcd.aspx",
        "Privacy Policy | Terms of Use | Accessibility",
    ]
    assert web_furniture(tail) == [3]
    # (a link alone at the end, no footer's links below it: the policy's)
    assert web_furniture(["Policy", "Text.", "https://www.planhealth.org/policies/"]) == []


def test_a_logo_written_in_lower_case_above_the_menu_and_breadcrumb_is_the_sites() -> None:
    """A page whose logo's text is the company's name in lower case (``summit``), its menu and a breadcrumb of
    four pages below it: all the site's; a lower-case word with no site's line below it stays."""
    page = [
        "summit",
        "Solutions   Specialties   Insights   About   Provider Resources",
        "Home > Provider Resources > Clinical Guidelines > Cardiology",
        "",
        "Cardiac Stress Testing",
        "Guideline Number: SUM-CG-101",
        "",
        "Indications",
        "Stress testing is indicated for new chest pain.",
    ]
    assert web_furniture(page) == [0, 1, 2]
    assert web_furniture(["summit", "", "Cardiac Stress Testing", "Guideline Number: 9", "Text."]) == []


def test_a_footer_with_the_plans_telephone_line_goes_whole() -> None:
    """A plan's footer writes its name, address and telephone line between the page's question whether it helped
    and its links: all the site's, up to the question; a telephone number in the body stays."""
    tail = [
        "Revision History",
        "Date\tRevision",
        "03/12/2025\tAnnual review.",
        "",
        "Was this page helpful? Yes No",
        "Bayside Health Plan",
        "100 Harbor Street, Suite 4, Oakland, CA 94607",
        "Member Services: 1-800-555-0142 (TTY 711)",
        "Nondiscrimination Notice | Language Assistance | Privacy Policy",
        "© 2026 Bayside Health Plan. All rights reserved.",
    ]
    assert web_furniture(tail) == [4, 5, 6, 7, 8, 9]
    body = ["Limitations", "Requests are faxed to 1-800-555-0199 with the chart notes.", "Privacy Policy | Terms"]
    assert web_furniture(body) == [2]


def test_the_page_name_its_breadcrumb_ends_with_is_the_sites_under_a_bar_of_spaced_buttons() -> None:
    """``Home > Search > LCD Details`` / ``Print   Share   Email`` / ``Local Coverage Determination (LCD) Details``:
    the buttons set apart by runs of spaces and the page's name written out again are the site's; the document's
    own ``Local Coverage Determination (LCD)`` line under them stays."""
    report = parse_file_report(FIXTURES / "mac_page_name.web.txt", recover=True)
    texts = body_texts(report.policy, titles=True)
    assert not [t for t in texts if "Details" in t or "Print" in t]
    assert "Local Coverage Determination (LCD)" in texts
    assert report.policy.header.title == "Facet Joint Interventions for Pain Management"
    (note,) = [d.message for d in report.diagnostics if "head and footer" in d.message]
    assert "`Local Coverage Determination (LCD) Details`" in note
    lines = ["Home > Search > LCD Details", "Local Coverage Determination (LCD) Policy", "Knee Orthoses", "LCD ID: L1"]
    assert web_furniture(lines) == [0]  # (another name under the breadcrumb stays)
