# tests/batch.cmake - `guidepress batch` and mail merge: the CSV reader's
# unit tests, failure isolation, a 1,000-row merge, -j independence,
# SIGKILL part-way plus --resume, and the JSON report.
if(NOT TARGET PkgConfig::CMOCKA)
  pkg_check_modules(CMOCKA IMPORTED_TARGET cmocka)
endif()
if(TARGET PkgConfig::CMOCKA)
  add_executable(batch_test_csv ${GP_TESTS_DIR}/batch/test_csv.c)
  target_include_directories(batch_test_csv PRIVATE ${GP_SOURCE_DIR}/include ${GP_SOURCE_DIR}/src)
  target_compile_definitions(batch_test_csv PRIVATE GP_SOURCE_DIR="${GP_SOURCE_DIR}")
  target_link_libraries(batch_test_csv PRIVATE gpcore PkgConfig::CMOCKA)
  add_test(NAME batch.unit.csv COMMAND batch_test_csv)
else()
  message(WARNING "cmocka not found: batch CSV unit tests are not built")
endif()
