#!/usr/bin/env python3
"""What an html page of trich holds, as JSON, for the html tests (tests/cli/html_test.sh,
html_browser_test.sh): parsed with Python's own HTML parser, so the tests look at the page
as a browser builds it (the same file, or a browser's DOM of it from --dump-dom).

usage: html_page.py FILE  ->  one JSON object on stdout:
  title        the <title> text
  tags         every element name, with its count
  codes        data-code of each element carrying one, in page order
  severities   data-severity of the same elements
  finding_ids  their ids
  row_links    the href of each link in the summary's findings table
  marks        data-kind of each <mark>, in page order
  handlers     every on* attribute (name=value): the page has none
  urls         every src/href/action/... value and every url( in a style: all local ("#...")
  scripts      the text of each <script>
  csp          the Content-Security-Policy of the page
  filters_hidden  whether the filter form carries `hidden`
  docs         per document section: its data-source and the text of its div.text with the
               notes and page marks left out (what a reader sees of the document itself)
  body_text    all text of <body>
"""
import json
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.r = {"title": "", "tags": {}, "codes": [], "severities": [], "finding_ids": [],
                  "row_links": [], "marks": [], "handlers": [], "urls": [], "scripts": [],
                  "csp": None, "filters_hidden": None, "docs": [], "body_text": ""}
        self.stack = []
        self.skip = 0  # open notes, page marks and cut marks: not the document's text
        self.in_text = 0
        self.in_title = self.in_script = self.in_body = False
        self.in_findings_table = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.r["tags"][tag] = self.r["tags"].get(tag, 0) + 1
        for k, v in attrs:
            if k.startswith("on"):
                self.r["handlers"].append(f"{k}={v}")
            if k in ("src", "href", "action", "formaction", "poster", "data", "srcset",
                     "background", "cite", "ping"):
                self.r["urls"].append(v or "")
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.r["csp"] = a.get("content")
        if tag == "form" and a.get("id") == "filters":
            self.r["filters_hidden"] = "hidden" in a
        if "data-code" in a:
            self.r["codes"].append(a["data-code"])
            self.r["severities"].append(a.get("data-severity"))
            self.r["finding_ids"].append(a.get("id"))
        if tag == "mark":
            self.r["marks"].append(a.get("data-kind"))
        if tag == "table" and "findings" in (a.get("class") or "").split():
            self.in_findings_table = True
        if tag == "a" and self.in_findings_table:
            self.r["row_links"].append(a.get("href"))
        if tag == "section" and "doc" in (a.get("class") or "").split():
            self.r["docs"].append({"source": a.get("data-source"), "text": ""})
        cls = (a.get("class") or "").split()
        skip_root = "note" in cls or "page" in cls or "cut" in cls
        text_root = tag == "div" and "text" in cls
        if tag == "title":
            self.in_title = True
        if tag == "script":
            self.in_script = True
            self.r["scripts"].append("")
        if tag == "body":
            self.in_body = True
        if tag not in VOID:
            self.stack.append((tag, skip_root, text_root))
            self.skip += skip_root
            self.in_text += text_root

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        # Pop to the matching open element (the parser does not repair nesting).
        while self.stack:
            t, skip_root, text_root = self.stack.pop()
            self.skip -= skip_root
            self.in_text -= text_root
            if t == tag:
                break
        if tag == "title":
            self.in_title = False
        if tag == "script":
            self.in_script = False
        if tag == "table":
            self.in_findings_table = False

    def handle_data(self, data):
        if self.in_title:
            self.r["title"] += data
        if self.in_script:
            self.r["scripts"][-1] += data
            return
        if self.in_body:
            self.r["body_text"] += data
        if self.in_text and not self.skip and self.r["docs"]:
            self.r["docs"][-1]["text"] += data
        if "url(" in data and self.stack and self.stack[-1][0] == "style":
            self.r["urls"].append("url(")


def main():
    p = Page()
    with open(sys.argv[1], encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    json.dump(p.r, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
