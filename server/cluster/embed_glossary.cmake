# Writes OUT, a C++ file defining the glossary's text as a character array,
# from IN (run at build time: a change to the TSV rebuilds it).
file(READ "${IN}" text)
file(WRITE "${OUT}" "// Generated from ${IN} by embed_glossary.cmake. Do not edit.\nnamespace tavolo::cluster::detail {\nextern char const glossary_it_tsv[];\nchar const glossary_it_tsv[] = R\"tavolo_glossary(${text})tavolo_glossary\";\n}\n")
