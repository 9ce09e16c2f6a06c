# tests/serve.cmake - `guidepress serve`, the advisers' web desk.
#
# serve.http.* speak HTTP from Python's standard library (no browser), so
# they run under AddressSanitizer too: hostile requests, the access token,
# the batch page and its zip. serve.http.load is 200 renders from 20
# concurrent clients; under ASan on two cores that takes minutes, so it is
# labelled no-asan (serve.http.hostile and batch exercise the same paths
# there). serve.web drives Debian's chromium with puppeteer-core
# (tests/web/package.json): it needs chromium and `npm ci` (scripts/setup.sh)
# and is too slow under ASan, so it is labelled no-asan as well.
set(GP_SERVE_PY ${GP_TESTS_DIR}/web/serve_http.py)
foreach(mode hostile token batch busy load)
  add_test(NAME serve.http.${mode}
           COMMAND python3 ${GP_SERVE_PY} $<TARGET_FILE:guidepress> ${GP_SOURCE_DIR}
                   ${CMAKE_CURRENT_BINARY_DIR}/serve-${mode} ${mode})
  set_tests_properties(serve.http.${mode} PROPERTIES TIMEOUT 600 LABELS serve)
endforeach()
set_tests_properties(serve.http.load PROPERTIES LABELS "serve;no-asan")

# The dated plan, calendar and e-mail downloads, and composed guides:
# Debian's python3 (python3-icalendar comes from apt), not whatever python3
# is first on PATH.
find_program(GP_SERVE_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT GP_SERVE_PYTHON)
  set(GP_SERVE_PYTHON python3)
endif()
foreach(mode plan roles)
  add_test(NAME serve.http.${mode}
           COMMAND ${GP_SERVE_PYTHON} ${GP_SERVE_PY} $<TARGET_FILE:guidepress> ${GP_SOURCE_DIR}
                   ${CMAKE_CURRENT_BINARY_DIR}/serve-${mode} ${mode})
  set_tests_properties(serve.http.${mode} PROPERTIES TIMEOUT 600 LABELS serve)
endforeach()

# The browser: chromium + puppeteer-core + axe-core (tests/web/serve_web.mjs).
find_program(GP_NODE node)
if(GP_NODE)
  add_test(NAME serve.web
           COMMAND ${GP_NODE} ${GP_TESTS_DIR}/web/serve_web.mjs $<TARGET_FILE:guidepress>
                   ${GP_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/serve-web)
  set_tests_properties(serve.web PROPERTIES TIMEOUT 900 LABELS "serve;browser;no-asan")
else()
  message(WARNING "node not found: the desk's browser test (serve.web) is not registered; run scripts/setup.sh")
endif()
