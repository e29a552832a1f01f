# Runs the truckflow command line and checks its exit code and output.
#   -DCOMMAND="truckflow|arg|..."   the command, arguments separated by |
#   -DEXPECT_CODE=N                 the exit code it must return
#   -DSTDOUT_MATCH=regex            optional: stdout must match
#   -DSTDERR_MATCH=regex            optional: stderr must match
#   -DSTDERR_EXCLUDE=regex          optional: stderr must not match
#   -DWORKDIR=dir                   optional: working directory
if(NOT DEFINED WORKDIR)
  set(WORKDIR ".")
endif()
string(REPLACE "|" ";" command "${COMMAND}")
execute_process(COMMAND ${command} WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT "${code}" STREQUAL "${EXPECT_CODE}")
  message(FATAL_ERROR "exit code ${code}, expected ${EXPECT_CODE}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED STDOUT_MATCH AND NOT out MATCHES "${STDOUT_MATCH}")
  message(FATAL_ERROR "stdout does not match '${STDOUT_MATCH}':\n${out}")
endif()
if(DEFINED STDERR_MATCH AND NOT err MATCHES "${STDERR_MATCH}")
  message(FATAL_ERROR "stderr does not match '${STDERR_MATCH}':\n${err}")
endif()
if(DEFINED STDERR_EXCLUDE AND err MATCHES "${STDERR_EXCLUDE}")
  message(FATAL_ERROR "stderr matches '${STDERR_EXCLUDE}', which it must not:\n${err}")
endif()
