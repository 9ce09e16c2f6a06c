"""What the typeset page shows for a text of the data (issue 20), for tests
that compare pdftotext output with the guide's YAML: straight quotes and
apostrophes become the language's quotes, and a hyphen between two plain
numbers ("Month 1-3", "2-3x") an en dash (not in right-to-left languages). Tokens with "://", "@" or "www."
and dates or codes ("2027-01-11", "1-2-3", "1.5-2") keep theirs. Written
from the rules in docs/style-reference.md (typography), independently of
src/layout/typo.c, so a test fails when the two disagree."""
import re

QUOTES = {  # double open, double close, single open, apostrophe
    "en": "\u201c\u201d\u2018\u2019", "cy": "\u201c\u201d\u2018\u2019",
    "ur": "\u201c\u201d\u2018\u2019", "pl": "\u201e\u201d\u201a\u2019",
    "de": "\u201e\u201c\u201a\u2019", "ar": "\u00ab\u00bb\u2018\u2019",
    "fa": "\u00ab\u00bb\u2018\u2019",
}
RANGE = re.compile(r"(?<![\d,\-/:.])(\d[\d,]*)-(\d[\d,]*)(?![\d\-/:]|\.\d)")
OPENERS = " \n([{-\u2014"


def _token(tok, q, ranges):
    if "://" in tok or "@" in tok or "www." in tok:
        return tok
    if ranges:
        tok = RANGE.sub("\\1\u2013\\2", tok)
    out = []
    for i, c in enumerate(tok):
        prev = tok[i - 1] if i else " "
        opening = prev in OPENERS
        if c == '"':
            out.append(q[0] if opening else q[1])
        elif c == "'":
            out.append(q[2] if opening else q[3])
        else:
            out.append(c)
    return "".join(out)


def typeset(s, lang="en"):
    ll = (lang or "en")[:2].lower()
    q = QUOTES.get(ll, QUOTES["en"])
    ranges = ll not in ("ar", "fa", "ur", "he")  # right to left keeps the hyphen
    return " ".join(_token(t, q, ranges) for t in s.split(" "))
