# Writes the table of current ISO 4217 currency codes from Debian's
# iso-codes data (/usr/share/iso-codes/json/iso_4217.json), the list the
# ISO maintenance agency publishes, so that `currency: GPB` is caught
# without a hand-kept list. Usage: cmake -DIN=json -DOUT=file.c -P gen-iso4217.cmake
file(READ "${IN}" json)
string(JSON n LENGTH "${json}" "4217")
set(codes "")
math(EXPR last "${n} - 1")
foreach(i RANGE 0 ${last})
  string(JSON code GET "${json}" "4217" ${i} "alpha_3")
  list(APPEND codes "${code}")
endforeach()
list(SORT codes)
set(body "/* Generated from ${IN} by cmake/gen-iso4217.cmake: do not edit. */\n")
string(APPEND body "#include <stddef.h>\n\nconst char gp_iso4217_codes[][4] = {\n")
foreach(c ${codes})
  string(APPEND body "    \"${c}\",\n")
endforeach()
list(LENGTH codes count)
string(APPEND body "};\nconst size_t gp_iso4217_count = ${count};\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
