# tests/layout.cmake - pages a designer signs off (issue 20): nothing
# dropped, nothing overlapping, break rules, typography, and the layout
# linter over every guide x every shipped style. Fixtures in tests/layout/.
foreach(case salary_split chart_cues)
  add_test(NAME layout.${case}
           COMMAND python3 ${GP_TESTS_DIR}/layout/test_layout.py $<TARGET_FILE:guidepress>
                   ${GP_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/layout-${case} ${case})
  set_tests_properties(layout.${case} PROPERTIES LABELS layout TIMEOUT 300)
endforeach()
