# tests/fuzz.cmake - fuzz targets (tests/fuzz/fuzz_<name>.c), two ways:
#
#  * -DGP_FUZZ=ON with CC=clang: libFuzzer binaries fuzz_<name>, built with
#    -fsanitize=fuzzer,address,undefined, the library instrumented with
#    fuzzer-no-link. scripts/fuzz runs them; no CTest tests in that build.
#  * otherwise (the normal gcc build and the ASan build): each target links
#    with tests/fuzz/replay_main.c into fuzz_replay_<name> and CTest test
#    fuzz.replay.<name> runs it over the saved corpus tests/fuzz/corpus/<name>
#    (every past finding is kept there) and the seed inputs, so a fixed
#    crash can never come back unnoticed.
set(GP_FUZZ_DIR ${GP_TESTS_DIR}/fuzz)
set(GP_FUZZ_TARGETS guide style rich ytree render)
# The CSV reader arrived with batch mode; fuzz it whenever it is there.
if(EXISTS ${GP_SOURCE_DIR}/src/batch/csv.h)
  list(APPEND GP_FUZZ_TARGETS csv)
endif()

# Seed inputs replayed besides each target's own corpus folder.
set(GP_FUZZ_SEEDS_guide  ${GP_SOURCE_DIR}/data/guides ${GP_TESTS_DIR}/bad/guide
                         ${GP_TESTS_DIR}/render/stress.yaml)
set(GP_FUZZ_SEEDS_style  ${GP_SOURCE_DIR}/styles ${GP_TESTS_DIR}/bad/style)
set(GP_FUZZ_SEEDS_rich   ${GP_SOURCE_DIR}/data/guides)
set(GP_FUZZ_SEEDS_ytree  ${GP_SOURCE_DIR}/data/guides ${GP_SOURCE_DIR}/styles
                         ${GP_TESTS_DIR}/bad ${GP_TESTS_DIR}/render/stress.yaml)
set(GP_FUZZ_SEEDS_render "")
set(GP_FUZZ_SEEDS_csv    ${GP_SOURCE_DIR}/data/clients-example.csv)

if(GP_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "GP_FUZZ=ON needs clang: configure with -DCMAKE_C_COMPILER=clang")
  endif()
  if(GP_SANITIZE)
    message(FATAL_ERROR "GP_FUZZ=ON brings its own sanitizers; leave GP_SANITIZE off")
  endif()
  set(GP_FUZZ_SAN -fsanitize=address,undefined -fno-sanitize-recover=undefined
                  -fno-omit-frame-pointer)
  # Coverage feedback from the library itself, not just the harness.
  target_compile_options(gpobj PRIVATE -fsanitize=fuzzer-no-link ${GP_FUZZ_SAN})
  target_link_options(gpcore INTERFACE -fsanitize=address,undefined)
  # clang links the sanitizer runtimes into executables only, so the shared
  # library (linked with --no-undefined) cannot be built from these objects;
  # the fuzzers use the static archive, and this build is never installed.
  set_target_properties(gpshared PROPERTIES EXCLUDE_FROM_ALL ON)
  foreach(t ${GP_FUZZ_TARGETS})
    add_executable(fuzz_${t} ${GP_FUZZ_DIR}/fuzz_${t}.c)
    target_include_directories(fuzz_${t} PRIVATE ${GP_SOURCE_DIR}/src)
    target_compile_definitions(fuzz_${t} PRIVATE GP_SOURCE_DIR="${GP_SOURCE_DIR}")
    target_compile_options(fuzz_${t} PRIVATE -fsanitize=fuzzer ${GP_FUZZ_SAN})
    target_link_options(fuzz_${t} PRIVATE -fsanitize=fuzzer ${GP_FUZZ_SAN})
    target_link_libraries(fuzz_${t} PRIVATE gpcore)
  endforeach()
else()
  foreach(t ${GP_FUZZ_TARGETS})
    add_executable(fuzz_replay_${t} ${GP_FUZZ_DIR}/fuzz_${t}.c ${GP_FUZZ_DIR}/replay_main.c)
    target_include_directories(fuzz_replay_${t} PRIVATE ${GP_SOURCE_DIR}/src)
    target_compile_definitions(fuzz_replay_${t} PRIVATE GP_SOURCE_DIR="${GP_SOURCE_DIR}")
    target_link_libraries(fuzz_replay_${t} PRIVATE gpcore m)
    add_test(NAME fuzz.replay.${t}
             COMMAND fuzz_replay_${t} ${GP_FUZZ_DIR}/corpus/${t} ${GP_FUZZ_SEEDS_${t}})
    set_tests_properties(fuzz.replay.${t} PROPERTIES TIMEOUT 300
                         FAIL_REGULAR_EXPRESSION "fuzz invariant failed|runtime error|Sanitizer")
  endforeach()
endif()
