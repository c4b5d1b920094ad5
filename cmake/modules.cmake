# wpslab_module(name [DEPS mod...] [LIBS lib...] [EDGE])
#   Builds src/<name>/*.cpp into the static library wpslab_<name> (header-only when there is no
#   .cpp yet) and tests/unit/<name>/*_test.cpp into the gtest binary test_<name>, registered with
#   ctest as unit.<name>. DEPS are the modules <name> may include (the layering rule); core
#   modules compile with warnings as errors. EDGE marks modules allowed to do I/O.
set(WPSLAB_CORE_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wimplicit-fallthrough -Werror)

# WPSLAB_FUZZ=ON: what every library and fuzz target is compiled with (fuzz/CMakeLists.txt adds
# -fsanitize=fuzzer to the fuzz_* executables).
set(WPSLAB_FUZZ_FLAGS -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
    -fno-omit-frame-pointer)

function(wpslab_module name)
  cmake_parse_arguments(M "EDGE" "" "DEPS;LIBS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/${name}/*.cpp)
  set(dep_targets "")
  foreach(d IN LISTS M_DEPS)
    list(APPEND dep_targets wpslab_${d})
  endforeach()
  if(srcs)
    add_library(wpslab_${name} STATIC ${srcs})
    target_include_directories(wpslab_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(wpslab_${name} PUBLIC ${dep_targets} ${M_LIBS})
    target_compile_options(wpslab_${name} PRIVATE ${WPSLAB_CORE_WARNINGS})
    if(WPSLAB_FUZZ)
      # The fuzz build instruments the libraries that hold the parsers, not only the fuzz_*
      # executables: coverage feedback (fuzzer-no-link) and ASan/UBSan checks inside them, and
      # a UBSan report stops the run. Whatever links a library gets the sanitizer runtimes.
      target_compile_options(wpslab_${name} PRIVATE ${WPSLAB_FUZZ_FLAGS})
      target_link_options(wpslab_${name} INTERFACE -fsanitize=address,undefined)
    endif()
  else()
    add_library(wpslab_${name} INTERFACE)
    target_include_directories(wpslab_${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(wpslab_${name} INTERFACE ${dep_targets} ${M_LIBS})
  endif()
  file(GLOB tests CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/unit/${name}/*_test.cpp)
  if(tests)
    add_executable(test_${name} ${tests})
    target_link_libraries(test_${name} PRIVATE wpslab_${name} wpslab_testsupport GTest::gtest_main
                          GTest::gmock)
    target_compile_options(test_${name} PRIVATE -Wall -Wextra)
    add_test(NAME unit.${name} COMMAND test_${name} --gtest_brief=1
             WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(unit.${name} PROPERTIES LABELS unit TIMEOUT 600)
  endif()
endfunction()
