# Our own PDF painter (issue 14): output read back with qpdf, poppler and
# pikepdf (see tests/pdfwriter/test_pdfwriter.py).
# Debian's python3 (python3-pikepdf), not another python3 found first on PATH.
find_program(GP_DEBIAN_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT GP_DEBIAN_PYTHON)
  set(GP_DEBIAN_PYTHON python3)
endif()
foreach(t output arabic deterministic batchcopies encryption tagged pdfa bigsubset)
  add_test(NAME pdfwriter.${t}
           COMMAND ${GP_DEBIAN_PYTHON} ${GP_TESTS_DIR}/pdfwriter/test_pdfwriter.py $<TARGET_FILE:guidepress>
                   ${GP_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/pdfwriter-${t} ${t})
  set_tests_properties(pdfwriter.${t} PROPERTIES TIMEOUT 300 LABELS render)
endforeach()

# Per-element /Lang: a structure element in another language than the one it
# inherits (tests/unit/test_pdf_lang.c builds the display list by hand).
pkg_check_modules(CMOCKA IMPORTED_TARGET cmocka)
if(CMOCKA_FOUND)
  add_executable(pdfwriter_test_lang ${GP_TESTS_DIR}/unit/test_pdf_lang.c)
  target_include_directories(pdfwriter_test_lang PRIVATE ${GP_SOURCE_DIR}/include ${GP_SOURCE_DIR}/src)
  target_compile_definitions(pdfwriter_test_lang PRIVATE GP_SOURCE_DIR="${GP_SOURCE_DIR}")
  target_link_libraries(pdfwriter_test_lang PRIVATE gpcore PkgConfig::CMOCKA PkgConfig::QPDF) # reads its PDF back
  add_test(NAME pdfwriter.element_lang COMMAND pdfwriter_test_lang)
  set_tests_properties(pdfwriter.element_lang PROPERTIES LABELS render)
endif()

# pdftotext of the right-to-left guides gives back the guide's own words in
# every shipped style: no word split at a mark, no ligature given back
# wrongly (FINDINGS.md F3; issue 14, point 1).
add_test(NAME pdfwriter.rtl_words
         COMMAND python3 ${GP_TESTS_DIR}/pdfwriter/rtl_words.py $<TARGET_FILE:guidepress>
                 ${GP_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/pdfwriter-rtl-words)
set_tests_properties(pdfwriter.rtl_words PROPERTIES LABELS "render;i18n" TIMEOUT 300)

# A PDF render is streamed a page at a time (src/layout/stream.h): the same
# bytes as a whole display list painted at once, for every guide and style,
# less memory on a long guide, and a failed write mid-stream leaves nothing
# (issue 14, point 6).
add_test(NAME pdfwriter.streamed
         COMMAND ${GP_DEBIAN_PYTHON} ${GP_TESTS_DIR}/pdfwriter/streamed.py $<TARGET_FILE:guidepress>
                 ${GP_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/pdfwriter-streamed)
set_tests_properties(pdfwriter.streamed PROPERTIES LABELS render TIMEOUT 600)
