# Command-line habits and watch mode (issue 19).
add_test(NAME cli_habits COMMAND ${GP_TESTS_DIR}/cli/habits.sh $<TARGET_FILE:guidepress> ${GP_SOURCE_DIR})
set_tests_properties(cli_habits PROPERTIES LABELS cli TIMEOUT 300)
add_test(NAME cli_watch COMMAND ${GP_TESTS_DIR}/cli/watch.sh $<TARGET_FILE:guidepress> ${GP_SOURCE_DIR})
set_tests_properties(cli_watch PROPERTIES LABELS cli TIMEOUT 120)
add_test(NAME cli_mistakes COMMAND ${GP_TESTS_DIR}/cli/mistakes.sh $<TARGET_FILE:guidepress> ${GP_SOURCE_DIR})
set_tests_properties(cli_mistakes PROPERTIES LABELS cli TIMEOUT 120)
# cli/ and bench/ use the library through include/guidepress only (issue 19).
add_test(NAME cli_public_headers COMMAND ${GP_TESTS_DIR}/cli/public_headers.sh ${GP_SOURCE_DIR})
set_tests_properties(cli_public_headers PROPERTIES LABELS cli)
