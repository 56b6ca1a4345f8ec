"""A web page's own lines around a policy copied from it: the site's head above the policy and its footer below.

A copy of a policy's web page starts with what the site puts above every page and ends with what it puts below
it; neither is the policy's, and a site changes both between two copies of one version (so a diff would report
them as inserted and deleted paragraphs).  Only the copy's two ends are looked at, never a line inside the body:

* the **head**: from the first line down, a run of the site's lines — a skip link (``Skip to main content``), a
  government site's banner (``An official website of the United States government``), a menu of the site's parts
  (``Home | Members | Employers | Providers``, ``Search  |  Reports  |  Contact Us``: three parts or more, one of
  them a site's usual part), a breadcrumb (``Home > Providers > Clinical Policies > <title>``; set apart by
  ``/`` only when it starts at a site's usual part: ``Providers / Medical Policies``; after ``You are here:`` too),
  a cookie banner's sentence in the site's voice (``This website uses cookies …``, its buttons on it or on the
  line below: ``Got it!``), a bar of the page's tools (``Print | Share | Sign up for updates``), its search box
  (``Search <site>.com``), the site's notice about its links (``Links in PDF documents are not guaranteed to
  work. …``) — and, between them, the
  site's name (its logo's word in lower case too: ``evolent``) and its menu's entries one a line (short names: no colon,
  no sentence's stop), a pair of names
  set apart by a bar (``CMS.gov | Medicare Coverage Database``) and a page's buttons (``Print this page``).  The
  head ends at its last skip link, banner, menu or breadcrumb: names below it (the plan's name, the title) stay,
  a button among them (``Download PDF``) goes; a breadcrumb of two pages is one from a site's usual part, or
  right under the site's lines (``MCD Search > Local Coverage Determination (LCD) Details`` under the menu); the
  name of the site's page about the document its breadcrumb ends with (``Details``, ``Page``), written again below
  it with an abbreviation written out before it in parentheses (``Home > Search > LCD Details`` / ``Local Coverage
  Determination (LCD) Details``), is the site's too — the crumb's own words below it may be the policy's title;
* the **footer**: from the last line up, a run of the site's links set apart by bars (``Privacy | Terms of Use |
  Language Assistance``, one of them a footer's usual link; its copyright notice after them or before them: ``Terms
  of Use | © 2026 <plan>``), its copyright notice (``© 2025 <plan>. All rights reserved.``), a place it names after
  the publisher (``<plan> · Eden Prairie, MN``), the publisher's postal address (``<plan>, 625 State Street,
  Schenectady, NY 12305``, wrapped or not, or after the sentence a government site writes: ``A federal government
  website managed … 7500 Security Boulevard, Baltimore, MD 21244``, the sentence and the address on lines of their
  own too), the site's sentence about itself (``… is an independent licensee of the Blue Cross and Blue Shield
  Association.``), its name right above its links (``Medicare Coverage Database``), a link back to its list (``Back
  to Medical Policies``, one of the links), its telephone line (``Member Services: 1-877-661-6230 (TTY 711)``), its
  links to its social-media pages (``Facebook  Twitter  LinkedIn  YouTube``), a site's stamp of its page's last update
  (``Last updated 01/07/2026``, ``Public Versions: Updated On 12/11/2025``), the page's question whether it helped
  (``Was this page helpful?  Yes  No``), a cookie banner (its sentence, its buttons) and the page's address alone on a
  line right under another of these — gone only when the run holds the links: a copyright notice or an address alone
  at a policy's end is kept (a policy may close on its own notice).

What must not go: a line of the body; a sentence; an address in a policy's instructions (``Mail requests to:
…``, or a line saying to send, mail or fax); a table's last row (its cells hold digits or are no site's links);
a heading or title under the site's lines.
"""

from __future__ import annotations

import re

from policyvc.lazy_re import lazy
from policyvc.parser.furniture import copyright_notice, material_id, page_stamp, printed_by_browser
from policyvc.parser.page_numbers import page_number_line

__all__ = ["web_furniture"]

_HEAD = 15  # the lines of the head (not blank) where a site's lines stand
_FOOT = 10  # the lines of the footer (not blank)
_SKIP = lazy(r"^skip\s+(?:to|navigation)\b(?:\s+(?:the\s+)?(?:main\s+)?(?:content|navigation|search|menu))?$", re.I)
# a skip link a copy ran the site's menu onto, its entries one space apart (``Skip to Content Find a Provider
# Pharmacy Member Login``): capitalised words and a few short ones, no digit, no stop
_SKIP_LEAD = lazy(
    r"^skip\s+to\s+(?:the\s+)?(?:main\s+)?content\s+(?P<menu>(?:(?:[A-Z][\w'’&-]*|a|an|the|of|to|and|&)\s*){1,14})$",
    re.I,
)
_BANNER = lazy(
    r"^(?:an\s+official\s+website\s+of\s+the\s+(?:united\s+states|u\.s\.)\s+government|here'?s\s+how\s+you\s+know)$",
    re.I,
)
# the parts a site's menu names (one of them makes a line of short names a menu, not a table's header)
_SITE_PART = lazy(
    r"^(?:home|members?|providers?|prescribers?|pharmacies|pharmacists?|pharmacy|employers?|brokers?|agents?"
    r"|plan\s+sponsors?|search|log\s?in|sign\s+in|register|contact(?:\s+us)?|find\s+a\s+(?:doctor|provider|pharmacy)"
    r"|shop\s+plans?|about(?:\s+us)?|help|reports|downloads|news(?:room)?|careers|resources|for\s+\w+)$",
    re.I,
)
# the links a site's footer holds (one of them makes a line of short names set apart by bars its footer)
_FOOT_LINK = lazy(
    r"\b(?:privacy|terms|accessibility|site\s?map|contact(?:\s+us)?|non-?\s?discrimination|nondiscrimination"
    r"|language\s+assistance|disclaimers?|legal|web\s+policies|cookies?|careers|foia|feedback)\b",
    re.I,
)
_BARS = lazy(r"\s*[|\u00b7\u2022]\s*|\s{2,}")
_GAP = lazy(r"\s{2,}")
_CRUMBS = lazy(r"\s+[>\u00bb\u203a]\s+")
_SLASHES = lazy(r"\s+/\s+")
_NAME = lazy(r"^[A-Z0-9][\w'’&.,()/-]*(?:\s+[\w'’&.,()/-]+){0,8}$")  # a short name: no colon, nine words at most
_STOP = lazy(r"[.;:!?]$")
_ABBREVIATION = lazy(r"\b(?:Inc|Co|Corp|Ltd|LLC|L\.L\.C|U\.S|St)\.$")
_STREET = (
    r"\b\d{1,6}\s+(?:[A-Z][\w.'-]*\s+){1,4}(?:Street|St|Avenue|Ave|Boulevard|Blvd|Drive|Dr|Road|Rd|Lane|Ln|Way"
    r"|Plaza(?:\s+(?:East|West|North|South))?|Parkway|Pkwy|Court|Ct|Place|Pl|Circle|Highway|Hwy|Square|Center"
    r"|Centre|Terrace|Trail|Pike)\b\.?|\bP\.?\s?O\.?\s+Box\s+\d+"
)
_ADDRESS = lazy(rf"{_STREET}|\b[A-Z]{{2}}\s+\d{{5}}(?:-\d{{4}})?\.?\s*$")
_INSTRUCTION = lazy(r":|\b(?:mail|send|sent|submit|write|fax|return|forward|address(?:ed)?|attn|attention)\b", re.I)
_ADDRESS_LINE = 200  # characters: a footer's address line is short
# the site's sentence about itself in its footer: who runs it (a government site) or whose licensee the plan is
# (a government site's, in its own voice: ``A federal government website managed and paid for by …``, which no
# policy writes — the site's for sure)
_GOVERNMENT_SITE = (
    r"^an?\s+(?:official|federal|state|\w+\s+government)\s+(?:government\s+)?web\s?site\b"
    r"|\bweb\s?site\s+(?:is\s+)?(?:managed|operated|maintained|owned|run)\s+(?:and\s+paid\s+for\s+)?by\b"
)
_GOVERNMENT_SENTENCE = lazy(_GOVERNMENT_SITE, re.I)
_SITE_SENTENCE = lazy(
    rf"{_GOVERNMENT_SITE}"
    r"|(?:\b(?:is|are)\s+|^)(?:an?\s+)?independent\s+licensees?\s+of\s+the\s+Blue\s+(?:Cross|Shield)\b"
    # (who the plan is: ``<plan>, Inc. is a Medicaid and Medicare health plan serving Florida.``)
    r"|\b(?:is|are)\s+an?\s+(?:[\w&-]+\s+){0,6}(?:health\s+(?:plan|insurer|maintenance\s+organization)"
    r"|managed\s+care\s+(?:plan|organization)|insurance\s+company)s?(?:\s+(?:serving|in|of|for|offering)\b[^.]*)?\.?$",
    re.I,
)
# a page's one button or link back to the site's list, alone on its line (``Download PDF``, ``Print this page``,
# ``Back to Medical Policies``): the site's for sure, but it says nothing of where the site's lines end
_BUTTON = lazy(
    r"^(?:download|print|view|save|e-?mail|share)(?:\s+(?:this\s+)?(?:pdf|page|policy|document|version))?$"
    r"|^(?:(?:main|site|open|close|toggle)\s+)?(?:menu|navigation)$"  # (a menu's button, ``Menu``)
    r"|^(?:[<\u2039\u00ab\u2190]\s*)?(?:back|return)\s+to\s+(?:the\s+)?(?:[A-Za-z][\w'’&-]*\s+){0,3}"
    r"(?:policies|guidelines|bulletins|determinations|articles|criteria|results|search|list|index|library|home"
    r"|top|(?:previous\s+)?page)$",
    re.I,
)


# a cookie banner's sentence in the site's voice, at a copy's head or foot (``We use cookies to …``, ``This website
# uses cookies …``, ``By continuing to browse this site you agree to our use of cookies``), its buttons after it
# or not: a policy never starts a sentence so
_COOKIE = lazy(
    r"^(?:(?:this|our)\s+(?:web\s?)?site\s+uses\s+cookies|we\s+(?:use|place)\s+cookies"
    r"|by\s+(?:continuing|using)\b[^.]{0,80}\b(?:site|page)\b[^.]{0,80}\bcookies)\b",
    re.I,
)
_COOKIE_LINE = 300  # characters: a banner is a sentence or two and its buttons
# a cookie banner's buttons alone on a line under its sentence (``Got it!``, ``Accept  Decline``, ``[Accept]``)
_COOKIE_BUTTON = (
    r"\[?\s*(?:accept(?:\s+all(?:\s+cookies)?)?|decline(?:\s+all)?|reject(?:\s+all)?|deny|allow(?:\s+all)?|ok(?:ay)?"
    r"|got\s+it|close|dismiss|i?\s*agree|learn\s+more|more\s+info(?:rmation)?"
    r"|(?:manage|customi[sz]e)\s+(?:preferences|settings|cookies)|cookie\s+(?:settings|preferences))\s*[!.]?\s*\]?"
)
_COOKIE_BUTTONS = lazy(rf"^{_COOKIE_BUTTON}(?:\s*(?:\||\s)\s*{_COOKIE_BUTTON})*$", re.I)
# a page's question whether it helped, with its answers (``Was this page helpful?  Yes  No``)
_FEEDBACK = lazy(
    r"^(?:was|is|did)\s+(?:this|the)\s+(?:page|article|information|content|policy|resource)\s+"
    r"(?:helpful|useful|answer\s+your\s+question)\s*\??(?:\s+\[?(?:yes|no)\]?)*$",
    re.I,
)
# a page's bar of tools set apart by bars or runs of spaces (``Print | Share | Sign up for updates``,
# ``Print   Share   Download``): each part a page's tool, none a name of the policy's
_TOOL = (
    r"(?:print(?:\s+this\s+page)?|share|e-?mail(?:\s+this\s+page)?|download(?:\s+pdf)?|pdf|subscribe|bookmark|save"
    r"|sign\s+up\s+for\s+(?:updates|e-?mail(?:\s+updates)?|alerts)|follow\s+us|translate|feedback|text\s+size(?:\s+a)*)"
)
_TOOLS = lazy(rf"^{_TOOL}(?:(?:\s{{2,}}|\s*[|\u00b7\u2022]\s*){_TOOL})+$", re.I)
# a site's search box copied with the page (``Search scanhealthplan.com``, ``Search this site``)
_SEARCH_BOX = lazy(
    r"^search(?:\s+(?:this\s+site|our\s+site|the\s+site|[\w-]+(?:\.[\w-]+)*\.(?:com|org|gov|net|us)"
    r"|(?:(?:medical|clinical|pharmacy|payment|coverage|drug)\s+)*(?:policies|guidelines|criteria|bulletins)))?$",
    re.I,
)
# a site's sign-in link (``Sign In to iLinkBlue``, ``Log in``): one of its own lines, never a policy's
_SIGN_IN = lazy(r"^(?:sign|log)\s*(?:in|on)(?:\s+to\s+(?:[\w.&'’-]+\s*){1,3})?$", re.I)
# a site's notice about its own links or files (``Links in PDF documents are not guaranteed to work. To follow a web
# link, please copy and paste it into your browser.``)
_SITE_NOTICE = lazy(r"^links\s+in\s+(?:pdf|these|this|the)\b[^.]{0,60}\bnot\s+guaranteed\s+to\s+work\b", re.I)
# a page's heading that names the policy with its identifier in parentheses after it (``LCD - <title> (L39242)``):
# digits there are the identifier's, not a table's
_TRAILING_ID = lazy(r"\s*\((?=[\w.-]*\d)[A-Z][\w.-]{2,}\)$")
# a site's links to its social-media pages, their names alone set apart by bars or runs of spaces (``Facebook
# Twitter  LinkedIn  YouTube``, ``Follow us: Facebook | Instagram``): two names or more, nothing else
_SOCIAL_NAME = (
    r"(?:facebook|twitter|x|linkedin|youtube|instagram|pinterest|tiktok|threads|bluesky|flickr|vimeo|snapchat)"
)
_SOCIAL = lazy(
    rf"^(?:(?:follow|connect\s+with|find)\s+us(?:\s+on)?\s*:?\s*)?{_SOCIAL_NAME}(?:(?:\s*[|\u00b7\u2022]\s*|\s{{2,}}|\s)"
    rf"{_SOCIAL_NAME})+$",
    re.I,
)
# a place a footer names after the publisher (``<plan> · Eden Prairie, MN``): a city and a state's two letters
_PLACE = lazy(r"[|\u00b7\u2022]\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3},\s+[A-Z]{2}\.?$")

# the page's own address printed alone on a line of the footer (``https://www.<plan>.org/providers/policies/``)
_ADDRESS_URL = lazy(r"^(?:https?://|www\.)\S+$", re.I)

# a footer's phone line: a service's short name, its colon or none, a phone number and its TTY line, nothing else
# (``Prescriber Help Desk: 1-877-555-0100``, ``Member Services 1-888-555-0100 (TTY 711)``) — never an instruction
# (``Fax requests to: …``: a word of sending, :data:`_INSTRUCTION` without the colon)
_PHONE = r"(?:1[-.\s])?\(?\d{3}\)?[-.\s]\d{3}[-.\s]\d{4}"
_CONTACT = lazy(
    rf"^(?![^:]*\b(?:mail|send|sent|submit|write|fax|return|forward|attn|attention|call|contact)\b)"
    rf"[A-Z][\w'’&/-]*(?:\s+[\w'’&/-]+){{0,5}}:?\s+{_PHONE}"
    rf"(?:\s*\(?(?:TTY|TDD)[:\s]*(?:{_PHONE}|\d{{3}})\)?)?\.?$",
    re.I,
)

# what a site writes before its trail (``You are here: Home > Providers > …``)
_TRAIL_LEAD = lazy(r"^(?:you\s+are\s+here|breadcrumbs?|location)\s*:\s*", re.I)


def _cookies(text: str) -> bool:
    """Whether ``text`` is a cookie banner's sentence (its buttons after it or not)."""
    return len(text) <= _COOKIE_LINE and bool(_COOKIE.match(text))


def _name(text: str) -> bool:
    """Whether ``text`` is a short name (a site's, a menu's entry): no colon, no sentence's stop."""
    return bool(_NAME.match(text)) and (not _STOP.search(text) or bool(_ABBREVIATION.search(text)))


def _parts(text: str, sep: re.Pattern[str]) -> list[str]:
    return [p for p in (q.strip() for q in sep.split(text)) if p]


def _menu(text: str) -> bool:
    """Three or more short names set apart by bars or runs of spaces, one of them a site's usual part; or two,
    each a site's usual part (``Log in | Search``)."""
    parts = _parts(text, _BARS)
    if len(parts) == 2:
        return all(_SITE_PART.match(p) for p in parts)
    return len(parts) >= 3 and all(_name(p) for p in parts) and any(_SITE_PART.match(p) for p in parts)


def _breadcrumb(text: str, *, under_site: bool = False) -> bool:
    """A trail of the site's pages down to this one (``Home > Providers > <title>``); of two pages only from a
    site's usual part, or right under the site's lines (``MCD Search > LCD Details`` below its menu)."""
    parts = _parts(_TRAIL_LEAD.sub("", text), _CRUMBS)
    if len(parts) < 2:
        parts = _parts(text, _SLASHES)
        if len(parts) < 2 or not _SITE_PART.match(parts[0]):
            return False
    elif len(parts) == 2 and not _SITE_PART.match(parts[0]) and not under_site:
        return False
    return all(_name(p) for p in parts[:-1]) and bool(_NAME.match(parts[-1]) or len(parts[-1].split()) <= 12)


def _crumb_page(text: str) -> str | None:
    """The page a breadcrumb ends at (``Home > Search > LCD Details`` → ``LCD Details``), or None."""
    parts = _parts(_TRAIL_LEAD.sub("", text), _CRUMBS)
    return parts[-1] if len(parts) >= 2 else None


# words written out before their abbreviation in parentheses (``Local Coverage Determination (LCD)``)
_SPELLED = lazy(r"(?P<words>(?:[A-Za-z][\w'’-]*\s+){2,8})\((?P<short>[A-Z]{2,8})\)")


def _abbreviated(text: str) -> str:
    """``text`` with words written out before their abbreviation in parentheses as the abbreviation alone, where
    the words' initials spell it (``Local Coverage Determination (LCD) Details`` → ``LCD Details``); lower case."""

    def short(m: re.Match[str]) -> str:
        words = m.group("words").split()
        n = len(m.group("short"))
        tail = words[-n:] if len(words) >= n else []
        if "".join(w[0] for w in tail).upper() != m.group("short"):
            return m.group(0)
        return " ".join([*words[:-n], m.group("short")]) + " "

    return " ".join(_SPELLED.sub(short, text).split()).lower()


# a site's page about a document, not the document (``LCD Details``, ``Article Page``)
_PAGE_WORD = lazy(r"\b(?:details|page|view)$", re.I)


def _names_page(text: str, page: str | None) -> bool:
    """Whether ``text`` is the page's name its breadcrumb ended with (a page about a document: ``LCD Details``),
    written again as its heading with an abbreviation written out (``Local Coverage Determination (LCD)
    Details``) — never the same words as the crumb, which a policy's own title may be."""
    return (
        page is not None
        and _PAGE_WORD.search(page) is not None
        and _name(text)
        and " ".join(text.split()).lower() != " ".join(page.split()).lower()
        and _abbreviated(text) == _abbreviated(page)
    )


def _skip_menu(text: str) -> bool:
    """A skip link with the site's menu run onto it, one space apart (one entry a site's usual part)."""
    m = _SKIP_LEAD.match(text)
    if m is None or any(c.isdigit() for c in text) or not m.group("menu")[:1].isupper():
        return False
    words = m.group("menu").split()
    return any(_SITE_PART.match(" ".join(words[i : i + n])) for n in (1, 2, 3) for i in range(len(words)))


def _head_kind(text: str, *, under_site: bool = False) -> int:
    """3: a page's button (the site's, but no end of its lines); 2: a line that is the site's for sure (skip
    link, banner, menu, breadcrumb); 1: one that may be (a name, a pair of names set apart by a bar); 0: the
    policy's.  ``under_site``: right under a line that is the site's for sure."""
    if _BUTTON.match(text):
        return 3
    if (
        _SKIP.match(text)
        or _BANNER.match(text)
        or _cookies(text)
        or _menu(text)
        or _breadcrumb(text, under_site=under_site)
        or _skip_menu(text)
        or _TOOLS.match(text)
        or _SEARCH_BOX.match(text)
        or _SIGN_IN.match(text)
        or _SITE_NOTICE.match(text)
    ):
        return 2
    bare = _TRAILING_ID.sub("", text)
    if _LOGO_WORD.match(bare.strip()):
        return 1  # (the site's logo, its name written in lower case: ``evolent``, ``aetna``)
    pair = _parts(bare, _BARS)
    return 1 if all(_name(p) for p in pair) and len(pair) <= 2 and not any(c.isdigit() for c in bare) else 0


# a site's name as its logo writes it, one word in lower case (its alt text copied with the page): a name only
# among the head's lines, above a line that is the site's for sure
_LOGO_WORD = lazy(r"^[a-z][a-z&'’-]{2,24}$")


def _links(text: str) -> bool:
    """Two or more short names set apart by bars, one of them a footer's usual link (no digits: no table's row)."""
    parts = _parts(text, _BARS)
    return (
        len(parts) >= 2
        and all(_name(p) and len(p.split()) <= 5 for p in parts)
        and any(_FOOT_LINK.search(p) for p in parts)
        and not any(c.isdigit() for c in text)
    )


def _without_address(text: str) -> str:
    """A footer line's parts but the publisher's address among them (``331 Veranda Street, Portland, ME 04103 |
    Notice of Nondiscrimination | Privacy Practices`` → the two links)."""
    return " | ".join(p for p in _parts(text, _BARS) if not (_ADDRESS.search(p) and not _INSTRUCTION.search(p)))


def _columns(above: str, below: str) -> str | None:
    """Two lines of a footer a print laid out in columns (each cell wrapped over both, cells set apart by runs of
    spaces, as many on each line) read a column at a time, the cells set apart by bars; None when they are not."""
    top, low = _parts(above, _GAP), _parts(below, _GAP)
    if len(top) < 3 or len(top) != len(low):
        return None
    return " | ".join(f"{a} {b}" for a, b in zip(top, low, strict=True))


def _notice_and_links(text: str) -> bool:
    """A copyright notice with the site's links run onto it after its stop, the first of them before any bar
    (``© 2026 <plan>. Privacy | Accessibility``)."""
    head, bar, rest = text.partition("|")
    notice, stop, first = head.strip().rpartition(". ")
    return (
        bool(bar and stop) and len(text) <= _ADDRESS_LINE and copyright_notice(notice) and _links(f"{first} | {rest}")
    )


def _links_and_notice(text: str) -> bool:
    """The site's links with its copyright notice as the last of them (``Privacy Policy | Terms of Use | © 2026
    <plan>``)."""
    head, bar, notice = text.rpartition("|")
    return bool(bar) and len(text) <= _ADDRESS_LINE and copyright_notice(notice) and _links(head)


def _foot_kind(text: str, below: str | None = None) -> int:
    """2: the site's links (alone, or after its copyright notice, or a link back to its list); 1: its copyright
    notice, the publisher's address, the site's sentence about itself or its name right above its links (the
    line ``below``, with no blank between); 0: the policy's."""
    if (
        _links(text)
        or _BUTTON.match(text)
        or _cookies(text)
        or _FEEDBACK.match(text)
        or _TOOLS.match(text)
        or _SOCIAL.match(text)
        or (len(text) <= _ADDRESS_LINE and _GOVERNMENT_SENTENCE.search(text))
        or _notice_and_links(text)
        or _links_and_notice(text)
    ):
        return 2
    if len(text) <= _ADDRESS_LINE and (_SITE_SENTENCE.search(text) or _SITE_NOTICE.match(text)):
        return 1
    if page_stamp(text):  # (the page's stamp of its last change: ``Last updated: 01/07/2026``)
        return 1
    # (the site's name right above its links, its sentence about itself or its address: ``CMS.gov`` / ``A federal …``)
    near = below is not None and (
        _links(below)
        or bool(_SITE_SENTENCE.search(below))
        or (len(below) <= _ADDRESS_LINE and bool(_ADDRESS.search(below)) and not _INSTRUCTION.search(below))
    )
    if near and _name(text) and len(text.split()) <= 6:
        return 1
    if copyright_notice(text) and len(text) <= _ADDRESS_LINE:
        head, _, rest = text.partition("|")
        # (its links after it, or the place the site names after the publisher: ``© 2026 <plan> | Monroe, LA``,
        # a site's footer line — a policy's own notice names no town)
        return 2 if rest and head.strip() and (_links(_without_address(rest)) or _PLACE.search(text)) else 1
    if len(text) <= _ADDRESS_LINE and (_ADDRESS.search(text) or _PLACE.search(text)) and not _INSTRUCTION.search(text):
        return 1
    if _CONTACT.match(text):  # (the publisher's telephone line under its address)
        return 1
    return 0


def web_furniture(lines: list[str]) -> list[int]:
    """The (0-based) lines of ``lines`` that are a web page's head above the policy or its footer below it (see
    the module doc)."""
    texts = [k for k, line in enumerate(lines) if line.strip()]
    out: list[int] = []
    run: list[int] = []
    end = 0
    last = 0  # the head's last kind
    page: str | None = None  # the page a breadcrumb above ended at
    for k in texts[:_HEAD]:
        if printed_by_browser(lines[k]):
            continue  # (a print's stamp above the page: the page rules' own)
        text = lines[k].strip()
        kind = _head_kind(text, under_site=last == 2 and bool(run) and run[-1] == k - 1)
        if kind == 2 and _breadcrumb(text, under_site=True):
            page = _crumb_page(text)
        elif kind != 3 and _names_page(text, page):
            kind = 2  # (the page's name its breadcrumb ended with, again as its heading: ``LCD Details``)
        if not kind and run and _COOKIE_BUTTONS.match(text) and _cookies(lines[run[-1]].strip()):
            kind = 2  # (a cookie banner's buttons under its sentence)
        if not kind:
            break
        run.append(k)
        last = kind
        if kind == 2:
            end = len(run)
    out.extend(run[:end])
    out.extend(k for k in run[end:] if _head_kind(lines[k].strip()) == 3)  # (a button under the site's lines)
    run, strong = [], False
    tail = [k for k in texts if not out or k > out[-1]][-_FOOT:]
    tail = [k for k in tail if not page_number_line(lines[k].strip())]  # (a print's page number: the page rules')
    tail = [k for k in tail if not printed_by_browser(lines[k])]  # (and a print's address and counter)
    tail = [k for k in tail if not material_id(lines[k].strip())]  # (a Medicare plan's material ID: its own rule's)
    i = len(tail) - 1
    while i >= 0:
        k = tail[i]
        text = lines[k].strip()
        if i > 0 and (grid := _columns(lines[tail[i - 1]].strip(), text)) is not None and _foot_kind(grid) == 2:
            run += [k, tail[i - 1]]  # (a footer's cells wrapped over two lines)
            strong, i = True, i - 2
            continue
        below = lines[k + 1].strip() if k + 1 < len(lines) else None
        kind = _foot_kind(text, below or None)
        if not kind and i > 0 and _COOKIE_BUTTONS.match(text) and _cookies(lines[tail[i - 1]].strip()):
            kind = 2  # (a cookie banner's buttons under its sentence)
        if not kind and run and i > 0 and _ADDRESS_URL.match(text) and tail[i - 1] == k - 1:
            # (the page's address between the footer's lines, a footer's line right above it: a reference's link
            # has its reference above it)
            above = lines[k - 1].strip()
            kind = 1 if _foot_kind(above, text) else 0
        if not kind:
            break
        run.append(k)
        strong = strong or kind == 2
        i -= 1
    if strong:
        out.extend(run)
    return sorted(out)
