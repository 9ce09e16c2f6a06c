# tests/limits.cmake - hostile input at render time (tests/limits/run.sh):
# every case must end in a clear error and exit status 1 (or, for the
# warning cases, a complete PDF and the warning), never a crash, a hang or
# a partial output file. docs/limits.md lists the limits and their errors.
set(GP_LIMITS_CASES
  margins_larger_than_page text_area_too_small page_size_negative page_size_zero
  page_size_huge margin_negative padding_negative
  font_size_zero font_size_5000 leading_zero
  card_taller_than_page page_cap_steps page_cap_long_text guide_file_too_big
  rich_unclosed_markers nul_escape extends_fifo extends_device
  logo_huge_header logo_huge_complete logo_over_pixel_limit logo_too_wide logo_corrupt
  logo_not_image logo_svg_corrupt
  font_not_font font_bad_tables font_truncated
  missing_glyphs)
foreach(c ${GP_LIMITS_CASES})
  add_test(NAME limits.${c}
           COMMAND ${GP_TESTS_DIR}/limits/run.sh $<TARGET_FILE:guidepress> ${c})
  set_tests_properties(limits.${c} PROPERTIES LABELS limits TIMEOUT 300)
endforeach()

# Valgrind memcheck on the seed guide (scripts/valgrind-check): no errors, no
# definite or indirect leaks. Not in the sanitizer or fuzz builds, whose
# binaries valgrind cannot run.
find_program(GP_VALGRIND valgrind)
if(GP_VALGRIND AND NOT GP_SANITIZE AND NOT GP_FUZZ)
  add_test(NAME limits.valgrind_seed
           COMMAND ${GP_SOURCE_DIR}/scripts/valgrind-check $<TARGET_FILE:guidepress>)
  set_tests_properties(limits.valgrind_seed PROPERTIES LABELS "limits;no-asan" TIMEOUT 600)
endif()
