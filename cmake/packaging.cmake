# Installing lspgen, and its Debian package (`cpack -G DEB` in the build
# folder). The man page and the shell completions are made at build time by
# the lspgen just built (`lspgen man`, `lspgen completion SHELL`), from the
# same CLI11 tree as its --help, so that they cannot drift from it.
include(GNUInstallDirs)

set(LSPGEN_MAINTAINER "lspgen maintainers <maintainers@users.noreply.b-seed-558c4772.example>"
  CACHE STRING "The Maintainer of the Debian package")

set(LSPGEN_SHARE_OUT ${CMAKE_CURRENT_BINARY_DIR}/generated/share)
file(MAKE_DIRECTORY ${LSPGEN_SHARE_OUT})
set(LSPGEN_GENERATED_DOCS
  ${LSPGEN_SHARE_OUT}/lspgen.1.gz
  ${LSPGEN_SHARE_OUT}/lspgen.bash
  ${LSPGEN_SHARE_OUT}/_lspgen
  ${LSPGEN_SHARE_OUT}/lspgen.fish)
# gzip -n: no name or time stamp inside, so the same build gives the same bytes.
add_custom_command(OUTPUT ${LSPGEN_GENERATED_DOCS}
  COMMAND $<TARGET_FILE:lspgen> man > lspgen.1
  COMMAND gzip -9nf lspgen.1
  COMMAND $<TARGET_FILE:lspgen> completion bash > lspgen.bash
  COMMAND $<TARGET_FILE:lspgen> completion zsh > _lspgen
  COMMAND $<TARGET_FILE:lspgen> completion fish > lspgen.fish
  WORKING_DIRECTORY ${LSPGEN_SHARE_OUT}
  DEPENDS lspgen
  COMMENT "Making lspgen's man page and shell completions with lspgen")
add_custom_target(lspgen_docs ALL DEPENDS ${LSPGEN_GENERATED_DOCS})

# What Debian asks of every package in /usr/share/doc/lspgen: its copyright
# and a changelog (in the Debian format, gzipped).
string(TIMESTAMP LSPGEN_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
file(CONFIGURE OUTPUT ${LSPGEN_SHARE_OUT}/copyright CONTENT [[
lspgen: websites for Local Strategic Partnerships

Copyright: the lspgen authors (see the history of the source repository).
No licence has been declared for lspgen yet.

The binary includes these header-only libraries, each under its licence:
 - CLI11, Copyright (c) 2017-2021 University of Cincinnati, developed by Henry
   Schreiner under NSF AWARD 1414736: BSD-3-Clause;
 - JSON for Modern C++, Copyright (c) 2013-2022 Niels Lohmann: MIT;
 - cpp-httplib, Copyright (c) 2023 Yuji Hirose: MIT;
 - Kainjow.Mustache, Copyright 2015-2020 Kevin Wojniak: BSL-1.0.
The MIT licence: Permission is hereby granted, free of charge, to any person
obtaining a copy of this software and associated documentation files, to deal
in the Software without restriction, subject to including the copyright
notice and this permission notice in all copies. THE SOFTWARE IS PROVIDED
"AS IS", WITHOUT WARRANTY OF ANY KIND.
]] @ONLY)
file(CONFIGURE OUTPUT ${LSPGEN_SHARE_OUT}/changelog CONTENT [[
lspgen (@PROJECT_VERSION@) unstable; urgency=medium

  * Built from the lspgen source tree with CMake and CPack.

 -- @LSPGEN_MAINTAINER@  @LSPGEN_CHANGELOG_DATE@
]] @ONLY)
add_custom_command(OUTPUT ${LSPGEN_SHARE_OUT}/changelog.gz
  COMMAND gzip -9nkf changelog
  DEPENDS ${LSPGEN_SHARE_OUT}/changelog
  WORKING_DIRECTORY ${LSPGEN_SHARE_OUT})
add_custom_target(lspgen_changelog ALL DEPENDS ${LSPGEN_SHARE_OUT}/changelog.gz)

install(TARGETS lspgen RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# default_themes_dir() (generator/theme/theme.cpp) finds them at
# BINDIR/../share/lspgen/themes, wherever the prefix is.
# The themes' README and screenshots are for theme authors, not for lspgen.
install(DIRECTORY themes/ DESTINATION ${CMAKE_INSTALL_DATADIR}/lspgen/themes
  PATTERN README.md EXCLUDE PATTERN screenshots EXCLUDE)
install(FILES ${LSPGEN_SHARE_OUT}/lspgen.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${LSPGEN_SHARE_OUT}/lspgen.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME lspgen)
install(FILES ${LSPGEN_SHARE_OUT}/_lspgen DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${LSPGEN_SHARE_OUT}/lspgen.fish
  DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
install(FILES ${LSPGEN_SHARE_OUT}/copyright ${LSPGEN_SHARE_OUT}/changelog.gz
  DESTINATION ${CMAKE_INSTALL_DOCDIR})

# cpack -G DEB: lspgen_VERSION_ARCH.deb in the build folder. Its Depends
# come from the shared libraries the binary links (dpkg-shlibdeps, from
# dpkg-dev).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME lspgen)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${LSPGEN_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${LSPGEN_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "websites for Local Strategic Partnerships")
# The long description: CPack puts the summary above it and indents it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "lspgen turns one folder of YAML and Markdown per Local Strategic Partnership
(LSP) into a complete, accessible, transparent static website: who sits on
the partnership, when it meets, what it decided, its strategy documents and
how decisions are made. It checks the links of any static HTML tree, scores
a site against a good-practice checklist, and serves a live preview.")
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
include(CPack)
