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
  set_tests_properties(batch.unit.csv PROPERTIES LABELS batch)
  # the engine's guide cache (issue 14, point 5): parsed once, re-read
  # when changed, nothing of one render reaches the next
  add_executable(batch_test_guide_cache ${GP_TESTS_DIR}/unit/test_guide_cache.c)
  target_include_directories(batch_test_guide_cache PRIVATE ${GP_SOURCE_DIR}/include
                             ${GP_SOURCE_DIR}/src)
  target_compile_definitions(batch_test_guide_cache PRIVATE GP_SOURCE_DIR="${GP_SOURCE_DIR}")
  target_link_libraries(batch_test_guide_cache PRIVATE gpcore PkgConfig::CMOCKA)
  add_test(NAME batch.unit.guide_cache COMMAND batch_test_guide_cache)
  set_tests_properties(batch.unit.guide_cache PROPERTIES LABELS batch TIMEOUT 300 ENVIRONMENT
    "LSAN_OPTIONS=suppressions=${GP_TESTS_DIR}/batch/lsan.supp:print_suppressions=0")
else()
  message(WARNING "cmocka not found: batch CSV unit tests are not built")
endif()


# End-to-end tests with the real program (tests/batch/test_batch.py): NAME,
# the test's function, then its row count (0: none).
set(GP_BATCH_PY ${GP_TESTS_DIR}/batch/test_batch.py)
foreach(spec hostile:hostile:0 crash:crash:0 csv_errors:csv_errors:0
             shard_resume:shard_resume:0 style_fonts:style_fonts:0 kill_resume:interrupt:40
             guide_cache:guide_cache:0 merge_100:merge:100
             merge_1000:merge:1000)
  string(REPLACE ":" ";" parts ${spec})
  list(GET parts 0 name)
  list(GET parts 1 func)
  list(GET parts 2 rows)
  add_test(NAME batch.${name}
           COMMAND python3 ${GP_BATCH_PY} $<TARGET_FILE:guidepress> ${GP_SOURCE_DIR}
                   ${CMAKE_CURRENT_BINARY_DIR}/batch-${name} ${func} ${rows})
  set_tests_properties(batch.${name} PROPERTIES TIMEOUT 300 LABELS batch ENVIRONMENT
    "LSAN_OPTIONS=suppressions=${GP_TESTS_DIR}/batch/lsan.supp:print_suppressions=0")
endforeach()
# 1,000 documents take too long under AddressSanitizer; merge_100 covers it there.
set_tests_properties(batch.merge_1000 PROPERTIES LABELS "batch;no-asan")

# The public batch API (guidepress/batch.h) as a program outside the tree
# uses it: <guidepress/...> headers only, linked against the shared
# library, so an unexported gp_batch_* function fails the link. The fuzz
# build has no shared library (tests/fuzz.cmake).
if(TARGET PkgConfig::CMOCKA AND NOT GP_FUZZ)
  add_executable(batch_test_api ${GP_TESTS_DIR}/unit/test_batch_api.c)
  target_include_directories(batch_test_api PRIVATE ${GP_SOURCE_DIR}/include)
  target_compile_definitions(batch_test_api PRIVATE GP_SOURCE_DIR="${GP_SOURCE_DIR}")
  target_link_libraries(batch_test_api PRIVATE gpshared PkgConfig::CMOCKA)
  add_test(NAME batch.unit.api COMMAND batch_test_api)
  # the workers exit through exit(), so LeakSanitizer checks them too:
  # the same fontconfig suppressions as the program's batch tests
  set_tests_properties(batch.unit.api PROPERTIES LABELS batch TIMEOUT 300 ENVIRONMENT
    "LSAN_OPTIONS=suppressions=${GP_TESTS_DIR}/batch/lsan.supp:print_suppressions=0")
endif()
