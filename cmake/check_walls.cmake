# The walls between tavolo's modules (issue 17, docs/DESIGN.md): which module
# may include which. Run as a script, it scans every server/<module>/ folder
# for `#include "tavolo/<other>/...` and `#include <boost/beast...` and fails,
# naming file and line, when a module crosses a wall:
#
#   cmake -DTAVOLO_SOURCE_DIR=<tree> [-DTAVOLO_WALLS_STAMP=<file>] -P cmake/check_walls.cmake
#
# cmake/walls.cmake runs it before any module library is compiled (so the build
# fails) and as the ctest test `walls`. A module whose folder does not exist
# (yet) is skipped. The stamp file, written on success, lets the build skip the
# scan until a source changes.
cmake_minimum_required(VERSION 3.25)

# Modules that must not include Beast: they are tested and reused without a
# network stack.
set(no_beast core live cluster store plans)
# Modules that may include only the listed tavolo modules (besides their own).
set(only_core core)
set(only_cluster core)
set(only_plans core)
set(only_live core)
set(only_modules core live cluster plans)
# Modules that must not include the listed tavolo modules.
set(never_store live net api)
set(never_net store plans api cluster)
set(never_modules store net)
# net reaches live only through its gateway and the connection it hands over.
set(net_live_headers gateway.hpp connection.hpp)

if(NOT DEFINED TAVOLO_SOURCE_DIR)
  message(FATAL_ERROR "check_walls: pass -DTAVOLO_SOURCE_DIR=<source tree>")
endif()

# Why `module` may not include `target` ("" when it may): a tavolo module name
# or "beast".
function(wall_verdict module target out)
  set(why "")
  if(target STREQUAL "beast")
    if(module IN_LIST no_beast)
      set(why "${module} may not include Boost.Beast")
    endif()
  elseif(NOT target STREQUAL module)
    if(module IN_LIST only_modules AND NOT target IN_LIST only_${module})
      if(only_${module})
        list(JOIN only_${module} ", " allowed)
        set(why "${module} may include no tavolo module but ${allowed}")
      else()
        set(why "${module} may include no other tavolo module")
      endif()
    elseif(module IN_LIST never_modules AND target IN_LIST never_${module})
      set(why "${module} may not include ${target}")
    elseif(module STREQUAL "net" AND target STREQUAL "live" AND NOT header IN_LIST net_live_headers)
      list(JOIN net_live_headers ", " allowed)
      set(why "net may include from live only ${allowed}")
    endif()
  endif()
  set(${out} "${why}" PARENT_SCOPE)
endfunction()

# The 1-based line of `file` where `text` first appears.
function(line_of file text out)
  file(READ "${file}" content)
  string(FIND "${content}" "${text}" at)
  string(SUBSTRING "${content}" 0 ${at} before)
  string(REGEX MATCHALL "\n" newlines "${before}")
  list(LENGTH newlines n)
  math(EXPR line "${n} + 1")
  set(${out} ${line} PARENT_SCOPE)
endfunction()

set(include_regex "^[ \t]*#[ \t]*include[ \t]*[<\"](tavolo/[A-Za-z0-9_]+/|boost/beast)([A-Za-z0-9_./]*)")
set(breaches "")
set(modules ${no_beast} ${only_modules} ${never_modules})
list(REMOVE_DUPLICATES modules)
foreach(module IN LISTS modules)
  set(dir "${TAVOLO_SOURCE_DIR}/server/${module}")
  if(NOT IS_DIRECTORY "${dir}")
    continue() # not on this branch (yet)
  endif()
  file(GLOB_RECURSE sources LIST_DIRECTORIES false
       "${dir}/*.hpp" "${dir}/*.cpp" "${dir}/*.h" "${dir}/*.ipp")
  list(SORT sources)
  foreach(source IN LISTS sources)
    file(STRINGS "${source}" includes REGEX "${include_regex}")
    foreach(include IN LISTS includes)
      string(REGEX MATCH "${include_regex}" found "${include}")
      set(header "${CMAKE_MATCH_2}") # read by wall_verdict
      if(CMAKE_MATCH_1 STREQUAL "boost/beast")
        set(target beast)
      else()
        string(REGEX REPLACE "^tavolo/([A-Za-z0-9_]+)/$" "\\1" target "${CMAKE_MATCH_1}")
      endif()
      wall_verdict(${module} ${target} why)
      if(why)
        line_of("${source}" "${include}" line)
        file(RELATIVE_PATH shown "${TAVOLO_SOURCE_DIR}" "${source}")
        string(STRIP "${include}" include)
        string(APPEND breaches "  ${shown}:${line}: ${why}: ${include}\n")
      endif()
    endforeach()
  endforeach()
endforeach()

if(breaches)
  message(FATAL_ERROR
    "A module includes across its wall (rules in cmake/check_walls.cmake):\n${breaches}")
endif()
if(DEFINED TAVOLO_WALLS_STAMP)
  file(TOUCH "${TAVOLO_WALLS_STAMP}")
endif()
