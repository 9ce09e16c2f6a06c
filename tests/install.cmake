# Installation, packaging and the public API's hygiene (issue 19).
add_test(NAME install_prefix
         COMMAND ${GP_TESTS_DIR}/install/run.sh ${CMAKE_BINARY_DIR} ${GP_SOURCE_DIR})
set_tests_properties(install_prefix PROPERTIES LABELS "install;no-asan" TIMEOUT 300)
add_test(NAME install_man_options
         COMMAND ${GP_TESTS_DIR}/install/check_man.sh $<TARGET_FILE:guidepress> ${GP_SOURCE_DIR})
set_tests_properties(install_man_options PROPERTIES LABELS install)
add_test(NAME install_headers_alone
         COMMAND ${GP_TESTS_DIR}/install/check_headers.sh ${GP_SOURCE_DIR})
set_tests_properties(install_headers_alone PROPERTIES LABELS install)
add_test(NAME install_deb COMMAND ${GP_TESTS_DIR}/install/deb.sh ${CMAKE_BINARY_DIR} ${GP_SOURCE_DIR})
set_tests_properties(install_deb PROPERTIES LABELS "install;no-asan" TIMEOUT 300)
