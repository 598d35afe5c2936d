# What `cmake --install` (and so the Debian package, debian/rules) puts where:
# the server, and beside it in DATADIR/tavolo the page (with its vendor/
# libraries), the word vectors and the demo's year. The server finds them
# there only if it was configured with TAVOLO_*_DEFAULT pointing at these
# paths, as debian/rules does; a build tree keeps using the sources.
include(GNUInstallDirs)
set(TAVOLO_INSTALL_DATADIR "${CMAKE_INSTALL_DATADIR}/tavolo")

install(TARGETS tavolo RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
# The page without its npm working files: vendor/ holds what it loads.
install(DIRECTORY "${CMAKE_SOURCE_DIR}/client-web/" DESTINATION "${TAVOLO_INSTALL_DATADIR}/web"
  PATTERN node_modules EXCLUDE
  PATTERN package.json EXCLUDE
  PATTERN package-lock.json EXCLUDE
  PATTERN "LICENSE" EXCLUDE
  PATTERN "OFL.txt" EXCLUDE)
install(FILES "${CMAKE_SOURCE_DIR}/server/cluster/data/it-pa-stems-200.tvec"
  "${CMAKE_SOURCE_DIR}/server/app/data/demo-year-2026.json"
  DESTINATION "${TAVOLO_INSTALL_DATADIR}")
