# One manual page from the docs: HEAD (the .TH title and NAME, in Markdown)
# followed by DOC (a page of docs/, the same text users read on the web),
# converted to roff by go-md2man. Usage:
#   cmake -DMD2MAN=go-md2man -DHEAD=x.head -DDOC=docs/x.md -DOUT=man/x.5 -P man.cmake
file(READ "${HEAD}" head)
set(doc "")
if(DOC)
  file(READ "${DOC}" doc)
  # The document's own first-level title is the man page's NAME line.
  string(REGEX REPLACE "^# [^\n]*\n" "" doc "${doc}")
endif()
get_filename_component(dir "${OUT}" DIRECTORY)
file(MAKE_DIRECTORY "${dir}")
file(WRITE "${OUT}.md" "${head}${doc}")
execute_process(COMMAND "${MD2MAN}" -in "${OUT}.md" -out "${OUT}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "go-md2man failed on ${OUT}.md")
endif()
