# tests/api.cmake - the public API as a program outside the tree sees it
# (issue 19): the owning types are opaque, and their accessors return what
# the files hold.
if(NOT GP_FUZZ)
  add_executable(api_opaque ${GP_TESTS_DIR}/api/opaque_api.c)
  target_include_directories(api_opaque PRIVATE ${GP_SOURCE_DIR}/include)
  target_link_libraries(api_opaque PRIVATE gpshared)
  foreach(g data/guides/data-engineer-to-backend-developer.yaml
            data/guides-i18n/ar-mohasib-ila-mohallil-bayanat.yaml)
    get_filename_component(name ${g} NAME_WE)
    add_test(NAME api.accessors.${name}
             COMMAND python3 ${GP_TESTS_DIR}/api/check_api.py
                     $<TARGET_FILE:api_opaque> ${GP_SOURCE_DIR}/${g} default
                     ${CMAKE_CURRENT_BINARY_DIR}/api/${name})
    set_tests_properties(api.accessors.${name} PROPERTIES LABELS api)
  endforeach()
endif()
add_test(NAME api.opaque_types COMMAND ${GP_TESTS_DIR}/api/check_opaque.sh ${GP_SOURCE_DIR})
set_tests_properties(api.opaque_types PROPERTIES LABELS "api;install")
