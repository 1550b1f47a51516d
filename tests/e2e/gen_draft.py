#!/usr/bin/env python3
"""gen_draft.py: writes a small but complete Internet-Draft, as plain text and/or v3 XML, for the
submission-office end-to-end tests. The layout and boilerplate follow tests/data/check/gen_example.py
(72 columns, TLP 5 boilerplate, BCP 14 with RFC 8174), with what that one-off leaves fixed made
variable: name, revision, date, title, authors, organization and body length.

  gen_draft.py --name draft-smith-foo-bar --rev 00 --date 2026-11-27 --out DIR [--title "..."]
               [--author "Ann Author <ann@example.org>"]... [--org "Example Org"]
               [--format txt|xml|both] [--body-extra "text"]... [--replaces draft-x-y[,draft-z]]

It writes DIR/<name>-<rev>.txt and/or DIR/<name>-<rev>.xml (default both) and prints their paths,
one a line. The two agree on name, revision, title, authors (e-mail in Authors' Addresses and in
<author><address><email>), abstract and date. The expiry date is the date plus 185 days; the
copyright year is the date's year. Page 1's left column says "Network Working Group", or
"<WG> Working Group" for draft-ietf-<wg>-... names. --body-extra adds a paragraph to the
Introduction (a blank line in it starts another), so two revisions can differ; --replaces names
the replaced drafts in a sentence of the Introduction (a draft does not otherwise carry it).

Pages are xml2rfc's: 55 lines, then a form feed on a line of its own (56 lines as `idtracker
check` counts them). gen_example.py puts the form feed before the header, a 73-column line, and its
second page has 59 lines: two warnings this layout avoids. The running header is on every page but
the first, the footer on every page. A paragraph that does not fit moves to the next page (or
splits, two lines at least on each side), a heading stays with what follows it, and the Authors'
Addresses section stays on one page when it fits on one. Given gen_example.py's title, date and
two authors, the text is that example's but for the page breaks and the running header's short
title (the title itself when it fits, else the draft name); the XML adds <workgroup>.

Python 3 standard library only; import it and call make_txt()/make_xml() with a Spec to get the
text without writing files."""
import argparse
import datetime
import os
import re
import sys
import textwrap
from xml.sax.saxutils import escape, quoteattr

WIDTH = 72
PAGE1_ROOM = 53         # page 1: 53 lines of text, a blank and the footer
PAGE_ROOM = 50          # other pages: header, two blanks, 50 lines, a blank and the footer
TITLE_WRAP = 60

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

ABSTRACT = ("This document is a small, complete Internet-Draft written for the tests of idtracker.  "
            "It has every section a draft needs.")
INTRO = "Tests need a draft that passes every check.  This is one."
BCP14_KEYWORDS = ["MUST", "MUST NOT", "REQUIRED", "SHALL", "SHALL NOT", "SHOULD", "SHOULD NOT",
                  "RECOMMENDED", "NOT RECOMMENDED", "MAY", "OPTIONAL"]
BCP14_TAIL = ("in this document are to be interpreted as described in BCP 14 [RFC2119] [RFC8174] "
              "when, and only when, they appear in all capitals, as shown here.")
BCP14_USE = "A test draft MUST stay small."
SECURITY = "This document has no security considerations."
IANA = "This document has no IANA actions."


class Author:
    def __init__(self, spec, org):
        m = re.match(r"^\s*(.*?)\s*(?:<([^<>\s]+)>)?\s*$", spec)
        name = m.group(1) if m else ""
        if not name or "<" in name or ">" in name:
            raise ValueError("--author takes \"Full Name <email>\": %r" % spec)
        self.name = re.sub(r"\s+", " ", name)
        self.email = m.group(2).lower() if m.group(2) else None
        if self.email is not None and not re.match(r"^[^@\s]+@[^@\s]+\.[A-Za-z0-9-]+$", self.email):
            raise ValueError("not an e-mail address in --author: %r" % spec)
        self.org = org
        words = self.name.split(" ")
        self.surname = words[-1]
        # "Ann Author" -> "A."; "Jean-Marc Valin" -> "J.-M."; "Ann B. Author" -> "A. B."
        self.initials = " ".join("-".join(p[0].upper() + "." for p in w.split("-") if p)
                                 for w in words[:-1] if w[0].isalpha())

    @property
    def short(self):
        """The page-1 form: "A. Author" (just the name when it is one word)."""
        return (self.initials + " " + self.surname) if self.initials else self.name


class Spec:
    def __init__(self, name, rev, date, title=None, authors=None, org="Example Org", extra=(), replaces=()):
        if not re.match(r"^draft-[a-z0-9]+(-[a-z0-9]+)+$", name):
            raise ValueError("--name takes a draft name without revision (draft-smith-foo-bar): %r" % name)
        if not re.match(r"^[0-9]{2}$", rev):
            raise ValueError("--rev takes two digits: %r" % rev)
        self.name, self.rev, self.date = name, rev, date
        self.docname = "%s-%s" % (name, rev)
        self.title = re.sub(r"\s+", " ", title).strip() if title else "A Test Draft for %s" % name
        self.authors = [Author(a, org) for a in (authors or ["Ann Author <ann@example.org>"])]
        self.org = org
        self.extra = [p for e in extra for p in re.split(r"\n\s*\n", e.strip()) if p.strip()]
        self.replaces = [r.strip() for x in replaces for r in x.split(",") if r.strip()]
        self.expires = date + datetime.timedelta(days=185)
        parts = name.split("-")
        self.wg = parts[2] if parts[1] == "ietf" and len(parts) > 2 else None
        self.workgroup = "%s Working Group" % self.wg.upper() if self.wg else "Network Working Group"
        self.abbrev = abbreviate(self.title, name, WIDTH - len("Internet-Draft") - len(month_year(date)) - 4)

    @property
    def intro(self):
        paras = [INTRO] + self.extra
        if self.replaces:
            paras.append("This document replaces %s." % and_list(self.replaces))
        return paras


def long_date(d):
    return "%s %d, %d" % (MONTHS[d.month - 1], d.day, d.year)


def month_year(d):
    return "%s %d" % (MONTHS[d.month - 1], d.year)


def and_list(xs):
    return xs[0] if len(xs) == 1 else ", ".join(xs[:-1]) + (", and " if len(xs) > 2 else " and ") + xs[-1]


def abbreviate(title, name, room):
    """The running header's short title (<title abbrev>): the title when it fits between
    "Internet-Draft" and the date with two blanks each side, else the draft name, else the title
    cut at a word."""
    for t in (title, name, name[len("draft-"):]):
        if len(t) <= room:
            return t
    cut = title[:room + 1].rsplit(" ", 1)[0] if " " in title[:room + 1] else title[:room]
    return cut[:room].rstrip(" ,;:-")


def wrap(text, indent=3, hang=None):
    """Fills a paragraph to 72 columns; "BCP 14" and "RFC 2119" stay on one line, as xml2rfc keeps them."""
    hang = indent if hang is None else hang
    text = re.sub(r"\b(BCP|RFC|Section) (?=\d)", "\\1\u00a0", text)
    return [l.replace("\u00a0", " ") for l in
            textwrap.wrap(text, WIDTH, initial_indent=" " * indent, subsequent_indent=" " * hang,
                          break_on_hyphens=False, break_long_words=True)]


def spread(left, mid, right):
    """gen_example.py's header and footer line: three parts over 72 columns."""
    gap = WIDTH - len(left) - len(mid) - len(right)
    return left + " " * (gap // 2) + mid + " " * (gap - gap // 2) + right


def center(s):
    return " " * ((WIDTH - len(s)) // 2) + s


# ---- plain text ----

class Unit:
    """Lines that go on one page when they can: a paragraph, a heading, a reference, an author."""
    def __init__(self, lines, keep=False, split=True, gap=1, newpage=False):
        self.lines, self.keep, self.split, self.gap, self.newpage = lines, keep, split, gap, newpage


def para(text, indent=3, hang=None):
    return Unit(wrap(text, indent, hang))


def heading(text):
    return Unit([text], keep=True, split=False)


def front_units(s):
    left = [s.workgroup, "Internet-Draft", "Intended status: Informational", "Expires: " + long_date(s.expires)]
    right = []
    for a in s.authors:
        right.append(a.short)
        if a.org:
            right.append(a.org)
    right.append(long_date(s.date))
    rows = max(len(left), len(right))
    left += [""] * (rows - len(left))
    right += [""] * (rows - len(right))
    header = []
    for l, r in zip(left, right):
        gap = WIDTH - len(l) - len(r)
        if gap < 3:
            raise ValueError("page 1's header row does not fit in 72 columns: %r / %r" % (l, r))
        header.append((l + " " * gap + r).rstrip())
    title = [center(t) for t in textwrap.wrap(s.title, TITLE_WRAP, break_on_hyphens=False)] + [center(s.docname)]
    exp = long_date(s.expires)
    return [
        Unit(header, split=False, gap=2), Unit(title, split=False),
        heading("Abstract"), para(ABSTRACT),
        heading("Status of This Memo"),
        para("This Internet-Draft is submitted in full conformance with the provisions of BCP 78 and BCP 79."),
        Unit(["   Internet-Drafts are working documents of the Internet Engineering",
              "   Task Force (IETF).  Note that other groups may also distribute",
              "   working documents as Internet-Drafts.  The list of current Internet-",
              "   Drafts is at https://datatracker.ietf.org/drafts/current/."]),
        Unit(["   Internet-Drafts are draft documents valid for a maximum of six months",
              "   and may be updated, replaced, or obsoleted by other documents at any",
              "   time.  It is inappropriate to use Internet-Drafts as reference",
              "   material or to cite them other than as \"work in progress.\""]),
        para("This Internet-Draft will expire on %s." % exp),
        heading("Copyright Notice"),
        Unit(["   Copyright (c) %d IETF Trust and the persons identified as the" % s.date.year,
              "   document authors.  All rights reserved."]),
        Unit(["   This document is subject to BCP 78 and the IETF Trust's Legal",
              "   Provisions Relating to IETF Documents",
              "   (https://trustee.ietf.org/license-info) in effect on the date of",
              "   publication of this document.  Please review these documents",
              "   carefully, as they describe your rights and restrictions with",
              "   respect to this document.  Code Components extracted from this",
              "   document must include Revised BSD License text as described in",
              "   Section 4.e of the Trust Legal Provisions and are provided without",
              "   warranty as described in the Revised BSD License."]),
    ]


def body_units(s):
    kw = "The key words " + ", ".join('"%s"' % k for k in BCP14_KEYWORDS[:-1]) + ', and "%s" ' % BCP14_KEYWORDS[-1]
    units = [Unit(["1.  Introduction"], keep=True, split=False, newpage=True)]
    units += [para(p) for p in s.intro]
    units += [heading("2.  Requirements Language"), para(kw + BCP14_TAIL), para(BCP14_USE),
              heading("3.  Security Considerations"), para(SECURITY),
              heading("4.  IANA Considerations"), para(IANA),
              heading("5.  Normative References"),
              Unit(["   [RFC2119]  Bradner, S., \"Key words for use in RFCs to Indicate",
                    "              Requirement Levels\", BCP 14, RFC 2119,",
                    "              DOI 10.17487/RFC2119, March 1997,",
                    "              <https://www.rfc-editor.org/info/rfc2119>."], split=False),
              Unit(["   [RFC8174]  Leiba, B., \"Ambiguity of Uppercase vs Lowercase in RFC",
                    "              2119 Key Words\", BCP 14, RFC 8174, DOI 10.17487/RFC8174,",
                    "              May 2017, <https://www.rfc-editor.org/info/rfc8174>."], split=False),
              Unit(["Authors' Addresses" if len(s.authors) > 1 else "Author's Address"], keep=True, split=False)]
    for i, a in enumerate(s.authors):
        lines = ["   " + a.name] + (["   " + a.org] if a.org else [])
        if a.email:
            lines += ["", "   Email: " + a.email]
        # One Unit an author, chained so the section stays on one page when it fits.
        units.append(Unit(lines, keep=i + 1 < len(s.authors), split=False))
    return units


def chain_need(units, i, room):
    """Lines unit i needs on its page: itself, and what it keeps with it (a heading's next block,
    whole when that cannot split, else its first two lines); just the next block's start when the
    whole chain could not fit on any page."""
    need, j = len(units[i].lines), i
    while units[j].keep and j + 1 < len(units):
        nxt = units[j + 1]
        need += units[j].gap + (min(2, len(nxt.lines)) if nxt.split else len(nxt.lines))
        if need > room:
            return len(units[i].lines) + units[i].gap + min(2, len(units[i + 1].lines))
        j += 1
    return need


def paginate(units):
    pages, cur, pending = [], [], 0

    def room():
        return PAGE1_ROOM if not pages else PAGE_ROOM

    def new_page():
        nonlocal cur, pending
        pages.append(cur)
        cur, pending = [], 0

    for i, u in enumerate(units):
        if u.newpage and cur:
            new_page()
        if cur and len(cur) + pending + chain_need(units, i, room()) > room():
            # A paragraph that does not fit may still start here when two lines fit and two go over.
            avail = room() - len(cur) - pending
            if not (u.split and not u.keep and avail >= 2 and len(u.lines) - avail >= 2):
                new_page()
        lines = u.lines
        while lines:
            if cur:
                cur += [""] * pending
            pending = 0
            take = room() - len(cur)
            if len(lines) - take == 1 and take > 2:
                take -= 1       # no widow: leave two lines for the next page
            cur += lines[:take]
            lines = lines[take:]
            if lines:
                new_page()
        pending = u.gap
    if cur:
        pages.append(cur)
    return pages


def make_txt(s):
    pages = paginate(front_units(s) + body_units(s))
    names = [a.surname for a in s.authors]
    lead = names[0] if len(names) == 1 else " & ".join(names) if len(names) == 2 else names[0] + ", et al."
    expires = "Expires " + long_date(s.expires)
    if len(lead) + len(expires) + len("[Page 999]") + 4 > WIDTH:
        lead = names[0][:20] + ", et al."
    header = spread("Internet-Draft", s.abbrev, month_year(s.date))
    out = []
    for n, body in enumerate(pages, 1):
        if n > 1:
            out += ["\f", header, "", ""]
        out += body + [""] * ((PAGE1_ROOM if n == 1 else PAGE_ROOM) - len(body))
        out += ["", spread(lead, expires, "[Page %d]" % n)]
    too_long = [l for l in out if len(l) > WIDTH]
    assert not too_long, too_long
    return "\n".join(out) + "\n"


# ---- XML (RFC 7991, v3) ----

def make_xml(s):
    a_xml = []
    for a in s.authors:
        attrs = "fullname=%s" % quoteattr(a.name)
        if a.initials:
            attrs += " initials=%s" % quoteattr(a.initials)
        attrs += " surname=%s" % quoteattr(a.surname)
        x = "    <author %s>\n" % attrs
        if a.org:
            x += "      <organization>%s</organization>\n" % escape(a.org)
        if a.email:
            x += "      <address><email>%s</email></address>\n" % escape(a.email)
        a_xml.append(x + "    </author>\n")
    kw = ", ".join('"<bcp14>%s</bcp14>"' % k for k in BCP14_KEYWORDS[:-1]) + \
        ', and\n      "<bcp14>%s</bcp14>"' % BCP14_KEYWORDS[-1]
    intro = "".join("      <t>%s</t>\n" % escape(p) for p in s.intro)
    return '''<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rfc [
  <!ENTITY nbsp "&#160;">
]>
<rfc xmlns:xi="http://www.w3.org/2001/XInclude" version="3" ipr="trust200902"
     docName=%(docname)s category="info" submissionType="IETF">
  <front>
    <title abbrev=%(abbrev)s>%(title)s</title>
    <seriesInfo name="Internet-Draft" value=%(docname)s/>
%(authors)s    <date year="%(y)d" month="%(m)s" day="%(d)d"/>
    <workgroup>%(wg)s</workgroup>
    <abstract>
      <t>%(abstract)s</t>
    </abstract>
  </front>
  <middle>
    <section anchor="intro"><name>Introduction</name>
%(intro)s    </section>
    <section><name>Requirements Language</name>
      <t>The key words %(kw)s in this document are to be interpreted as described in BCP&nbsp;14
      <xref target="RFC2119"/> <xref target="RFC8174"/> when, and only when, they appear in all capitals,
      as shown here.</t>
      <t>A test draft <bcp14>MUST</bcp14> stay small.</t>
    </section>
    <section><name>Security Considerations</name>
      <t>%(security)s</t>
    </section>
    <section><name>IANA Considerations</name>
      <t>%(iana)s</t>
    </section>
  </middle>
  <back>
    <references><name>Normative References</name>
      <reference anchor="RFC2119" target="https://www.rfc-editor.org/info/rfc2119">
        <front><title>Key words for use in RFCs to Indicate Requirement Levels</title>
          <author fullname="S. Bradner" initials="S." surname="Bradner"/>
          <date month="March" year="1997"/></front>
        <seriesInfo name="BCP" value="14"/><seriesInfo name="RFC" value="2119"/>
      </reference>
      <reference anchor="RFC8174" target="https://www.rfc-editor.org/info/rfc8174">
        <front><title>Ambiguity of Uppercase vs Lowercase in RFC 2119 Key Words</title>
          <author fullname="B. Leiba" initials="B." surname="Leiba"/>
          <date month="May" year="2017"/></front>
        <seriesInfo name="BCP" value="14"/><seriesInfo name="RFC" value="8174"/>
      </reference>
    </references>
  </back>
</rfc>
''' % {"docname": quoteattr(s.docname), "abbrev": quoteattr(s.abbrev), "title": escape(s.title),
       "authors": "".join(a_xml), "y": s.date.year, "m": MONTHS[s.date.month - 1], "d": s.date.day,
       "wg": escape(s.workgroup), "abstract": escape(ABSTRACT).replace(".  ", ".\n      ", 1),
       "intro": intro, "kw": kw, "security": SECURITY, "iana": IANA}


def main(argv=None):
    p = argparse.ArgumentParser(description="Write a small, complete Internet-Draft (txt and/or v3 XML).")
    p.add_argument("--name", required=True, help="draft name without revision: draft-smith-foo-bar")
    p.add_argument("--rev", required=True, help="two-digit revision: 00")
    p.add_argument("--date", required=True, help="document date, YYYY-MM-DD")
    p.add_argument("--out", required=True, help="folder to write into (created when missing)")
    p.add_argument("--title", help='default "A Test Draft for <name>"')
    p.add_argument("--author", action="append", default=[],
                   help='"Full Name <email>", repeatable; default "Ann Author <ann@example.org>"')
    p.add_argument("--org", default="Example Org", help='every author\'s organization ("" for none)')
    p.add_argument("--format", choices=["txt", "xml", "both"], default="both")
    p.add_argument("--body-extra", action="append", default=[],
                   help="a paragraph added to the Introduction, repeatable")
    p.add_argument("--replaces", action="append", default=[], help="replaced draft names, comma-separated")
    o = p.parse_args(argv)
    try:
        date = datetime.date.fromisoformat(o.date)
    except ValueError:
        p.error("--date takes YYYY-MM-DD: %r" % o.date)
    try:
        s = Spec(o.name, o.rev, date, o.title, o.author, o.org.strip(), o.body_extra, o.replaces)
        outputs = []
        if o.format in ("txt", "both"):
            outputs.append((".txt", make_txt(s)))
        if o.format in ("xml", "both"):
            outputs.append((".xml", make_xml(s)))
    except ValueError as e:
        p.error(str(e))
    os.makedirs(o.out, exist_ok=True)
    for ext, text in outputs:
        path = os.path.join(o.out, s.docname + ext)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
