#!/usr/bin/env python3
"""Writes draft-idtracker-test-example-00.{txt,xml}: a clean two-page Internet-Draft (72 columns,
form feeds, TLP 5 boilerplate, BCP 14 with RFC 8174) and its v3 XML twin, for the check tests.
Run it from this folder; the outputs are committed, so tests need nothing but them."""
L = ["Network Working Group", "Internet-Draft", "Intended status: Informational", "Expires: May 24, 2027", ""]
R = ["A. Author", "Example Org", "B. Writer", "Example Org", "November 20, 2026"]
page1 = [l + " " * (72 - len(l) - len(r)) + r for l, r in zip(L, R)] + ["", ""]
center = lambda s: " " * ((72 - len(s)) // 2) + s
page1 += [center("An Example Draft for idtracker Tests"), center("draft-idtracker-test-example-00"), ""]
page1 += ["Abstract", "",
"   This document is a small, complete Internet-Draft written for the",
"   tests of idtracker.  It has every section a draft needs.", "",
"Status of This Memo", "",
"   This Internet-Draft is submitted in full conformance with the",
"   provisions of BCP 78 and BCP 79.", "",
"   Internet-Drafts are working documents of the Internet Engineering",
"   Task Force (IETF).  Note that other groups may also distribute",
"   working documents as Internet-Drafts.  The list of current Internet-",
"   Drafts is at https://datatracker.ietf.org/drafts/current/.", "",
"   Internet-Drafts are draft documents valid for a maximum of six months",
"   and may be updated, replaced, or obsoleted by other documents at any",
"   time.  It is inappropriate to use Internet-Drafts as reference",
"   material or to cite them other than as \"work in progress.\"", "",
"   This Internet-Draft will expire on May 24, 2027.", "",
"Copyright Notice", "",
"   Copyright (c) 2026 IETF Trust and the persons identified as the",
"   document authors.  All rights reserved.", "",
"   This document is subject to BCP 78 and the IETF Trust's Legal",
"   Provisions Relating to IETF Documents",
"   (https://trustee.ietf.org/license-info) in effect on the date of",
"   publication of this document.  Please review these documents",
"   carefully, as they describe your rights and restrictions with",
"   respect to this document.  Code Components extracted from this",
"   document must include Revised BSD License text as described in",
"   Section 4.e of the Trust Legal Provisions and are provided without",
"   warranty as described in the Revised BSD License.", ""]
page2 = [
"1.  Introduction", "",
"   Tests need a draft that passes every check.  This is one.", "",
"2.  Requirements Language", "",
"   The key words \"MUST\", \"MUST NOT\", \"REQUIRED\", \"SHALL\", \"SHALL NOT\",",
"   \"SHOULD\", \"SHOULD NOT\", \"RECOMMENDED\", \"NOT RECOMMENDED\", \"MAY\", and",
"   \"OPTIONAL\" in this document are to be interpreted as described in",
"   BCP 14 [RFC2119] [RFC8174] when, and only when, they appear in all",
"   capitals, as shown here.", "",
"   A test draft MUST stay small.", "",
"3.  Security Considerations", "",
"   This document has no security considerations.", "",
"4.  IANA Considerations", "",
"   This document has no IANA actions.", "",
"5.  Normative References", "",
"   [RFC2119]  Bradner, S., \"Key words for use in RFCs to Indicate",
"              Requirement Levels\", BCP 14, RFC 2119,",
"              DOI 10.17487/RFC2119, March 1997,",
"              <https://www.rfc-editor.org/info/rfc2119>.", "",
"   [RFC8174]  Leiba, B., \"Ambiguity of Uppercase vs Lowercase in RFC",
"              2119 Key Words\", BCP 14, RFC 8174, DOI 10.17487/RFC8174,",
"              May 2017, <https://www.rfc-editor.org/info/rfc8174>.", "",
"Authors' Addresses", "",
"   Ann Author", "   Example Org", "", "   Email: ann@example.org", "",
"   Bo Writer", "   Example Org", "", "   Email: bo@example.org"]
def spread(l, m, r):
    gap = 72 - len(l) - len(m) - len(r)
    return l + " " * (gap // 2) + m + " " * (gap - gap // 2) + r
footer = lambda n: spread("Author & Writer", "Expires May 24, 2027", "[Page %d]" % n)
header = spread("Internet-Draft", "idtracker test example", "November 2026")
out = page1 + [""] * (54 - len(page1)) + ["", footer(1), "\f" + header, "", ""]
out += page2 + [""] * (54 - len(page2)) + ["", footer(2)]
assert max(len(x.replace("\f", "")) for x in out) <= 72
open("draft-idtracker-test-example-00.txt", "w").write("\n".join(out) + "\n")
open("draft-idtracker-test-example-00.xml", "w").write('''<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rfc [
  <!ENTITY nbsp "&#160;">
]>
<rfc xmlns:xi="http://www.w3.org/2001/XInclude" version="3" ipr="trust200902"
     docName="draft-idtracker-test-example-00" category="info" submissionType="IETF">
  <front>
    <title abbrev="idtracker test example">An Example Draft for idtracker Tests</title>
    <seriesInfo name="Internet-Draft" value="draft-idtracker-test-example-00"/>
    <author fullname="Ann Author" initials="A." surname="Author">
      <organization>Example Org</organization>
      <address><email>ann@example.org</email></address>
    </author>
    <author fullname="Bo Writer" initials="B." surname="Writer">
      <organization>Example Org</organization>
      <address><email>bo@example.org</email></address>
    </author>
    <date year="2026" month="November" day="20"/>
    <abstract>
      <t>This document is a small, complete Internet-Draft written for the
      tests of idtracker.  It has every section a draft needs.</t>
    </abstract>
  </front>
  <middle>
    <section anchor="intro"><name>Introduction</name>
      <t>Tests need a draft that passes every check.  This is one.</t>
    </section>
    <section><name>Requirements Language</name>
      <t>The key words "<bcp14>MUST</bcp14>", "<bcp14>MUST NOT</bcp14>", "<bcp14>REQUIRED</bcp14>",
      "<bcp14>SHALL</bcp14>", "<bcp14>SHALL NOT</bcp14>", "<bcp14>SHOULD</bcp14>", "<bcp14>SHOULD NOT</bcp14>",
      "<bcp14>RECOMMENDED</bcp14>", "<bcp14>NOT RECOMMENDED</bcp14>", "<bcp14>MAY</bcp14>", and
      "<bcp14>OPTIONAL</bcp14>" in this document are to be interpreted as described in BCP&nbsp;14
      <xref target="RFC2119"/> <xref target="RFC8174"/> when, and only when, they appear in all capitals,
      as shown here.</t>
      <t>A test draft <bcp14>MUST</bcp14> stay small.</t>
    </section>
    <section><name>Security Considerations</name>
      <t>This document has no security considerations.</t>
    </section>
    <section><name>IANA Considerations</name>
      <t>This document has no IANA actions.</t>
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
''')
