# The browser client, built with Debian's emscripten as a build of its own inside this one
# (the jos_web target; its output, what jos-server serves at /, lands in web/site). The
# compiler checks and every emcc call need NODE_PATH=/usr/share/nodejs: emcc's JavaScript
# tools use Debian's node modules, which this node does not look for by itself.
find_file(JOS_EMSCRIPTEN_TOOLCHAIN Emscripten.cmake
          PATHS /usr/share/emscripten/cmake/Modules/Platform NO_DEFAULT_PATH)
if(NOT JOS_EMSCRIPTEN_TOOLCHAIN)
  message(FATAL_ERROR
          "JOS_BUILD_WEB needs Debian's emscripten: run tools/setup.sh web, or configure with "
          "-DJOS_BUILD_WEB=OFF to build without the browser client.")
endif()

include(ExternalProject)
include(ProcessorCount)
ProcessorCount(JOS_WEB_JOBS)
if(JOS_WEB_JOBS EQUAL 0)
  set(JOS_WEB_JOBS 2)
endif()
set(JOS_WEB_DIR ${CMAKE_BINARY_DIR}/web)
set(JOS_WEB_SITE ${JOS_WEB_DIR}/site)
set(JOS_WEB_ENV ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
ExternalProject_Add(jos_web
  SOURCE_DIR ${PROJECT_SOURCE_DIR}
  BINARY_DIR ${JOS_WEB_DIR}
  CONFIGURE_COMMAND
    ${JOS_WEB_ENV} ${CMAKE_COMMAND} -S <SOURCE_DIR> -B <BINARY_DIR> -G ${CMAKE_GENERATOR}
    -DCMAKE_TOOLCHAIN_FILE=${JOS_EMSCRIPTEN_TOOLCHAIN}
    -DCMAKE_BUILD_TYPE=Release
    -DJOS_WERROR=${JOS_WERROR}
    -DJOS_BUILD_TESTS=OFF
  BUILD_COMMAND ${JOS_WEB_ENV} ${CMAKE_COMMAND} --build <BINARY_DIR> -j ${JOS_WEB_JOBS}
  INSTALL_COMMAND ""
  BUILD_ALWAYS ON
  BUILD_BYPRODUCTS ${JOS_WEB_SITE}/jos.js ${JOS_WEB_SITE}/jos.wasm)
