# Message catalogues: po/<lang>.po -> <build>/locale/<lang>/LC_MESSAGES/
# guidepress.mo with msgfmt (GNU gettext), installed to
# <prefix>/share/locale. The program reads them through glibc's gettext;
# src/base/i18n.c looks in $GUIDEPRESS_LOCALEDIR, then the build tree, then
# the install folder. `cmake --build build --target pot` re-extracts
# po/guidepress.pot and `--target update-po` merges it into every .po.
include(GNUInstallDirs)
find_program(GP_MSGFMT msgfmt REQUIRED)
find_program(GP_MSGMERGE msgmerge REQUIRED)
file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/po/LINGUAS GP_LINGUAS REGEX "^[a-zA-Z_@]+$")
set(GP_LOCALE_BUILD_DIR ${CMAKE_BINARY_DIR}/locale)
set(GP_MO_FILES)
foreach(lang ${GP_LINGUAS})
  set(po ${CMAKE_CURRENT_SOURCE_DIR}/po/${lang}.po)
  set(mo ${GP_LOCALE_BUILD_DIR}/${lang}/LC_MESSAGES/guidepress.mo)
  add_custom_command(OUTPUT ${mo}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${GP_LOCALE_BUILD_DIR}/${lang}/LC_MESSAGES
    COMMAND ${GP_MSGFMT} --check -o ${mo} ${po}
    DEPENDS ${po} VERBATIM)
  list(APPEND GP_MO_FILES ${mo})
  install(FILES ${mo} DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/${lang}/LC_MESSAGES)
endforeach()
add_custom_target(catalogues ALL DEPENDS ${GP_MO_FILES})
add_dependencies(gpobj catalogues)
target_compile_definitions(gpobj PRIVATE
  GP_LOCALEDIR_BUILD="${GP_LOCALE_BUILD_DIR}"
  GP_LOCALEDIR_INSTALL="${CMAKE_INSTALL_FULL_LOCALEDIR}")
add_custom_target(pot COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/po/make-pot.sh VERBATIM)
set(GP_UPDATE_PO_CMDS)
foreach(lang ${GP_LINGUAS})
  list(APPEND GP_UPDATE_PO_CMDS COMMAND ${GP_MSGMERGE} --update --backup=none
       ${CMAKE_CURRENT_SOURCE_DIR}/po/${lang}.po ${CMAKE_CURRENT_SOURCE_DIR}/po/guidepress.pot)
endforeach()
add_custom_target(update-po ${GP_UPDATE_PO_CMDS} DEPENDS pot VERBATIM)
