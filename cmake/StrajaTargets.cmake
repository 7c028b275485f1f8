# Helpers that give every Straja target the same language level, warnings and sanitizers.
# Flags go on targets, never on CMAKE_CXX_FLAGS, so third-party code is compiled as it ships.

include(CheckCXXCompilerFlag)
if(STRAJA_NATIVE)
  check_cxx_compiler_flag(-march=native STRAJA_HAVE_MARCH_NATIVE)
endif()

function(straja_target_defaults target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE
      -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
      -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
      -Wdouble-promotion -Wimplicit-fallthrough)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
      # GCC 12 reports std::string copies inlined at -O3 as overlapping memcpy (GCC bug 105329).
      target_compile_options(${target} PRIVATE -Wno-restrict)
    endif()
    if(STRAJA_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
  if(STRAJA_NATIVE AND STRAJA_HAVE_MARCH_NATIVE)
    # Every Straja target alike, so all code sharing Eigen's fixed-size types agrees on them. Those
    # types stay 16-byte aligned (Eigen then loads wider vectors unaligned): with the 32- or
    # 64-byte alignment AVX would give them, containers that do not honour over-alignment
    # (libstdc++'s temporary buffers of std::stable_sort) would hand them misaligned memory.
    target_compile_options(${target} PRIVATE -march=native)
    target_compile_definitions(${target} PRIVATE EIGEN_MAX_STATIC_ALIGN_BYTES=16)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
      # GCC 12 reports the AVX-512 intrinsics Eigen inlines as "maybe uninitialized" (GCC bug
      # 105593).
      target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
    endif()
  endif()
  if(STRAJA_SANITIZE)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      # Sanitizer instrumentation makes GCC's flow analysis report false "maybe uninitialized"
      # values inside libstdc++ (std::function in <regex>); the release build keeps the warning.
      target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
    endif()
    target_compile_options(${target} PUBLIC -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(${target} PUBLIC -fsanitize=address,undefined)
  endif()
  if(STRAJA_BUILD_FUZZ)
    # Coverage instrumentation in every Straja library, so the fuzzers see the code they drive
    # (the fuzzer binaries themselves add -fsanitize=fuzzer, which also links libFuzzer).
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
  endif()
endfunction()

# straja_library(NAME SOURCES a.cpp ... DEPS lib ...)
# One library per folder of src/; includes are rooted at src/ ("core/time.h").
function(straja_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(straja_${name} ${ARG_SOURCES})
  target_include_directories(straja_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(straja_${name} PUBLIC ${ARG_DEPS})
  straja_target_defaults(straja_${name})
endfunction()

# straja_test(NAME SOURCES a_test.cpp ... DEPS lib ... LABELS unit|integration|slow ...)
# One GoogleTest binary; each TEST becomes its own ctest entry carrying LABELS.
function(straja_test name)
  if(NOT STRAJA_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    STRAJA_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    STRAJA_SHARED_DIR="${STRAJA_SHARED_DIR}")
  straja_target_defaults(${name})
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  gtest_discover_tests(${name}
    DISCOVERY_MODE PRE_TEST
    PROPERTIES LABELS "${ARG_LABELS}" ENVIRONMENT "STRAJA_BIN=$<TARGET_FILE:straja>")
endfunction()

# straja_embed_files(TARGET NAMESPACE ns FUNCTION fn FILES a b ...)
# Compiles FILES into TARGET; `std::span<const straja::EmbeddedFile> ns::fn()` lists them.
function(straja_embed_files target)
  cmake_parse_arguments(ARG "" "NAMESPACE;FUNCTION" "FILES" ${ARGN})
  set(output "${CMAKE_CURRENT_BINARY_DIR}/${ARG_FUNCTION}_embedded.cpp")
  set(inputs "")
  foreach(file IN LISTS ARG_FILES)
    get_filename_component(absolute "${file}" ABSOLUTE)
    list(APPEND inputs "${absolute}")
  endforeach()
  # '|' separates the inputs on the command line: a ';' would split the -D argument.
  list(JOIN inputs "|" inputs_arg)
  add_custom_command(OUTPUT "${output}"
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DNAMESPACE=${ARG_NAMESPACE}
            -DFUNCTION=${ARG_FUNCTION} "-DINPUTS=${inputs_arg}"
            -P "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
    DEPENDS ${inputs} "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
    COMMENT "Embedding ${ARG_FUNCTION}"
    VERBATIM)
  target_sources(${target} PRIVATE "${output}")
endfunction()
