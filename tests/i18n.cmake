# tests/i18n.cmake - the document in the reader's language (issue 17):
# complete catalogues, a template in step with the sources, languages,
# dates, numbers and labels in rendered PDFs. Scripts live in tests/i18n/.
add_test(NAME i18n.catalogues COMMAND ${GP_TESTS_DIR}/i18n/check_catalogues.sh ${GP_SOURCE_DIR})
add_test(NAME i18n.pot COMMAND ${GP_TESTS_DIR}/i18n/check_pot.sh ${GP_SOURCE_DIR}
                               ${CMAKE_CURRENT_BINARY_DIR}/i18n-pot)
set_tests_properties(i18n.catalogues i18n.pot PROPERTIES LABELS i18n TIMEOUT 60)
foreach(case rtl words labels digits unknown cli)
  add_test(NAME i18n.${case}
           COMMAND python3 ${GP_TESTS_DIR}/i18n/render_i18n.py $<TARGET_FILE:guidepress>
                   ${GP_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/i18n-${case} ${case})
  set_tests_properties(i18n.${case} PROPERTIES LABELS i18n TIMEOUT 120)
endforeach()
# elemlang reads the PDF's structure tree with Debian's python3-pikepdf,
# which a python3 earlier on PATH may not see (as tests/pdfcheck.cmake).
add_test(NAME i18n.elemlang
         COMMAND /usr/bin/python3 ${GP_TESTS_DIR}/i18n/render_i18n.py $<TARGET_FILE:guidepress>
                 ${GP_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/i18n-elemlang elemlang)
set_tests_properties(i18n.elemlang PROPERTIES LABELS i18n TIMEOUT 120)
