# Installation and packaging (cmake --install, CPack .deb).
#
#   bin/guidepress                       the program
#   lib/libguidepress.so.0 (+ .so), .a   the library, shared with a soname and static
#   lib/guidepress/guidepress-*.so       modules: libharu, libqpdf, librsvg code (cmake/modules.cmake)
#   include/guidepress/*.h               the public API
#   lib/pkgconfig/guidepress.pc          pkg-config --cflags --libs guidepress
#   share/guidepress/{fonts,styles}      found at run time relative to the library
#   share/man/man1, man5                 guidepress(1), guidepress-guide(5), guidepress-style(5)
#   share/bash-completion, share/zsh     shell completions
#   share/doc/guidepress                 README and docs

install(TARGETS guidepress RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS gpshared LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        NAMELINK_COMPONENT Unspecified)
install(TARGETS gpcore ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY include/guidepress DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")
install(DIRECTORY fonts/ DESTINATION ${CMAKE_INSTALL_DATADIR}/guidepress/fonts)
install(DIRECTORY styles/ DESTINATION ${CMAKE_INSTALL_DATADIR}/guidepress/styles)
install(DIRECTORY data/guides data/guides-i18n
        DESTINATION ${CMAKE_INSTALL_DATADIR}/guidepress/examples OPTIONAL)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}
        PATTERN "man" EXCLUDE)

# pkg-config: the shared library by default; --static adds what the
# archive needs.
set(GP_PC_REQUIRES_PRIVATE
    "pangocairo pangoft2 pango fontconfig freetype2 harfbuzz cairo cairo-pdf cairo-svg cairo-png cairo-ft yaml-0.1 libxml-2.0 harfbuzz-subset libdeflate nettle")
# libharu, libqpdf, librsvg, GMime and libical are not listed: their code
# is in the modules (lib/guidepress), which the library loads on first use.
file(RELATIVE_PATH GP_PC_UP /p/${CMAKE_INSTALL_LIBDIR}/pkgconfig /p)
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/packaging/guidepress.pc.in
               ${CMAKE_CURRENT_BINARY_DIR}/guidepress.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/guidepress.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# Man pages: written once in Markdown under docs/man/ and converted with
# go-md2man (the converter Docker and Podman use for theirs), so the page
# and the docs are one source and cannot drift. tests/install checks that
# every option the program accepts is in guidepress(1).
find_program(GO_MD2MAN go-md2man)
set(GP_MAN_OUT "")
if(GO_MD2MAN)
  # page | its Markdown head | the doc it carries
  set(GP_MAN_SPECS
      "guidepress.1|docs/man/guidepress.1.md|"
      "guidepress-guide.5|docs/man/guidepress-guide.5.head|docs/guide-format.md"
      "guidepress-style.5|docs/man/guidepress-style.5.head|docs/style-reference.md")
  foreach(spec ${GP_MAN_SPECS})
    string(REPLACE "|" ";" parts "${spec}")
    list(GET parts 0 page)
    list(GET parts 1 head)
    list(LENGTH parts np)
    set(doc "")
    if(np GREATER 2)
      list(GET parts 2 doc)
    endif()
    string(REGEX REPLACE ".*\\.([0-9])$" "\\1" sect ${page})
    set(deps ${CMAKE_CURRENT_SOURCE_DIR}/${head} ${CMAKE_CURRENT_SOURCE_DIR}/cmake/man.cmake)
    set(docarg "")
    if(doc)
      list(APPEND deps ${CMAKE_CURRENT_SOURCE_DIR}/${doc})
      set(docarg -DDOC=${CMAKE_CURRENT_SOURCE_DIR}/${doc})
    endif()
    add_custom_command(OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/man/${page}
      COMMAND ${CMAKE_COMMAND} -DMD2MAN=${GO_MD2MAN} -DHEAD=${CMAKE_CURRENT_SOURCE_DIR}/${head}
              ${docarg} -DOUT=${CMAKE_CURRENT_BINARY_DIR}/man/${page}
              -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/man.cmake
      DEPENDS ${deps})
    list(APPEND GP_MAN_OUT ${CMAKE_CURRENT_BINARY_DIR}/man/${page})
    install(FILES ${CMAKE_CURRENT_BINARY_DIR}/man/${page}
            DESTINATION ${CMAKE_INSTALL_MANDIR}/man${sect})
  endforeach()
  add_custom_target(man ALL DEPENDS ${GP_MAN_OUT})
else()
  message(WARNING "go-md2man not found: man pages are not built (scripts/setup.sh installs it)")
endif()

install(FILES packaging/completions/guidepress.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME guidepress)
install(FILES packaging/completions/_guidepress
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)

# A .deb: cpack -G DEB in the build folder.
set(CPACK_PACKAGE_NAME guidepress)
set(CPACK_PACKAGE_VENDOR "guidepress")
set(CPACK_PACKAGE_CONTACT "guidepress maintainers <maintainers@guidepress.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "typesets career-change guides from YAML role data into tagged PDF")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "icc-profiles-free, hyphen-en-gb")
# Month names and number formats of a guide's language come from glibc locales
# (en_GB, cy_GB, ar_SA, ur_PK, pl_PL generated with locale-gen); without them
# the guide is set in English with a warning (docs/translating.md).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "locales")
include(CPack)
