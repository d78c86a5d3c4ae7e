# Module boundaries (DESIGN.md: data flows one way). Fails when a file includes a header it
# must not: base/ is the bottom and includes no other module; io/ (bytes, decoding) does not
# include text/ (the offset map both use lives in base/); output/ does not include the
# extractor (it needs only entities and extract/kind_set.h); and src/ spells no character as
# a \\u escape.
set(rules
    "base|(io|text|extract|output|pipeline|cli|rules|audit|graph)/"
    "io|text/"
    "output|extract/extractor\\.h")
set(bad "")
foreach(rule ${rules})
  string(REPLACE "|" ";" parts "${rule}")
  list(GET parts 0 dir)
  list(SUBLIST parts 1 -1 rest)
  string(REPLACE ";" "|" pattern "${rest}")
  file(GLOB files ${DIR}/${dir}/*.h ${DIR}/${dir}/*.cpp)
  foreach(f ${files})
    file(STRINGS ${f} hits REGEX "^#include \"(${pattern})")
    if(hits)
      list(APPEND bad "${f}: ${hits}")
    endif()
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
