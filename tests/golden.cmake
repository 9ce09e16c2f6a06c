# Golden display lists (issue 14): the reference guide in every shipped
# style, the Arabic and Welsh guides and the stress guide, as
# `--dump-display` text, diffed against tests/golden/*.dl. After an intended
# layout change: tests/golden/update (see tests/golden/README.md).
add_test(NAME golden.display_lists
         COMMAND python3 ${GP_TESTS_DIR}/golden/golden.py $<TARGET_FILE:guidepress>
                 ${GP_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/golden)
set_tests_properties(golden.display_lists PROPERTIES TIMEOUT 300 LABELS golden)
# The golden test can fail: an edited golden gives a readable diff.
add_test(NAME golden.selftest
         COMMAND python3 ${GP_TESTS_DIR}/golden/selftest.py $<TARGET_FILE:guidepress>
                 ${GP_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/golden-selftest)
set_tests_properties(golden.selftest PROPERTIES TIMEOUT 300 LABELS golden)
