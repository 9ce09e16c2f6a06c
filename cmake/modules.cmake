# Plug-in modules (issue 14; src/base/module.h): the code that needs
# libharu, libqpdf or librsvg is built as guidepress-<name>.so, dlopen'ed on
# first use, so a plain render does not load those libraries before main.
# GMime and libical (the plan's email and calendar) likewise.
#
#   guidepress-haru.so   src/paint/haru/       libharu (+ librsvg for SVG logos)
#   guidepress-qpdf.so   src/engine/post.c     libqpdf
#   guidepress-svg.so    src/modules/svg.c,    librsvg, libqpdf
#                        src/paint/pdf/svg.c
#   guidepress-mail.so   src/mail/eml.c        GMime (--eml)
#   guidepress-ics.so    src/plan/ics.c        libical (--ics, --eml with a start date)
#
# Included by CMakeLists.txt right after the library's source list: takes
# the modules' sources out of it. Each module links what it uses of the
# static library (alloc, buffers, diagnostics) with hidden symbols and
# exports only gpmod_* (cmake/modules.map). Built into ${GP_MODULE_BUILD_DIR},
# installed into <libdir>/guidepress, where base/module.c finds them
# relative to the program or libguidepress.so.
set(GP_MODULE_SOURCES_haru
    ${CMAKE_CURRENT_SOURCE_DIR}/src/paint/haru/haru.c
    ${CMAKE_CURRENT_SOURCE_DIR}/src/paint/haru/image.c
    ${CMAKE_CURRENT_SOURCE_DIR}/src/paint/haru/cmap.c)
set(GP_MODULE_SOURCES_qpdf ${CMAKE_CURRENT_SOURCE_DIR}/src/engine/post.c)
set(GP_MODULE_SOURCES_svg
    ${CMAKE_CURRENT_SOURCE_DIR}/src/modules/svg.c
    ${CMAKE_CURRENT_SOURCE_DIR}/src/paint/pdf/svg.c)
set(GP_MODULE_SOURCES_mail ${CMAKE_CURRENT_SOURCE_DIR}/src/mail/eml.c)
set(GP_MODULE_SOURCES_ics ${CMAKE_CURRENT_SOURCE_DIR}/src/plan/ics.c)
set(GP_MODULES haru qpdf svg mail ics)
foreach(m ${GP_MODULES})
  list(REMOVE_ITEM GP_LIB_SOURCES ${GP_MODULE_SOURCES_${m}})
endforeach()
file(GLOB GP_MODULE_ONLY CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/modules/*.c)
list(REMOVE_ITEM GP_LIB_SOURCES ${GP_MODULE_ONLY})

set(GP_MODULE_BUILD_DIR ${CMAKE_CURRENT_BINARY_DIR}/modules)
set(GP_MODULE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/guidepress)
file(RELATIVE_PATH GP_MODULE_RELDIR /p/${CMAKE_INSTALL_BINDIR} /p/${GP_MODULE_INSTALL_DIR})

function(gp_add_module name)
  add_library(gpmod_${name} MODULE ${GP_MODULE_SOURCES_${name}}
              ${CMAKE_CURRENT_SOURCE_DIR}/src/modules/abi.c)
  target_include_directories(gpmod_${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_compile_definitions(gpmod_${name} PRIVATE GP_ICC_PROFILE="/usr/share/color/icc/sRGB.icc")
  target_link_libraries(gpmod_${name} PRIVATE gpcore ${ARGN})
  target_link_options(gpmod_${name} PRIVATE -Wl,--as-needed -Wl,--exclude-libs,ALL
                      -Wl,--version-script=${CMAKE_CURRENT_SOURCE_DIR}/cmake/modules.map)
  set_property(TARGET gpmod_${name} APPEND PROPERTY LINK_DEPENDS
               ${CMAKE_CURRENT_SOURCE_DIR}/cmake/modules.map)
  set_target_properties(gpmod_${name} PROPERTIES PREFIX "" OUTPUT_NAME guidepress-${name}
                        LIBRARY_OUTPUT_DIRECTORY ${GP_MODULE_BUILD_DIR})
  install(TARGETS gpmod_${name} LIBRARY DESTINATION ${GP_MODULE_INSTALL_DIR})
  add_dependencies(guidepress gpmod_${name}) # `--target guidepress` gives a working program
endfunction()
set_source_files_properties(${CMAKE_CURRENT_SOURCE_DIR}/src/base/module.c PROPERTIES
  COMPILE_DEFINITIONS "GP_MODULE_RELDIR=\"${GP_MODULE_RELDIR}\";GP_BUILD_MODULE_DIR=\"${GP_MODULE_BUILD_DIR}\";GP_INSTALL_MODULE_DIR=\"${CMAKE_INSTALL_FULL_LIBDIR}/guidepress\"")
