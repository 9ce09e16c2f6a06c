#!/usr/bin/env bash
# tests/typo/run.sh - typography and accessibility checks (tests/typo.cmake).
# Usage: run.sh CASE GUIDEPRESS KP_COST OUTDIR
# Each case renders with the real program and reads the PDF back with
# poppler and qpdf (textcheck.py, structcheck.py). A4 text area with the
# house margins: x from 56.69 to 538.58 pt; the narrow test styles end at
# 325.98 pt.
set -euo pipefail
case_=$1 gp=$2 kpcost=$3 out=$4
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mkdir -p "$out"
export SOURCE_DATE_EPOCH=1735689600
seed=$root/data/guides/data-engineer-to-backend-developer.yaml
ar=$root/data/guides-i18n/ar-mohasib-ila-mohallil-bayanat.yaml
cy=$root/data/guides-i18n/cy-athro-i-ddylunydd-cyfarwyddiadol.yaml
check() { python3 "$here/textcheck.py" "$@"; }
render() { "$gp" render "$@" 2>"$out/stderr.txt" >/dev/null || { cat "$out/stderr.txt"; exit 1; }; }

case $case_ in
justify-measure)
  # No justified line wider than the measure, full and narrow measures,
  # total fit and the greedy fallback; the seed with every body text
  # justified (cards, lists, FAQ) stays inside the text area.
  render "$here/paragraphs.yaml" --style "$here/justify.yaml" -o "$out/kp.pdf"
  check measure "$out/kp.pdf" 56.69 538.59
  render "$here/paragraphs.yaml" --style "$here/narrow-justify.yaml" -o "$out/narrow.pdf"
  check measure "$out/narrow.pdf" 56.69 325.99
  GUIDEPRESS_LINEBREAK=greedy render "$here/paragraphs.yaml" --style "$here/narrow-justify.yaml" \
    -o "$out/narrow-greedy.pdf"
  check measure "$out/narrow-greedy.pdf" 56.69 325.99
  render "$seed" --style "$here/justify.yaml" -o "$out/seed.pdf"
  check measure "$out/seed.pdf" 56.69 538.59
  # right to left, justified (a last line that needs its spaces' shrink)
  render "$ar" --style "$here/justify.yaml" -o "$out/ar.pdf"
  check measure "$out/ar.pdf" 56.69 538.59
  ;;
terms)
  # Never hyphenated inside the guide's own terms (issue 20): role names
  # (from/to), skill, gap and salary role names, in a narrow hyphenated
  # measure, ragged and justified. The control run has other role names,
  # so the same words are ordinary words there and do get split.
  words="Engineer Developer Specialist Containerisation"
  for st in narrow-ragged narrow-justify; do
    sed -e 's/^from: FROM/from: Data Engineer/' -e 's/^to: TO/to: Backend Developer/' \
      -e 's/name: SKILL/name: Containerisation/' "$here/terms.yaml" >"$out/terms.yaml"
    render "$out/terms.yaml" --style "$here/$st.yaml" -o "$out/terms-$st.pdf"
    python3 "$here/termcheck.py" "$out/terms-$st.pdf" $words
    sed -e 's/^from: FROM/from: Teacher/' -e 's/^to: TO/to: Trainer/' \
      -e 's/name: SKILL/name: Planning/' -e 's/Integration Specialist"/Analyst"/' \
      "$here/terms.yaml" >"$out/control.yaml"
    render "$out/control.yaml" --style "$here/$st.yaml" -o "$out/control-$st.pdf"
    python3 "$here/termcheck.py" "$out/control-$st.pdf" $words --expect-split
  done
  ;;
quotes)
  # Smart quotes and range dashes on by default, per language (issue 20):
  # English and Welsh “…” ‘…’, Polish „…”, Arabic «…», Urdu “…”, ’ for
  # apostrophes; URLs, e-mail addresses, dates and codes untouched.
  for l in en-GB cy pl ar ur; do
    sed "s/^lang: LANG/lang: $l/" "$here/quotes.yaml" >"$out/q-$l.yaml"
    render "$out/q-$l.yaml" -o "$out/q-$l.pdf"
    pdftotext -enc UTF-8 "$out/q-$l.pdf" - | tr -s ' \n' '  ' >"$out/q-$l.txt"
    case $l in
    en-GB | cy) dq='“double quoted”' sq='‘single quoted’' jq='the ‘job’ ads' ;;
    pl) dq='„double quoted”' sq='‚single quoted’' jq='the ‚job’ ads' ;;
    ar) dq='«double quoted»' sq='‘single quoted’' jq='the ‘job’ ads' ;;
    ur) dq='“double quoted”' sq='‘single quoted’' jq='the ‘job’ ads' ;;
    esac
    rng="Month 1–3 and 2–3 years and £20,000-£30,000 and 12–18 months" d=–
    for want in "$dq" "$sq" "don’t" "$rng" \
      "KEEP 2027-01-11 and 0800-123-456 and 1.5-2 and https://example.org/a-1-2/\"x\" and jo'brien@example.org" \
      "Week 1${d}2" "$jq" "2${d}3 people"; do
      grep -qF -- "$want" "$out/q-$l.txt" || { echo "$l: '$want' not in the text:"; cat "$out/q-$l.txt"; exit 1; }
    done
    # no straight quote and no number-hyphen-number left outside the KEEP line
    left="[\"']|[0-9]-[0-9]"
    if sed 's/KEEP.*END//' "$out/q-$l.txt" | sed 's/£20,000-£30,000//' | grep -qE "$left"; then
      echo "$l: straight quote or hyphen range left:"; sed 's/KEEP.*END//' "$out/q-$l.txt"; exit 1
    fi
  done
  # Right to left: every range gets the en dash and reads with the
  # sentence, its first figure on the right, whether it follows Arabic
  # letters or stands alone (with the hyphen it used to flip between the
  # two orders). The display list shows the visual order: "12" left of "6".
  render "$here/ranges-ar.yaml" -o "$out/ranges-ar.pdf" --dump-display "$out/ranges-ar.dl"
  pdftotext -enc UTF-8 "$out/ranges-ar.pdf" - | tr -s ' \n' '  ' >"$out/ranges-ar.txt"
  if grep -qE '[0-9]-[0-9]' "$out/ranges-ar.txt"; then
    echo "ar: hyphen range left:"; cat "$out/ranges-ar.txt"; exit 1
  fi
  n=$(grep -o '–' "$out/ranges-ar.txt" | wc -l)
  [ "$n" -ge 6 ] || { echo "ar: $n en dashes in the text, expected 6:"; cat "$out/ranges-ar.txt"; exit 1; }
  awk '$1 == "text" { t = $0; sub(/^[^"]*"/, "", t); sub(/"$/, "", t); y = $3
         if (t == "6" || t == "12" || t == "2" || t == "3") { x[y, t] = $2; seen[y] = 1 } }
       END { n = 0
         for (y in seen) {
           if ((y, "6") in x) { n++; if (!(x[y, "12"] < x[y, "6"])) { print "ranges-ar: 6–12 not right to left at y=" y; bad = 1 } }
           if ((y, "2") in x) { n++; if (!(x[y, "3"] < x[y, "2"])) { print "ranges-ar: 2–3 not right to left at y=" y; bad = 1 } } }
         if (n < 6) { print "ranges-ar: only " n " ranges found as separate runs"; bad = 1 }
         exit bad }' "$out/ranges-ar.dl"
  # smart_quotes: false, range_dash: false keep the data as written
  printf 'style: 1\nextends: default\ntypography: {smart_quotes: false, range_dash: false}\n' >"$out/off.yaml"
  render "$out/q-en-GB.yaml" --style "$out/off.yaml" -o "$out/off.pdf"
  pdftotext -enc UTF-8 "$out/off.pdf" - | tr -s ' \n' '  ' >"$out/off.txt"
  grep -qF -- "QA \"double quoted\" and 'single quoted' and don't QZ" "$out/off.txt"
  grep -qF -- "Month 1-3 and 2-3 years" "$out/off.txt"
  ;;
hyphens)
  # Dictionary points only, real "-" at line ends, no stray U+00AD, never
  # in URLs, addresses, names or codes; ragged and justified.
  render "$here/paragraphs.yaml" --style "$here/narrow-ragged.yaml" -o "$out/ragged.pdf"
  check hyphens "$out/ragged.pdf" "$here/paragraphs.txt" 3
  render "$here/paragraphs.yaml" --style "$here/narrow-justify.yaml" -o "$out/justify.pdf"
  check hyphens "$out/justify.pdf" "$here/paragraphs.txt" 3
  # the line-end fragments are there, not rejoined
  pdftotext -raw "$out/justify.pdf" "$out/justify.txt"
  grep -q -- '[a-z][a-z]-$' "$out/justify.txt"
  # hyphenate: false (the house style) inserts none
  render "$here/paragraphs.yaml" -o "$out/plain.pdf"
  n=$(check hyphens "$out/plain.pdf" "$here/paragraphs.txt" | tail -1 | awk '{print $1}')
  [ "$n" = 0 ] || { echo "hyphens inserted without hyphenate: true"; exit 1; }
  ;;
kp-vs-greedy)
  # Total fit against greedy on the same paragraphs at the body measure:
  # fewer river links and fewer inserted hyphens in the PDF, and lower
  # demerits by the same cost model.
  render "$here/paragraphs.yaml" --style "$here/justify.yaml" -o "$out/kp.pdf"
  GUIDEPRESS_LINEBREAK=greedy render "$here/paragraphs.yaml" --style "$here/justify.yaml" \
    -o "$out/greedy.pdf"
  check compare "$out/kp.pdf" "$out/greedy.pdf" 56.69 538.59 "$here/paragraphs.txt"
  "$kpcost" "$root/fonts" 481.89 "$here/paragraphs.txt" --check
  ;;
tagged)
  # Tagged: yes, /Lang, and the structure tree of the seed.
  render "$seed" -o "$out/seed.pdf"
  pdfinfo "$out/seed.pdf" | grep -q '^Tagged: *yes'
  python3 "$here/structcheck.py" "$out/seed.pdf" en-GB "$here/seed-structure.txt"
  qpdf --check "$out/seed.pdf" >/dev/null
  ;;
arabic)
  render "$ar" -o "$out/ar.pdf"
  if grep -q "no available font covers" "$out/stderr.txt"; then cat "$out/stderr.txt"; exit 1; fi
  pdffonts "$out/ar.pdf" | grep -q NotoSansArabic
  check contains "$out/ar.pdf" "$here/arabic-strings.txt"
  pdfinfo "$out/ar.pdf" | grep -q '^Tagged: *yes'
  # right-to-left: the title and the first section heading end at the
  # right edge of the text area; the page number footer mirrors too
  python3 - "$out/ar.pdf" <<'PY'
import re, subprocess, sys
out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", sys.argv[1], "-"],
                     capture_output=True, check=True).stdout.decode()
xs = [float(m) for m in re.findall(r'xMax="([0-9.]+)"', out)]
right = sum(1 for x in xs if x > 520)
left = sum(1 for x in re.findall(r'xMin="([0-9.]+)"', out) if float(x) < 75)
print("words ending near the right edge: %d, starting near the left: %d" % (right, left))
sys.exit(0 if right > 2 * left else 1)
PY
  ;;
welsh)
  render "$cy" -o "$out/cy.pdf"
  check contains "$out/cy.pdf" "$here/welsh-strings.txt"
  render "$here/welsh-fonts.yaml" -o "$out/fonts.pdf"
  if grep -q "no available font covers" "$out/stderr.txt"; then cat "$out/stderr.txt"; exit 1; fi
  for face in NotoSans-Regular NotoSans-Bold NotoSans-Italic NotoSans-BoldItalic; do
    pdffonts "$out/fonts.pdf" | grep -q "+$face " || { echo "no $face"; exit 1; }
  done
  check contains "$out/fonts.pdf" "$here/welsh-fonts-strings.txt"
  ;;
uncovered)
  # An error per uncovered field (file:line:col, script, fonts searched),
  # no PDF; check --layout reports the same errors.
  rm -f "$out/u.pdf"
  if "$gp" render "$here/uncovered.yaml" -o "$out/u.pdf" 2>"$out/stderr.txt" >/dev/null; then
    echo "render of uncovered text succeeded"; exit 1
  fi
  [ ! -e "$out/u.pdf" ] || { echo "a PDF was written despite the error"; exit 1; }
  for f in "$out/stderr.txt" "$out/check.txt"; do
    [ "$f" = "$out/stderr.txt" ] ||
      if "$gp" check --layout "$here/uncovered.yaml" >/dev/null 2>"$f"; then
        echo "check --layout passed uncovered text"; exit 1
      fi
    grep -qF "uncovered.yaml:13:11: error: no font covers the Han script: 3 characters in \"Some learners write 日本語 at home.\" (first: U+65E5 日) would print as empty boxes; fonts searched: Noto Sans, Noto Sans Arabic" "$f" ||
      { cat "$f"; exit 1; }
    grep -qF "uncovered.yaml:16:11: error: no font covers the Devanagari script: 6 characters in \"नमस्ते and welcome.\" (first: U+0928 न)" "$f" ||
      { cat "$f"; exit 1; }
    grep -qF "hint: add a font that covers it to the style's fonts: files: list" "$f" || { cat "$f"; exit 1; }
    [ "$(grep -c ': error: ' "$f")" = 2 ] || { cat "$f"; exit 1; }
  done
  # The bundled languages' guides render with no coverage diagnostic.
  for g in "$root"/data/guides/*.yaml "$root"/data/guides-i18n/*.yaml; do
    render "$g" -o "$out/lang.pdf"
    if grep -q "no font covers" "$out/stderr.txt"; then cat "$out/stderr.txt"; exit 1; fi
  done
  ;;
*)
  echo "unknown case $case_"; exit 2 ;;
esac
echo "typo $case_: ok"
