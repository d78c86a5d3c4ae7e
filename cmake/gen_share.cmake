# Writes what trich says about itself into OUT_DIR: the man page (gzip'd, as Debian ships
# them), the bash, zsh and fish completions and the JSON Schema, by running the binary
# TRICH, so none of them can drift from the program. Run at build time (CMakeLists.txt).
function(run_to out)
  execute_process(COMMAND ${TRICH} ${ARGN} OUTPUT_FILE ${out} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "trich ${ARGN} failed (${rc})")
  endif()
endfunction()
file(MAKE_DIRECTORY ${OUT_DIR})
run_to(${OUT_DIR}/trich.1 manpage)
# -n: no name or time stamp in the header, so the package is the same from build to build.
execute_process(COMMAND gzip -9nc ${OUT_DIR}/trich.1 OUTPUT_FILE ${OUT_DIR}/trich.1.gz RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip failed (${rc})")
endif()
run_to(${OUT_DIR}/trich.bash completions bash)
run_to(${OUT_DIR}/_trich completions zsh)
run_to(${OUT_DIR}/trich.fish completions fish)
run_to(${OUT_DIR}/trich.schema.json schema)
