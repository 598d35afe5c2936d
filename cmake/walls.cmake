# Wires cmake/check_walls.cmake into the build and into ctest.
#
# tavolo_walls: a target that runs the check whenever a source under server/
# changes (a stamp records the last clean scan), so a forbidden include fails
# the build before any module compiles. tavolo_guard_walls(<targets>) makes the
# given libraries depend on it.
set(TAVOLO_WALLS_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/check_walls.cmake")
set(TAVOLO_WALLS_STAMP "${CMAKE_BINARY_DIR}/walls.stamp")

# CONFIGURE_DEPENDS: a file added to a module is scanned at the next build too.
file(GLOB_RECURSE tavolo_walls_sources CONFIGURE_DEPENDS
     "${CMAKE_SOURCE_DIR}/server/*.hpp" "${CMAKE_SOURCE_DIR}/server/*.cpp"
     "${CMAKE_SOURCE_DIR}/server/*.h" "${CMAKE_SOURCE_DIR}/server/*.ipp")
add_custom_command(
  OUTPUT "${TAVOLO_WALLS_STAMP}"
  COMMAND "${CMAKE_COMMAND}" -DTAVOLO_SOURCE_DIR=${CMAKE_SOURCE_DIR}
          -DTAVOLO_WALLS_STAMP=${TAVOLO_WALLS_STAMP} -P "${TAVOLO_WALLS_SCRIPT}"
  DEPENDS "${TAVOLO_WALLS_SCRIPT}" ${tavolo_walls_sources}
  COMMENT "Checking the walls between modules (cmake/check_walls.cmake)"
  VERBATIM)
add_custom_target(tavolo_walls ALL DEPENDS "${TAVOLO_WALLS_STAMP}")

function(tavolo_guard_walls)
  foreach(target IN LISTS ARGN)
    if(TARGET ${target})
      add_dependencies(${target} tavolo_walls)
    endif()
  endforeach()
endfunction()

# ctest: `walls` scans the tree; `walls_detects_breach` runs the same script on
# a small tree that breaks every kind of wall and expects each one reported
# with its file and line, so a check that silently passes is caught too.
function(tavolo_wall_tests)
  add_test(NAME walls
    COMMAND "${CMAKE_COMMAND}" -DTAVOLO_SOURCE_DIR=${CMAKE_SOURCE_DIR} -P "${TAVOLO_WALLS_SCRIPT}")

  set(bad "${CMAKE_BINARY_DIR}/walls_breach_tree")
  file(REMOVE_RECURSE "${bad}")
  file(WRITE "${bad}/server/cluster/src/engine.cpp"
       "#include \"tavolo/cluster/engine.hpp\"\n#include \"tavolo/core/log.hpp\"\n\n"
       "#include \"tavolo/live/hub.hpp\"\n")
  file(WRITE "${bad}/server/core/include/tavolo/core/x.hpp"
       "// a comment\n#include <boost/beast/core.hpp>\n")
  file(WRITE "${bad}/server/store/src/s.cpp" "#include \"tavolo/net/api.hpp\"\n")
  file(WRITE "${bad}/server/live/src/l.cpp" "#include \"tavolo/store/plan_store.hpp\"\n")
  file(WRITE "${bad}/server/net/src/ok.cpp"
       "#include \"tavolo/live/gateway.hpp\"\n#include \"tavolo/live/connection.hpp\"\n")
  file(WRITE "${bad}/server/net/src/n.cpp" "#include \"tavolo/live/hub.hpp\"\n")
  add_test(NAME walls_detects_breach
    COMMAND "${CMAKE_COMMAND}" -DTAVOLO_SOURCE_DIR=${bad} -P "${TAVOLO_WALLS_SCRIPT}")
  # Every breach in one report, in file order; net including live's gateway is no breach.
  set_tests_properties(walls_detects_breach PROPERTIES
    WILL_FAIL FALSE
    PASS_REGULAR_EXPRESSION
      "server/core/include/tavolo/core/x.hpp:2: core may not include Boost.Beast: #include <boost/beast/core.hpp>.*server/live/src/l.cpp:1: live may include no tavolo module but core: #include \"tavolo/store/plan_store.hpp\".*server/cluster/src/engine.cpp:4: cluster may include no tavolo module but core: #include \"tavolo/live/hub.hpp\".*server/store/src/s.cpp:1: store may not include net.*server/net/src/n.cpp:1: net may include from live only gateway.hpp, connection.hpp: #include \"tavolo/live/hub.hpp\""
    FAIL_REGULAR_EXPRESSION "ok.cpp")
endfunction()
