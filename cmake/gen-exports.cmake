# Writes the linker version script of libguidepress.so: every function
# declared in the public headers (include/guidepress/*.h) is exported under
# the version node GUIDEPRESS_0, and every other symbol stays local.
# Usage: cmake -DOUT=map -P gen-exports.cmake HEADER...
set(names "")
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE 0 ${last})
  set(arg "${CMAKE_ARGV${i}}")
  if(arg MATCHES "\\.h$")
    file(READ "${arg}" text)
    # Drop comments, then take identifiers followed by "(" that start a
    # declaration: gp_name( ... ) with gp_ prefix.
    string(REGEX REPLACE "/\\*([^*]|\\*+[^*/])*\\*+/" "" text "${text}")
    string(REGEX MATCHALL "[ *](gp_[a-z0-9_]+)[ \t]*\\(" found "${text}")
    foreach(f ${found})
      string(REGEX REPLACE "^[ *](gp_[a-z0-9_]+).*" "\\1" f "${f}")
      list(APPEND names ${f})
    endforeach()
  endif()
endforeach()
list(REMOVE_DUPLICATES names)
list(SORT names)
set(body "GUIDEPRESS_0 {\n  global:\n")
foreach(n ${names})
  string(APPEND body "    ${n};\n")
endforeach()
string(APPEND body "  local:\n    *;\n};\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
