# Render tests for the typesetting issue: the seed and stress guides read
# back with poppler and qpdf (see tests/render/test_render.py).
foreach(t seed_layout stress_layout pdf_structure deterministic reference_png png_svg
          personalise errors default_output_name all_guides table_continued
          system_fonts)
  add_test(NAME render.${t}
           COMMAND python3 ${GP_TESTS_DIR}/render/test_render.py $<TARGET_FILE:guidepress>
                   ${GP_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/render-${t} ${t})
  set_tests_properties(render.${t} PROPERTIES TIMEOUT 300 LABELS render)
endforeach()
