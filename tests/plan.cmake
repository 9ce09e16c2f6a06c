# Issue 16, a personal plan that travels: streams, secrets, dated plans,
# calendar export and email (tests/plan/test_plan.py reads the outputs back
# with pdftotext, qpdf, python3-icalendar and Python's email package).
foreach(t streams secrets)
  add_test(NAME plan.${t}
           COMMAND python3 ${GP_TESTS_DIR}/plan/test_plan.py $<TARGET_FILE:guidepress>
                   ${GP_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/plan-${t} ${t})
  set_tests_properties(plan.${t} PROPERTIES TIMEOUT 300 LABELS plan)
endforeach()
