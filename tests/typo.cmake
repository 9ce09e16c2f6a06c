# tests/typo.cmake - print-grade typography and accessibility (issue 5):
# hyphenation, total-fit justification, tagged PDF, /Lang, right-to-left
# and Welsh guides. Fixtures and scripts live in tests/typo/.
add_executable(typo_kp_cost ${GP_TESTS_DIR}/typo/kp_cost.c)
target_include_directories(typo_kp_cost PRIVATE ${GP_SOURCE_DIR}/include ${GP_SOURCE_DIR}/src)
target_link_libraries(typo_kp_cost PRIVATE gpcore)

foreach(case justify-measure hyphens kp-vs-greedy tagged arabic welsh uncovered quotes terms)
  add_test(NAME typo.${case}
           COMMAND ${GP_TESTS_DIR}/typo/run.sh ${case} $<TARGET_FILE:guidepress>
                   $<TARGET_FILE:typo_kp_cost> ${CMAKE_CURRENT_BINARY_DIR}/typo-${case})
  set_tests_properties(typo.${case} PROPERTIES LABELS typo TIMEOUT 120)
endforeach()
