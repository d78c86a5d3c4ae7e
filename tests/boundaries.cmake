# Module boundaries (DESIGN.md: data flows one way). Each module of src/ may include only the
# modules listed for it below, so the include graph stays the layering it is: base at the
# bottom; io (bytes, decoding) below text (the offset map both use lives in base/); rules
# below the engine; output writes entities without the extractor (extract/kind_set.h says
# which kinds; extract/extractor.h is not its to include); pipeline and cli on top. A new
# edge fails here: add it to the table only when it keeps the graph layered. Also: src/
# spells no character as a \\u escape (language data lives in rules/).
# usage: cmake -DDIR=<src> -P boundaries.cmake
cmake_minimum_required(VERSION 3.20)
set(allowed
    "base:"
    "io:base"
    "text:base io"
    "rules:base"
    "formats:base io"
    "extract:base text rules"
    "audit:base io text rules extract"
    "graph:base extract"
    "output:base extract audit"
    "pipeline:base io text formats extract audit graph output"
    "cli:base io formats extract pipeline")
# Headers a module may not include even though their module is allowed.
set(forbidden "output:extract/extractor\\.h")

file(GLOB dirs LIST_DIRECTORIES true ${DIR}/*)
set(bad "")
foreach(d ${dirs})
  if(NOT IS_DIRECTORY ${d})
    continue()
  endif()
  get_filename_component(module ${d} NAME)
  set(mine "")
  set(listed FALSE)
  foreach(entry ${allowed})
    string(REGEX MATCH "^([a-z_]+):(.*)$" m "${entry}")
    if(CMAKE_MATCH_1 STREQUAL module)
      set(listed TRUE)
      string(REPLACE " " ";" mine "${CMAKE_MATCH_2}")
    endif()
  endforeach()
  if(NOT listed)
    list(APPEND bad "src/${module}/: a module the table in tests/boundaries.cmake does not list")
    continue()
  endif()
  file(GLOB_RECURSE files ${d}/*.h ${d}/*.cpp)
  foreach(f ${files})
    file(STRINGS ${f} includes REGEX "^#include \"[a-z_]+/")
    foreach(inc ${includes})
      string(REGEX MATCH "^#include \"([a-z_]+)/([^\"]*)\"" m "${inc}")
      set(to ${CMAKE_MATCH_1})
      if(NOT to STREQUAL module AND NOT to IN_LIST mine)
        list(APPEND bad "${f}: ${inc} (${module}/ may include: ${mine})")
      endif()
      foreach(rule ${forbidden})
        string(REGEX MATCH "^([a-z_]+):(.*)$" m "${rule}")
        if(CMAKE_MATCH_1 STREQUAL module AND inc MATCHES "^#include \"${CMAKE_MATCH_2}")
          list(APPEND bad "${f}: ${inc} (not in ${module}/)")
        endif()
      endforeach()
    endforeach()
  endforeach()
endforeach()
if(bad)
  string(REPLACE ";" "\n  " bad "${bad}")
  message(FATAL_ERROR "includes across module boundaries:\n  ${bad}")
endif()

# No Vietnamese in src/ as \u escapes either (the "src is ASCII" test cannot see them):
# language knowledge lives in rules/. ("\\u" in a string, a JSON escape being written, is fine.)
file(GLOB_RECURSE sources ${DIR}/*.h ${DIR}/*.cpp)
set(escaped "")
foreach(f ${sources})
  file(STRINGS ${f} hits REGEX "([^\\\\]|^)\\\\[uU][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]")
  if(hits)
    list(APPEND escaped "${f}")
  endif()
endforeach()
if(escaped)
  message(FATAL_ERROR "\\u escapes (language data?) in: ${escaped}")
endif()
