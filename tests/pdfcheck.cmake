# PDF checker (issue 14): the machine-checkable conditions of PDF/UA-1
# (Matterhorn Protocol) and PDF/A-2, with pikepdf. See tests/pdfcheck/README.md.
# Debian's python3-pikepdf is in the system Python; a pyenv or venv python3
# earlier on PATH may not see it, so the tests name /usr/bin/python3.
find_program(GP_PIKEPDF_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT GP_PIKEPDF_PYTHON)
  set(GP_PIKEPDF_PYTHON python3)
endif()
set(GP_PDFCHECK ${GP_PIKEPDF_PYTHON} ${GP_TESTS_DIR}/pdfcheck/pdfcheck.py)

# Every check fires on a synthetic PDF with exactly that defect, and a PDF
# meeting all of them passes clean.
add_test(NAME pdfcheck.selftest
         COMMAND ${GP_PIKEPDF_PYTHON} ${GP_TESTS_DIR}/pdfcheck/test_pdfcheck.py
                 ${GP_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/pdfcheck-selftest)
set_tests_properties(pdfcheck.selftest PROPERTIES TIMEOUT 300 LABELS pdfcheck)

# Every shipped guide (left-to-right and right-to-left) in every shipped
# style, rendered by the default PDF painter: PDF/UA-1, and with --pdfa
# PDF/UA-1 + PDF/A-2 (issue 14, point 7). One test per guide.
file(GLOB GP_SAMPLE_GUIDES CONFIGURE_DEPENDS ${GP_SOURCE_DIR}/data/guides/*.yaml
     ${GP_SOURCE_DIR}/data/guides-i18n/*.yaml)
foreach(guide ${GP_SAMPLE_GUIDES})
  get_filename_component(gname ${guide} NAME_WE)
  add_test(NAME pdfcheck.samples.${gname}
           COMMAND ${GP_PIKEPDF_PYTHON} ${GP_TESTS_DIR}/pdfcheck/samples.py
                   $<TARGET_FILE:guidepress> ${GP_SOURCE_DIR}
                   ${CMAKE_CURRENT_BINARY_DIR}/pdfcheck-samples --only ${gname})
  set_tests_properties(pdfcheck.samples.${gname} PROPERTIES TIMEOUT 300 LABELS pdfcheck)
endforeach()
