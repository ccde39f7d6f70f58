# Turns a data file into a C++ source that holds its bytes, so the binaries carry the
# leerlijn content and never read files next to themselves at run time.
set(JOS_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_file_run.cmake)

function(jos_embed_file target input symbol)
  set(output ${CMAKE_CURRENT_BINARY_DIR}/${symbol}.cpp)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${output} -DSYMBOL=${symbol}
            -P ${JOS_EMBED_SCRIPT}
    DEPENDS ${input} ${JOS_EMBED_SCRIPT}
    COMMENT "Embedding ${input}")
  target_sources(${target} PRIVATE ${output})
endfunction()
