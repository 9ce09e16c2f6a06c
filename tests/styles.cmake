# Brand style sheet tests (issue #4), all named styles.*. Each renders the
# seed guide with a shipped or fixture style and reads the PDF back with
# poppler; see tests/styles/test_styles.py for what each one checks.
#   styles.bbox.<style>.<size>  no word outside the text area, every shipped
#                               style on A4, A5, Letter and Legal (plus one
#                               custom size with 4-value mixed-unit margins)
#   styles.narrow               A5 stacks compare panels, drops card columns
#   styles.brand                a ten-line brand file: palette, logo, footer
#   styles.logo_vector          SVG logos stay vector; header.logo
#   styles.font_file            a font file named by the style is embedded
#   styles.sections             hide, new_page, columns per section type
#   styles.errors               missing logo/font/parent, typos, cycles
#   styles.print_mono           greys only, no filled backgrounds, contrast
#   styles.large_print          clear-print rules (size, leading, alignment,
#                               contrast, no tinted panels, one column)
add_executable(styles_area ${GP_TESTS_DIR}/styles/style_area.c)
target_link_libraries(styles_area PRIVATE gpcore)

set(GP_STYLES_RUN python3 ${GP_TESTS_DIR}/styles/test_styles.py $<TARGET_FILE:guidepress>
    $<TARGET_FILE:styles_area> ${GP_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/styles-work)

file(GLOB GP_STYLES_SHIPPED CONFIGURE_DEPENDS ${GP_SOURCE_DIR}/styles/*.yaml)
foreach(f ${GP_STYLES_SHIPPED})
  get_filename_component(style ${f} NAME_WE)
  foreach(size A4 A5 Letter Legal)
    add_test(NAME styles.bbox.${style}.${size} COMMAND ${GP_STYLES_RUN} bbox ${style} ${size})
  endforeach()
endforeach()
add_test(NAME styles.bbox.example-brand.custom
         COMMAND ${GP_STYLES_RUN} bbox example-brand custom)

foreach(t narrow brand logo_vector font_file sections errors print_mono large_print)
  add_test(NAME styles.${t} COMMAND ${GP_STYLES_RUN} ${t})
endforeach()

get_property(GP_STYLES_TESTS DIRECTORY PROPERTY TESTS)
foreach(t ${GP_STYLES_TESTS})
  if(t MATCHES "^styles\\.")
    set_tests_properties(${t} PROPERTIES TIMEOUT 120 LABELS styles)
  endif()
endforeach()
