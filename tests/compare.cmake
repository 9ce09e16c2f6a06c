# The default PDF painter against Cairo (issue 14, point 7): same text
# (pdftotext) and the same pages within 0.3% of pixels (pdftoppm -r 72) for
# every guide in data/ in every shipped style. One test per guide.
file(GLOB GP_COMPARE_GUIDES CONFIGURE_DEPENDS ${GP_SOURCE_DIR}/data/guides/*.yaml
     ${GP_SOURCE_DIR}/data/guides-i18n/*.yaml)
foreach(guide ${GP_COMPARE_GUIDES})
  get_filename_component(gname ${guide} NAME_WE)
  add_test(NAME compare.cairo.${gname}
           COMMAND python3 ${GP_TESTS_DIR}/compare/compare.py $<TARGET_FILE:guidepress>
                   ${GP_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/compare --only ${gname}-)
  set_tests_properties(compare.cairo.${gname} PROPERTIES TIMEOUT 300 LABELS compare)
endforeach()
# compare.py can fail: a personalised default render differs in text and pixels.
add_test(NAME compare.selftest
         COMMAND bash ${GP_TESTS_DIR}/compare/selftest.sh $<TARGET_FILE:guidepress>
                 ${GP_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/compare-selftest)
set_tests_properties(compare.selftest PROPERTIES TIMEOUT 300 LABELS compare)
# The Arabic guide runs too: its words differ from Cairo's only where
# Cairo's are wrong ("األداة" for "الأداة", "اب ِ" split off "ابنِ"), which
# compare.py tells from ours by the guide's own words (FINDINGS.md F3).
