# What the browser build takes from Debian besides emscripten itself: nlohmann/json, which
# is header-only. Only its own folder is put on the include path, never all of
# /usr/include, whose C library headers are glibc's and not emscripten's.
set(JOS_WEB_INCLUDE ${CMAKE_BINARY_DIR}/web-include)
file(MAKE_DIRECTORY ${JOS_WEB_INCLUDE})
if(NOT EXISTS ${JOS_WEB_INCLUDE}/nlohmann)
  file(CREATE_LINK /usr/include/nlohmann ${JOS_WEB_INCLUDE}/nlohmann SYMBOLIC)
endif()
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
target_include_directories(nlohmann_json::nlohmann_json SYSTEM INTERFACE ${JOS_WEB_INCLUDE})
