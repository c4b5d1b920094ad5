# wpslab_module(name [DEPS mod...] [LIBS lib...] [EDGE])
#   Builds src/<name>/*.cpp into the static library wpslab_<name> (alias wpslab::<name>; header-
#   only when there is no .cpp yet) and tests/unit/<name>/*_test.cpp into the gtest binary
#   test_<name>, registered with ctest as unit.<name>. DEPS are the modules <name> may include
#   (the layering rule). EDGE marks modules allowed to do I/O; they are built for the wpslab
#   binary and not installed. Core modules are installed with their public headers (every
#   header of the module except those listed in WPSLAB_INTERNAL_HEADERS).
set(WPSLAB_CORE_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wimplicit-fallthrough)
if(WPSLAB_WERROR)
  list(APPEND WPSLAB_CORE_WARNINGS -Werror)
endif()

# Headers that are implementation details of their module (not installed, not API).
set(WPSLAB_INTERNAL_HEADERS
    crypto/internal.hpp crypto/openssl_handles.hpp wsc/codec_util.hpp sim/station_node.hpp)

set(WPSLAB_INSTALLED_MODULES "")

# WPSLAB_FUZZ=ON: what every library and fuzz target is compiled with (fuzz/CMakeLists.txt adds
# -fsanitize=fuzzer to the fuzz_* executables).
# FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION (the libFuzzer convention) lets crypto/dh.cpp remember
# its exponentiations: never defined outside the fuzz build.
set(WPSLAB_FUZZ_FLAGS -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
    -fno-omit-frame-pointer -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION)

function(wpslab_module name)
  cmake_parse_arguments(M "EDGE" "" "DEPS;LIBS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/${name}/*.cpp)
  set(dep_targets "")
  foreach(d IN LISTS M_DEPS)
    list(APPEND dep_targets wpslab_${d})
  endforeach()
  set(inc $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/src>
          $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/wpslab>)
  if(srcs)
    add_library(wpslab_${name} STATIC ${srcs})
    target_include_directories(wpslab_${name} PUBLIC ${inc})
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
    target_include_directories(wpslab_${name} INTERFACE ${inc})
    target_link_libraries(wpslab_${name} INTERFACE ${dep_targets} ${M_LIBS})
  endif()
  set_target_properties(wpslab_${name} PROPERTIES EXPORT_NAME ${name})
  add_library(wpslab::${name} ALIAS wpslab_${name})
  if(NOT M_EDGE)
    install(TARGETS wpslab_${name} EXPORT wpslab-targets
            ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)
    file(GLOB hdrs CONFIGURE_DEPENDS RELATIVE ${PROJECT_SOURCE_DIR}/src
         ${PROJECT_SOURCE_DIR}/src/${name}/*.hpp)
    list(REMOVE_ITEM hdrs ${WPSLAB_INTERNAL_HEADERS})
    foreach(h IN LISTS hdrs)
      install(FILES ${PROJECT_SOURCE_DIR}/src/${h}
              DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/wpslab/${name} COMPONENT dev)
    endforeach()
    set(WPSLAB_INSTALLED_MODULES ${WPSLAB_INSTALLED_MODULES} ${name} PARENT_SCOPE)
  endif()
  if(NOT WPSLAB_TESTS)
    return()
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
