# Writes OUT, a C++ file defining docs/openapi.yaml's text (IN) as a character
# array, so the server serves its own API description without the source tree
# (run at build time: a change to the document rebuilds it).
file(READ "${IN}" text)
string(FIND "${text}" ")tavolo_openapi\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN} holds the raw string's delimiter )tavolo_openapi\"")
endif()
file(WRITE "${OUT}" "// Generated from ${IN} by embed_openapi.cmake. Do not edit.\nnamespace tavolo::api::detail {\nextern char const openapi_yaml[];\nchar const openapi_yaml[] = R\"tavolo_openapi(${text})tavolo_openapi\";\n}\n")
