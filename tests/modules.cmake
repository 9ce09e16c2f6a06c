# Plug-in modules (issue 14, src/base/module.h): libharu, libqpdf, librsvg,
# GMime and libical are not linked into the program or libguidepress.so, a plain
# render maps none of them, and each render that needs one loads its module
# (checked with readelf and LD_DEBUG=files); a missing module is a clear
# error. The installed and packaged modules are checked by install_prefix
# and install_deb.
add_test(NAME modules.lazy_load
         COMMAND ${GP_TESTS_DIR}/modules/check.sh $<TARGET_FILE:guidepress>
                 $<TARGET_FILE:gpshared> ${GP_SOURCE_DIR})
set_tests_properties(modules.lazy_load PROPERTIES LABELS "modules;render" TIMEOUT 300)
