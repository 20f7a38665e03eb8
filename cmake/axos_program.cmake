# axos_add_program(name SOURCES file.c... [CHECK OFF]): build a program
# for axos from ordinary POSIX C sources: a shared object name.so linked
# with the POSIX layer (axos::posix), which kernel_load_program and
# `axos --program name.so` load. After the link, `axos --check-program`
# makes the loader's own checks, so a program that calls a host function
# axos cannot give it (say, socket before axos has sockets) fails to
# build, naming the call, rather than to load.
function(axos_add_program name)
  cmake_parse_arguments(AXP "" "CHECK" "SOURCES" ${ARGN})
  if(NOT AXP_SOURCES)
    message(FATAL_ERROR "axos_add_program(${name}): no SOURCES")
  endif()
  add_library(${name} MODULE ${AXP_SOURCES})
  target_link_libraries(${name} PRIVATE axos::posix)
  set_target_properties(${name} PROPERTIES PREFIX "" POSITION_INDEPENDENT_CODE ON)
  if(TARGET axos::cli AND NOT (DEFINED AXP_CHECK AND NOT AXP_CHECK))
    add_custom_command(TARGET ${name} POST_BUILD
      COMMAND axos::cli --check-program $<TARGET_FILE:${name}>
      VERBATIM)
  endif()
endfunction()
