# Runs one golden case: TRICH with the arguments in CASE/args (one per line, run from ROOT),
# standard input from CASE/stdin when present; compares standard output with CASE/stdout and
# the exit code with CASE/exit. With BLESS=ON, writes what it got instead.
file(STRINGS ${CASE}/args args)
# Messages follow the locale (--lang's default): the expectations are English.
unset(ENV{LC_ALL})
unset(ENV{LC_MESSAGES})
set(ENV{LANG} C.UTF-8)
set(input_opt "")
if(EXISTS ${CASE}/stdin)
  set(input_opt INPUT_FILE ${CASE}/stdin)
endif()
execute_process(COMMAND ${TRICH} ${args} ${input_opt}
                WORKING_DIRECTORY ${ROOT}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE code)
if(BLESS)
  file(WRITE ${CASE}/stdout "${out}")
  file(WRITE ${CASE}/exit "${code}\n")
  message(STATUS "blessed ${CASE}")
  return()
endif()
file(READ ${CASE}/stdout want)
file(STRINGS ${CASE}/exit want_code)
if(NOT code STREQUAL want_code)
  message(FATAL_ERROR "exit code ${code}, expected ${want_code}; stderr: ${err}")
endif()
if(NOT out STREQUAL want)
  file(WRITE ${CASE}/stdout.actual "${out}")
  message(FATAL_ERROR "stdout differs from ${CASE}/stdout; see ${CASE}/stdout.actual "
                      "(diff them, or re-run with -DBLESS=ON and review git diff)")
endif()
