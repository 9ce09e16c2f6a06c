# Style sheet tests, all named style.*:
#   style.values          units, colours, page sizes, margins, weights, merge
#   style.load            loading through extends chains (temporary files)
#   style.bad.<name>      tests/bad/style/<name>.yaml must fail `guidepress
#                         check` with the error its first line expects
#   style.check_shipped   every shipped style in styles/ must pass check
# cmocka is looked up under a prefix of our own so that another area's
# pkg_check_modules(CMOCKA ...) cannot clash with it.
pkg_check_modules(GP_STYLE_CMOCKA IMPORTED_TARGET cmocka)
if(GP_STYLE_CMOCKA_FOUND)
  foreach(t values load)
    add_executable(test_style_${t} ${GP_TESTS_DIR}/unit/test_style_${t}.c)
    target_include_directories(test_style_${t} PRIVATE ${GP_SOURCE_DIR}/src)
    target_compile_definitions(test_style_${t} PRIVATE GP_TEST_SOURCE_DIR="${GP_SOURCE_DIR}")
    target_link_libraries(test_style_${t} PRIVATE gpcore PkgConfig::GP_STYLE_CMOCKA)
    add_test(NAME style.${t} COMMAND test_style_${t})
  endforeach()
else()
  message(STATUS "cmocka not found: style unit tests skipped")
endif()

file(GLOB GP_STYLE_BAD CONFIGURE_DEPENDS ${GP_TESTS_DIR}/bad/style/*.yaml)
foreach(f ${GP_STYLE_BAD})
  get_filename_component(n ${f} NAME_WE)
  add_test(NAME style.bad.${n}
           COMMAND ${GP_TESTS_DIR}/bad/style/run.sh $<TARGET_FILE:guidepress> ${f})
endforeach()

file(GLOB GP_SHIPPED_STYLES CONFIGURE_DEPENDS ${GP_SOURCE_DIR}/styles/*.yaml)
add_test(NAME style.check_shipped COMMAND guidepress check ${GP_SHIPPED_STYLES})
