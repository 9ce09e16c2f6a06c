# tests/perf.cmake - speed work (issue 9) must not change output: the cache
# of laid-out paragraphs gives the same display lists as no cache, across
# personalised copies, languages and a budget small enough to evict.
# (Speed itself is measured by bench/, never asserted here.)
pkg_check_modules(GP_PERF_CMOCKA IMPORTED_TARGET cmocka)
if(GP_PERF_CMOCKA_FOUND)
  add_executable(perf_textcache ${GP_TESTS_DIR}/perf/test_textcache.c)
  target_include_directories(perf_textcache PRIVATE ${GP_SOURCE_DIR}/src)
  target_compile_definitions(perf_textcache PRIVATE GP_SOURCE_DIR="${GP_SOURCE_DIR}")
  target_link_libraries(perf_textcache PRIVATE gpcore PkgConfig::GP_PERF_CMOCKA)
  add_test(NAME perf.textcache COMMAND perf_textcache ${CMAKE_CURRENT_BINARY_DIR}/perf-textcache)
  set_tests_properties(perf.textcache PROPERTIES LABELS perf TIMEOUT 300)
endif()

add_test(NAME perf.size
         COMMAND ${GP_TESTS_DIR}/perf/check_size.sh $<TARGET_FILE:guidepress> ${GP_SOURCE_DIR}
                 ${CMAKE_CURRENT_BINARY_DIR}/perf-size)
set_tests_properties(perf.size PROPERTIES LABELS perf TIMEOUT 120)
