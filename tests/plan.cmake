# Issue 16, a personal plan that travels: streams, secrets, dated plans,
# calendar export and email (tests/plan/test_plan.py reads the outputs back
# with pdftotext, qpdf, python3-icalendar and Python's email package).
# Debian's python3 (python3-icalendar, python3-pikepdf come from apt), not
# whatever python3 is first on PATH.
find_program(GP_PLAN_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT GP_PLAN_PYTHON)
  set(GP_PLAN_PYTHON python3)
endif()
foreach(t streams secrets dated_en dated_languages dated_forms ics merge_plan email email_template sendmail forms)
  add_test(NAME plan.${t}
           COMMAND ${GP_PLAN_PYTHON} ${GP_TESTS_DIR}/plan/test_plan.py $<TARGET_FILE:guidepress>
                   ${GP_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/plan-${t} ${t})
  set_tests_properties(plan.${t} PROPERTIES TIMEOUT 300 LABELS plan)
endforeach()
