# tests/layout.cmake - pages a designer signs off (issue 20): nothing
# dropped, nothing overlapping, break rules, typography, and the layout
# linter over every guide x every shipped style. Fixtures in tests/layout/.
foreach(case salary_split chart_cues typography logo_and_contrast last_page many_notes)
  add_test(NAME layout.${case}
           COMMAND python3 ${GP_TESTS_DIR}/layout/test_layout.py $<TARGET_FILE:guidepress>
                   ${GP_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/layout-${case} ${case})
  set_tests_properties(layout.${case} PROPERTIES LABELS layout TIMEOUT 300)
endforeach()

# The linter finds dropped items of every section type, overlaps, content
# off the page and a thin last page (it must not be a linter that cannot fail).
add_executable(layout_test_lint ${GP_TESTS_DIR}/layout/test_lint.c)
target_include_directories(layout_test_lint PRIVATE ${GP_SOURCE_DIR}/include ${GP_SOURCE_DIR}/src)
target_link_libraries(layout_test_lint PRIVATE gpcore)
add_test(NAME layout.lint_finds COMMAND layout_test_lint ${GP_SOURCE_DIR})
set_tests_properties(layout.lint_finds PROPERTIES LABELS layout TIMEOUT 300)

# Every guide in data/ (and data/guides-i18n) and every stress guide, in
# every shipped style: zero findings.
add_test(NAME layout.lint_all
         COMMAND python3 ${GP_TESTS_DIR}/layout/test_layout.py $<TARGET_FILE:guidepress>
                 ${GP_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/layout-lint_all lint_all)
set_tests_properties(layout.lint_all PROPERTIES LABELS layout TIMEOUT 600)
