# JSON Schemas for guide and style files (issue 19).
add_test(NAME schema_validate COMMAND ${GP_TESTS_DIR}/schema/run.sh $<TARGET_FILE:guidepress> ${GP_SOURCE_DIR})
set_tests_properties(schema_validate PROPERTIES LABELS "schema" TIMEOUT 300)
