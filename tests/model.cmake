# tests/model.cmake - the model: YAML tree, rich text, money, guide loading,
# `guidepress check` and the corpus of broken guide files.
pkg_check_modules(CMOCKA IMPORTED_TARGET cmocka)
if(CMOCKA_FOUND)
  foreach(name rich money ytree guide atomic paragraph)
    add_executable(model_test_${name} ${GP_TESTS_DIR}/unit/test_${name}.c)
    target_include_directories(model_test_${name} PRIVATE
      ${GP_SOURCE_DIR}/include ${GP_SOURCE_DIR}/src)
    target_compile_definitions(model_test_${name} PRIVATE GP_SOURCE_DIR="${GP_SOURCE_DIR}")
    target_link_libraries(model_test_${name} PRIVATE gpcore PkgConfig::CMOCKA)
    add_test(NAME model.unit.${name} COMMAND model_test_${name})
  endforeach()
else()
  message(WARNING "cmocka not found: model unit tests are not built")
endif()

add_test(NAME model.bad_guides
         COMMAND ${GP_TESTS_DIR}/bad/run.sh $<TARGET_FILE:guidepress>
                 ${CMAKE_CURRENT_BINARY_DIR}/model-bad)
if(GP_SANITIZE)
  set_tests_properties(model.bad_guides PROPERTIES ENVIRONMENT GP_HANG_LIMIT_MS=5000)
endif()

# Every shipped guide must check clean.
file(GLOB GP_MODEL_DATA_GUIDES CONFIGURE_DEPENDS ${GP_SOURCE_DIR}/data/guides/*.yaml)
if(GP_MODEL_DATA_GUIDES)
  add_test(NAME model.data_guides_check
           COMMAND guidepress check ${GP_MODEL_DATA_GUIDES})
endif()
