# What `cmake --install` and `cpack -G DEB` put on a system: the binary, its man page, the
# completions for bash, zsh and fish, the README, the output contract, the JSON Schema and the
# license. The man page, the completions and the schema are written by the binary itself at
# build time (cmake/gen_share.cmake). `cmake --install build --strip` strips the binary; the
# package always does (CPACK_STRIP_FILES).
set(TRICH_SHARE ${CMAKE_BINARY_DIR}/share)
set(TRICH_SHARE_FILES ${TRICH_SHARE}/trich.1.gz ${TRICH_SHARE}/trich.bash ${TRICH_SHARE}/_trich
    ${TRICH_SHARE}/trich.fish ${TRICH_SHARE}/trich.schema.json)
add_custom_command(
  OUTPUT ${TRICH_SHARE_FILES}
  COMMAND ${CMAKE_COMMAND} -DTRICH=$<TARGET_FILE:trich> -DOUT_DIR=${TRICH_SHARE}
          -P ${CMAKE_SOURCE_DIR}/cmake/gen_share.cmake
  DEPENDS trich ${CMAKE_SOURCE_DIR}/cmake/gen_share.cmake
  COMMENT "Writing the man page, completions and schema from trich")
add_custom_target(trich_share ALL DEPENDS ${TRICH_SHARE_FILES})

install(FILES ${TRICH_SHARE}/trich.1.gz DESTINATION share/man/man1)
install(FILES ${TRICH_SHARE}/trich.bash DESTINATION share/bash-completion/completions RENAME trich)
install(FILES ${TRICH_SHARE}/_trich DESTINATION share/zsh/vendor-completions)
install(FILES ${TRICH_SHARE}/trich.fish DESTINATION share/fish/vendor_completions.d)
install(FILES ${TRICH_SHARE}/trich.schema.json DESTINATION share/trich)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/docs/contract.md
        DESTINATION share/doc/trich)
install(FILES ${CMAKE_SOURCE_DIR}/LICENSE DESTINATION share/doc/trich RENAME copyright)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME trich)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "trich authors")
set(CPACK_PACKAGE_CONTACT "trich authors")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "trich authors")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "extract citations, priorities, dates and terms from Vietnamese documents")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "extract citations, priorities, dates and terms from Vietnamese documents\n"
    "trich reads Vietnamese reports, plans and legal documents and prints their structure as\n"
    "JSON, JSON Lines or CSV: numbered priorities, cited documents, dates and term periods.\n"
    "It also audits citations for the mistakes that slip into reports.")
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The run-time dependencies (ICU, RE2, fmt, ...) from the binary's libraries, by dpkg-shlibdeps.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)
include(CPack)
