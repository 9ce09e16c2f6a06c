# tests/roles.cmake - guides composed from role profiles (issue 18): the
# composed PDF's text, the compose YAML round trip, the shipped profiles,
# the matrix batch and each bad-data message (tests/roles/test_roles.py).
set(GP_ROLES_PY ${GP_TESTS_DIR}/roles/test_roles.py)
foreach(case composed_pdf roundtrip profiles_check unknown_skill cycle no_shared
             market_missing same_role pair_error matrix check_files)
  add_test(NAME roles.${case}
           COMMAND python3 ${GP_ROLES_PY} $<TARGET_FILE:guidepress> ${GP_SOURCE_DIR}
                   ${CMAKE_CURRENT_BINARY_DIR}/roles-${case} ${case})
  set_tests_properties(roles.${case} PROPERTIES TIMEOUT 120 LABELS roles)
endforeach()
