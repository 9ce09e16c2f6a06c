# Archival and protected output (issue 6): the libharu painter against the
# Cairo painter (text, pixels, structure), PDF/A-1b, AES-256 passwords,
# embedded source, /Lang. See tests/post/test_haru.py for the tolerances.
foreach(t agree_seed agree_stress structure arabic
          pdfa pdfa_conflicts password attach)
  add_test(NAME haru.${t}
           COMMAND python3 ${GP_TESTS_DIR}/post/test_haru.py $<TARGET_FILE:guidepress>
                   ${GP_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/haru-${t} ${t})
  set_tests_properties(haru.${t} PROPERTIES TIMEOUT 300 LABELS haru)
endforeach()
